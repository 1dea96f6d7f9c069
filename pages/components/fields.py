"""Setting and reading any field widget by what a person types and reads, and forms whose fields are found by label."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import Callable

from playwright.sync_api import Locator, Page, expect

from odoo_uat.authoring.values import parse_bool, parse_number
from pages.components.dialog import ACTIVE_DIALOG, DIALOG_FORM
from pages.components.form import MAIN_FORM
from pages.components.labels import (
    FIELD_LABEL,
    FIELD_WIDGET,
    FieldInfo,
    UnknownLabel,
    WebSession,
    column_labels,
    display_labels,
    display_value,
    field_names,
    form_labels,
    label_list,
    label_pattern,
    match_label,
    metadata_labels,
    normalise_label,
    titled_labels,
    widget_selector,
)
from pages.components.many2one import INPUT as AUTOCOMPLETE_INPUT
from pages.components.many2one import SUGGESTION, suggestion, suggestions
from pages.components.menu import OPEN_DROPDOWN
from pages.components.one2many import One2ManyLines

Real = Callable[[str], str]

# When the record is not among the first suggestions, "Search More..." opens a list of all matches.
SEARCH_MORE = f"{SUGGESTION}.o_m2o_dropdown_option_search_more"
DIALOG_ROW = f"{ACTIVE_DIALOG} .o_data_row"
DIALOG_CELL = "td.o_data_cell"
NOTEBOOK_TAB = ".o_notebook_headers .nav-link"
ACTIVE_TAB = "active"
X2MANY_LIST = f"{FIELD_WIDGET}.o_field_one2many, {FIELD_WIDGET}.o_field_many2many"
ADD_LINE_CELL = "td.o_field_x2many_list_row_add"
READONLY = "o_readonly_modifier"
TAG = ".o_tag"
TAG_DELETE = ".o_tag .o_delete"
CHECKBOX = "input[type=checkbox]"
RADIO_ITEM = ".o_radio_item"
RADIO_INPUT = "input[type=radio]"
RADIO_LABEL = "label"
OPTION = "option"
CHECKED_RADIO_LABEL = ".o_radio_item:has(input:checked) label"
SELECT = "select"
SELECTED_OPTION = "select option:checked"
# 19.0 replaced the selection field's <select> by a SelectMenu: an input that opens a dropdown.
SELECT_MENU_INPUT = "input.o_select_menu_toggler"
SELECT_MENU_ITEM = f"{OPEN_DROPDOWN} .o_select_menu_item"
DATE_OPENER = "button, input"
# 19.0 shows a set date as a button with a short text ("Dec 31, 12:00 PM"); its tooltip has the full value.
TOOLTIP = "[data-tooltip]"
EDITOR = "[contenteditable=true]"
TEXTAREA = "textarea:not(.d-none)"
TEXT_INPUT = "input:not([type=checkbox]):not([type=radio])"
TAGS = ".o_field_tags"
# Priority stars: one star per choice after the first, the current one aria-checked; clicking the
# current star sets the first choice back (web.PriorityField, 18.0 and 19.0).
PRIORITY = ".o_priority"
PRIORITY_STAR = ".o_priority_star"
CHECKED_STAR = f"{PRIORITY_STAR}[aria-checked=true]"
# A favourite star: a full star when set (web.BooleanFavoriteField, 18.0 and 19.0).
FAVORITE = ".o_favorite"
FAVORITE_SET = ".o_favorite i.fa-star"
# What a widget holds, by the selectors above: enough to tell how to type into it.
WIDGET_PARTS = {"priority": PRIORITY, "favorite": FAVORITE, "tags": TAGS, "autocomplete": AUTOCOMPLETE_INPUT, "select": SELECT, "selectMenu": SELECT_MENU_INPUT,
                "radio": RADIO_INPUT, "checkbox": CHECKBOX, "editor": EDITOR, "textarea": TEXTAREA, "input": TEXT_INPUT}
WIDGET_FEATURES_JS = f"""w => ({{classes: w.className,
  {", ".join(f"{key}: !!w.querySelector({json.dumps(selector)})" for key, selector in WIDGET_PARTS.items())}}})"""
NUMBER_TYPES = {"integer", "float", "monetary"}
NUMBER_CLASSES = {"o_field_integer", "o_field_float", "o_field_monetary", "o_field_percentage", "o_field_float_time"}

# Dates a scenario may write: today, tomorrow, yesterday, "today + 3 days", "today - 2 weeks", 2026-12-31.
RELATIVE_DATE = re.compile(r"^\s*(today|tomorrow|yesterday)\s*(?:([+-])\s*(\d+)\s*(day|week)s?)?\s*$", re.IGNORECASE)
ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")
DAY_OFFSETS = {"today": 0, "tomorrow": 1, "yesterday": -1}
UNIT_DAYS = {"day": 1, "week": 7}
# A date typed into a datetime field gets midday: whatever the user's timezone, it stays that day.
DEFAULT_TIME = time(12, 0)
MINUS = "\\-\u2212"  # inside a character class
# A value written as an amount: digits and separators, maybe a sign and a currency symbol ("$ 1,250.00", "-5").
AMOUNT = re.compile(r"^\s*[^\w\s]?\s*[-\u2212]?\s*[^\w\s]?\s*\d[\d.,\s\u00a0\u202f]*[^\w\s]?\s*$")


def is_date(text: str) -> bool:
    """Whether `text` is a date expression this suite understands."""
    return bool(RELATIVE_DATE.match(text) or ISO_DATE.match(text))


def parse_date(text: str, today: date | None = None) -> date | datetime:
    """'today', 'today + 3 days', 'tomorrow', '2026-12-31', '2026-12-31 14:30' -> a date (or datetime with a time)."""
    today = today or date.today()
    relative = RELATIVE_DATE.match(text)
    if relative:
        word, sign, count, unit = relative.groups()
        days = DAY_OFFSETS[word.casefold()]
        if sign:
            days += (1 if sign == "+" else -1) * int(count) * UNIT_DAYS[unit.casefold()]
        return today + timedelta(days=days)
    iso = ISO_DATE.match(text)
    if iso:
        year, month, day, hour, minute, second = iso.groups()
        if hour is None:
            return date(int(year), int(month), int(day))
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    raise ValueError(f"{text!r} is not a date: write today, today + 3 days, tomorrow, or 2026-12-31")


def as_datetime(value: date | datetime) -> datetime:
    """A date at midday, a datetime as it is."""
    return value if isinstance(value, datetime) else datetime.combine(value, DEFAULT_TIME)


def text_pattern(text: str, whole: bool = True) -> re.Pattern[str]:
    """Case-insensitive pattern of a text whatever its spacing."""
    body = r"\s+".join(re.escape(word) for word in text.split())
    return re.compile(rf"^\s*{body}\s*$" if whole else body, re.IGNORECASE)


def record_name_pattern(name: str) -> re.Pattern[str]:
    """A record's display name, maybe after an [internal reference]."""
    body = r"\s+".join(re.escape(word) for word in name.split())
    return re.compile(rf"^\s*(\[[^\]]*\]\s*)?{body}\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class UserLocale:
    """How the logged-in user's language writes dates and numbers (res.lang)."""

    date_format: str = "%m/%d/%Y"
    time_format: str = "%H:%M:%S"
    decimal_point: str = "."
    thousands_sep: str = ","

    @classmethod
    def of(cls, session: WebSession) -> "UserLocale":
        """The locale of the session's user."""
        lang = session.user_context.get("lang") or "en_US"
        found = session.call("res.lang", "search_read", [["code", "=", lang]],
                             fields=["date_format", "time_format", "decimal_point", "thousands_sep"], limit=1)
        if not found:
            return cls()
        row = found[0]
        return cls(row["date_format"], row["time_format"], row["decimal_point"] or ".", row["thousands_sep"] or "")

    def date_text(self, value: date) -> str:
        """A date as the user types it."""
        return value.strftime(self.date_format)

    def datetime_text(self, value: datetime) -> str:
        """A date and time as the user types it."""
        return value.strftime(f"{self.date_format} {self.time_format}")

    def number_text(self, value: float) -> str:
        """A number as the user types it (no thousands separators)."""
        text = f"{value:.10f}".rstrip("0").rstrip(".")
        return text.replace(".", self.decimal_point)

    def number_pattern(self, value: float) -> re.Pattern[str]:
        """The number as shown, with or without separators, trailing zeros and a currency symbol."""
        whole, _, decimals = f"{abs(value):.10f}".rstrip("0").partition(".")
        head = len(whole) % 3 or 3
        groups = [whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)]
        separator = f"(?:{re.escape(self.thousands_sep)}|\u00a0|\u202f)?" if self.thousands_sep else ""
        digits = separator.join(groups)
        point = re.escape(self.decimal_point)
        fraction = f"{point}{decimals}0*" if decimals else f"(?:{point}0*)?"
        sign = f"[^\\d]*[{MINUS}][^\\d]*" if value < 0 else f"[^\\d{MINUS}]*"
        return re.compile(rf"^{sign}{digits}{fraction}[^\d]*$")


def widget_kind(features: dict, field_type: str | None = None) -> str:
    """What kind of input a field widget is, from its markup (and Odoo's field type when known)."""
    classes = set(str(features.get("classes", "")).split())
    if features.get("priority"):
        return "priority"
    if features.get("favorite"):
        return "favorite"
    if features.get("tags"):
        return "tags"
    if features.get("radio"):
        return "radio"
    if features.get("select"):
        return "select"
    if features.get("selectMenu"):
        return "selectmenu"
    if field_type in ("char", "text") and features.get("input"):
        return "char"  # a text field that suggests values as you type (a contact's name)
    if features.get("autocomplete"):
        return "many2one"
    if features.get("checkbox"):
        return "boolean"
    if field_type in ("date", "datetime"):
        return field_type
    if classes & {"o_field_datetime", "o_field_daterange"}:
        return "datetime"
    if "o_field_date" in classes:
        return "date"
    if field_type in NUMBER_TYPES or classes & NUMBER_CLASSES:
        return "number"
    if field_type == "many2one" or "o_field_many2one" in classes:
        return "many2one"
    if features.get("editor") or field_type == "html":
        return "html"
    if features.get("textarea"):
        return "text"
    if features.get("input"):
        return "char"
    return "text"


class FieldWidget:
    """One field's widget (`.o_field_widget[name=…]`) in a form or in an edited list row."""

    def __init__(self, root: Locator, label: str, info: FieldInfo | None, locale: UserLocale) -> None:
        self.root = root
        self.label = label
        self.info = info
        self.locale = locale

    @cached_property
    def features(self) -> dict:
        """What the widget's markup holds (read once, after it is shown)."""
        expect(self.root).to_be_attached()
        return self.root.evaluate(WIDGET_FEATURES_JS)

    @property
    def kind(self) -> str:
        """The kind of input (many2one, tags, select, selectmenu, radio, boolean, date, datetime, number, text…)."""
        return widget_kind(self.features, self.info.type if self.info else None)

    @property
    def readonly(self) -> bool:
        """Whether the field cannot be edited here."""
        return READONLY in str(self.features.get("classes", "")).split()

    def set(self, value: str, real: Real = str) -> None:
        """Enter `value` the way a person would for this kind of field."""
        if self.readonly:
            raise AssertionError(f'"{self.label}" is read-only here and cannot be set to "{value}".')
        kind = self.kind
        setter = getattr(self, f"_set_{kind}")
        setter(value, real)

    def expect(self, value: str, real: Real = str) -> None:
        """Wait until the widget shows `value` (numbers by value, dates by day, records by name)."""
        kind = self.kind
        try:
            getattr(self, f"_expect_{kind}")(value, real)
        except AssertionError:
            raise AssertionError(f'"{self.label}" should be "{value}" but shows "{self.shown()}".') from None

    def shown(self) -> str:
        """The widget's value as displayed (for messages)."""
        kind = self.kind
        if kind == "boolean":
            return "yes" if self.root.locator(CHECKBOX).first.is_checked() else "no"
        if kind == "favorite":
            return "yes" if self.root.locator(FAVORITE_SET).count() else "no"
        if kind == "priority":
            return self._priority_shown()
        if kind == "tags":
            return ", ".join(t.strip() for t in self.root.locator(TAG).all_inner_texts())
        if kind == "select":
            return self.root.locator(SELECTED_OPTION).first.inner_text().strip()
        if kind == "radio":
            checked = self.root.locator(CHECKED_RADIO_LABEL)
            return checked.first.inner_text().strip() if checked.count() else ""
        tooltip = self.root.locator(f"button{TOOLTIP}, span{TOOLTIP}")
        if kind in ("date", "datetime") and tooltip.count():
            return tooltip.first.get_attribute("data-tooltip") or ""
        for selector in (TEXTAREA, TEXT_INPUT):
            editable = self.root.locator(selector)
            if editable.count():
                return editable.first.input_value()
        return " ".join(self.root.inner_text().split())

    # -- setting, by kind -------------------------------------------------

    def _choose(self, name: str) -> None:
        """Type a record's name in the autocomplete and choose it (through "Search More..." if need be)."""
        page = self.root.page
        field_input = self.root.locator(AUTOCOMPLETE_INPUT).first
        # fill() focuses without a click: the dropdown opens with the matches of `name` only,
        # never with the list a click on the empty input shows.
        field_input.fill(name)
        exact, more = suggestion(page, name), page.locator(SEARCH_MORE)
        try:
            expect(exact.or_(more).first).to_be_visible()
        except AssertionError:
            raise AssertionError(
                f'"{name}" is not among the choices of "{self.label}". It offers: '
                f'{", ".join(suggestions(page)) or "nothing"}.') from None
        if exact.count():
            exact.click()
            return
        more.first.click()
        rows = page.locator(DIALOG_ROW).filter(has=page.locator(DIALOG_CELL, has_text=record_name_pattern(name)))
        try:
            expect(rows.first).to_be_visible()
        except AssertionError:
            found = [" ".join(text.split()) for text in page.locator(DIALOG_ROW).all_inner_texts()]
            raise AssertionError(f'"{name}" is not among the choices of "{self.label}". Searching it finds: '
                                 f'{label_list(found)}.') from None
        rows.first.locator(DIALOG_CELL).filter(has_text=record_name_pattern(name)).first.click()

    def _set_many2one(self, value: str, real: Real) -> None:
        name = real(value)
        self._choose(name)
        expect(self.root.locator(AUTOCOMPLETE_INPUT).first).to_have_value(text_pattern(name, whole=False))

    def _set_tags(self, value: str, real: Real) -> None:
        tags = self.root.locator(TAG)
        for remaining in range(tags.count(), 0, -1):
            self.root.locator(TAG_DELETE).first.click()
            expect(tags).to_have_count(remaining - 1)
        for item in (part.strip() for part in value.split(",")):
            if not item:
                continue
            name = real(item)
            self._choose(name)
            expect(tags.filter(has_text=record_name_pattern(name))).to_have_count(1)

    def _set_select(self, value: str, real: Real) -> None:
        options = [" ".join(text.split()) for text in self.root.locator(OPTION).all_inner_texts()]
        index = next((i for i, text in enumerate(options) if normalise_label(text) == normalise_label(value)), None)
        if index is None:
            raise AssertionError(f'"{self.label}" has no choice "{value}". Its choices: {label_list(options)}.')
        self.root.locator(SELECT).first.select_option(index=index)
        expect(self.root.locator(SELECTED_OPTION).first).to_have_text(text_pattern(value))

    def _set_selectmenu(self, value: str, real: Real) -> None:
        self.root.locator(SELECT_MENU_INPUT).first.click()
        items = self.root.page.locator(SELECT_MENU_ITEM)
        expect(items.first).to_be_visible()
        choice = items.filter(has_text=text_pattern(value))
        if not choice.count():
            raise AssertionError(
                f'"{self.label}" has no choice "{value}". Its choices: {label_list(items.all_inner_texts())}.')
        choice.first.click()
        expect(self.root.locator(SELECT_MENU_INPUT).first).to_have_value(text_pattern(value))

    def _set_radio(self, value: str, real: Real) -> None:
        items = self.root.locator(RADIO_ITEM)
        choice = items.filter(has=self.root.page.locator(RADIO_LABEL, has_text=text_pattern(value)))
        if not choice.count():
            raise AssertionError(
                f'"{self.label}" has no choice "{value}". Its choices: {label_list(items.all_inner_texts())}.')
        choice.first.locator(RADIO_INPUT).check()

    def _priority_choices(self) -> list[str]:
        """The priority's choices, in order; the first has no star of its own."""
        stars = [label or "" for label in self.root.locator(PRIORITY_STAR).evaluate_all(
            "els => els.map(el => el.getAttribute('aria-label'))")]
        first = self.info.selection[0][1] if self.info and self.info.selection else "none"
        return [first, *stars]

    def _priority_shown(self) -> str:
        checked = self.root.locator(CHECKED_STAR)
        return checked.first.get_attribute("aria-label") or "" if checked.count() else self._priority_choices()[0]

    def _priority_index(self, value: str) -> int:
        """The index of the choice `value` names: its label, or yes/no for a single star."""
        choices = self._priority_choices()
        wanted = normalise_label(value)
        index = next((i for i, text in enumerate(choices) if normalise_label(text) == wanted), None)
        if index is None and len(choices) == 2:
            try:
                index = int(parse_bool(value))
            except ValueError:
                index = None
        if index is None:
            raise AssertionError(f'"{self.label}" has no choice "{value}". Its choices: {label_list(choices)}.')
        return index

    def _set_priority(self, value: str, real: Real) -> None:
        index = self._priority_index(value)
        stars = self.root.locator(PRIORITY_STAR)
        checked = self.root.locator(CHECKED_STAR)
        if index == 0:
            if checked.count():
                checked.first.click()  # the current star again: back to the first choice
            expect(checked).to_have_count(0)
            return
        star = stars.nth(index - 1)
        if star.get_attribute("aria-checked") != "true":
            star.click()
        expect(star).to_have_attribute("aria-checked", "true")

    def _expect_priority(self, value: str, real: Real) -> None:
        index = self._priority_index(value)
        if index == 0:
            expect(self.root.locator(CHECKED_STAR)).to_have_count(0)
        else:
            expect(self.root.locator(PRIORITY_STAR).nth(index - 1)).to_have_attribute("aria-checked", "true")

    def _set_favorite(self, value: str, real: Real) -> None:
        wanted = parse_bool(value)
        if bool(self.root.locator(FAVORITE_SET).count()) != wanted:
            self.root.locator(FAVORITE).first.click()
        self._expect_favorite(value, real)

    def _expect_favorite(self, value: str, real: Real) -> None:
        expect(self.root.locator(FAVORITE_SET)).to_have_count(1 if parse_bool(value) else 0)

    def _set_boolean(self, value: str, real: Real) -> None:
        self.root.locator(CHECKBOX).first.set_checked(parse_bool(value))

    def _set_date(self, value: str, real: Real) -> None:
        self._type_date(self.locale.date_text(parse_date(value)) if is_date(value) else value)

    def _set_datetime(self, value: str, real: Real) -> None:
        self._type_date(self.locale.datetime_text(as_datetime(parse_date(value))) if is_date(value) else value)

    def _type_date(self, text: str) -> None:
        self.root.locator(DATE_OPENER).first.click()
        date_input = self.root.locator(TEXT_INPUT).first
        date_input.fill(text)
        date_input.press("Enter")

    def _set_number(self, value: str, real: Real) -> None:
        self._type(TEXT_INPUT, self.locale.number_text(parse_number(value)))

    def _set_char(self, value: str, real: Real) -> None:
        self._type(TEXT_INPUT, real(value))

    def _set_text(self, value: str, real: Real) -> None:
        self._type(TEXTAREA, real(value))

    def _set_html(self, value: str, real: Real) -> None:
        self._type(EDITOR, value)

    def _type(self, selector: str, text: str) -> None:
        editable = self.root.locator(selector).first
        editable.fill(text)
        editable.blur()  # leaving the field commits it (a 'change' event), as a person tabbing out does

    # -- expecting, by kind ---------------------------------------------------

    def _expect_shown(self, pattern: re.Pattern[str]) -> None:
        """The input's value, or the widget's text when read-only, matches."""
        for selector in (TEXTAREA, TEXT_INPUT):
            editable = self.root.locator(selector)
            if editable.count():
                expect(editable.first).to_have_value(pattern)
                return
        expect(self.root).to_have_text(pattern)

    def _expect_many2one(self, value: str, real: Real) -> None:
        self._expect_shown(record_name_pattern(real(value)))

    def _expect_tags(self, value: str, real: Real) -> None:
        names = [real(part.strip()) for part in value.split(",") if part.strip()]
        tags = self.root.locator(TAG)
        expect(tags).to_have_count(len(names))
        for name in names:
            expect(tags.filter(has_text=record_name_pattern(name))).to_have_count(1)

    def _expect_select(self, value: str, real: Real) -> None:
        expect(self.root.locator(SELECTED_OPTION).first).to_have_text(text_pattern(value))

    def _expect_selectmenu(self, value: str, real: Real) -> None:
        expect(self.root.locator(SELECT_MENU_INPUT).first).to_have_value(text_pattern(value))

    def _expect_radio(self, value: str, real: Real) -> None:
        expect(self.root.locator(CHECKED_RADIO_LABEL).first).to_have_text(text_pattern(value))

    def _expect_boolean(self, value: str, real: Real) -> None:
        expect(self.root.locator(CHECKBOX).first).to_be_checked(checked=parse_bool(value))

    def _expect_date(self, value: str, real: Real) -> None:
        self._expect_day(value, whole=True)

    def _expect_datetime(self, value: str, real: Real) -> None:
        self._expect_day(value, whole=False)

    def _expect_day(self, value: str, whole: bool) -> None:
        """The date shown is that day (a datetime's time is not compared unless the scenario gives one)."""
        when = parse_date(value) if is_date(value) else None
        if isinstance(when, datetime):
            text = self.locale.datetime_text(when)
        elif when is not None:
            text = self.locale.date_text(when)
        else:
            text = value
        pattern = re.compile(rf"^\s*{re.escape(text)}" + (r"\s*$" if whole else ""))
        tooltip = self.root.locator(f"button{TOOLTIP}, span{TOOLTIP}")
        if not self.root.locator(TEXT_INPUT).count() and tooltip.count():
            expect(tooltip.first).to_have_attribute("data-tooltip", pattern)
        else:
            self._expect_shown(pattern)

    def _expect_number(self, value: str, real: Real) -> None:
        self._expect_shown(self.locale.number_pattern(parse_number(value)))

    def _expect_char(self, value: str, real: Real) -> None:
        self._expect_shown(text_pattern(real(value)))

    _expect_text = _expect_char
    _expect_html = _expect_char


class LabelledForm:
    """The form on screen (a dialog's when one is open), its fields found by the labels a person reads."""

    def __init__(self, page: Page) -> None:
        self.page = page
        dialog_form = page.locator(DIALOG_FORM).last
        self.in_dialog = dialog_form.is_visible()
        self.root = dialog_form if self.in_dialog else page.locator(MAIN_FORM).first
        expect(self.root).to_be_visible()
        self.session = WebSession.of(page)

    @cached_property
    def locale(self) -> UserLocale:
        """The logged-in user's date and number formats."""
        return UserLocale.of(self.session)

    @cached_property
    def model(self) -> str | None:
        """The form's model (unknown for a dialog's form: its labels on screen are used alone)."""
        return None if self.in_dialog else self.session.current_model()

    @cached_property
    def fields(self) -> dict[str, FieldInfo]:
        """The form model's fields, in the user's language."""
        return self.session.fields(self.model) if self.model else {}

    # -- finding fields by label ----------------------------------------------

    def _on_screen(self, label: str) -> str | None:
        """The field a label names in what the form shows now: its labels, then field metadata, then technical names.

        Fields without a label of their own (a contact's name in the form's title) are found by the label the
        model gives them ("Name"), or by the title's label and that ("Product Name").
        """
        shown = field_names(self.root)
        labels = form_labels(self.root)
        return (match_label(label, labels)
                or match_label(label, metadata_labels(self.fields, shown))
                or match_label(label, titled_labels(labels, self.fields))
                or (label.strip() if label.strip() in shown else None))

    def _known_labels(self, listed: set[str]) -> str:
        """The field labels shown now and not `listed` yet, naming the notebook tab they are on."""
        texts = [text for text, _ in form_labels(self.root) if normalise_label(text) not in listed]
        listed.update(normalise_label(text) for text in texts)
        tab = self.root.locator(f"{NOTEBOOK_TAB}.{ACTIVE_TAB}")
        if not tab.count():
            return label_list(texts)
        return f'on the "{tab.first.inner_text().strip()}" tab: {label_list(texts)}'

    def _other_tabs(self) -> list[Locator]:
        """The notebook tabs not shown now, found by their titles (a change may hide a tab meanwhile)."""
        tabs = self.root.locator(NOTEBOOK_TAB)
        titles = [" ".join(text.split()) for text in tabs.all_inner_texts()]
        active = [ACTIVE_TAB in (cls or "").split() for cls in tabs.evaluate_all("els => els.map(el => el.className)")]
        return [tabs.filter(has_text=text_pattern(title)).first
                for title, is_active in zip(titles, active) if title and not is_active]

    def field_name(self, label: str) -> str:
        """The name of the field labelled `label`, opening notebook tabs to find it if need be."""
        name = self._on_screen(label)
        if name:
            return name
        listed: set[str] = set()
        seen = [self._known_labels(listed)]
        for tab in self._other_tabs():
            if not tab.count():
                continue
            tab.click()
            expect(tab).to_have_class(re.compile(rf"\b{ACTIVE_TAB}\b"))
            name = self._on_screen(label)
            if name:
                return name
            seen.append(self._known_labels(listed))
        try:  # the label may still be on its way (a field shown once another is set)
            expect(self.root.locator(FIELD_LABEL).filter(has_text=label_pattern(label)).first).to_be_visible()
        except AssertionError:
            raise UnknownLabel(f'This form has no field "{label}". Its labels: {"; ".join(seen)}.') from None
        return self._on_screen(label) or label

    def field(self, label: str) -> FieldWidget:
        """The widget of the field labelled `label`."""
        name = self.field_name(label)
        return FieldWidget(self.root.locator(widget_selector(name)).first, label,
                           self.fields.get(name), self.locale)

    def set(self, label: str, value: str, real: Real = str) -> None:
        """Set the field labelled `label`."""
        self.field(label).set(value, real)

    def expect_value(self, label: str, value: str, real: Real = str) -> None:
        """Wait until the field (or total) labelled `label` shows `value`."""
        if not self._on_screen(label) and match_label(label, ((text, text) for text in display_labels(self.root))):
            cell = display_value(self.root, label)
            if AMOUNT.match(value):
                pattern = self.locale.number_pattern(parse_number(value))
            else:
                pattern = text_pattern(real(value))
            try:
                expect(cell).to_have_text(pattern)
            except AssertionError:
                shown = cell.inner_text().strip()
                raise AssertionError(f'"{label}" should be "{value}" but shows "{shown}".') from None
            return
        self.field(label).expect(value, real)

    # -- one2many lines --------------------------------------------------------

    def _line_lists(self) -> list[Locator]:
        lists = self.root.locator(X2MANY_LIST).filter(has=self.page.locator(ADD_LINE_CELL))
        return [lists.nth(i) for i in range(lists.count()) if lists.nth(i).is_visible()]

    def _columns(self, line_list: Locator) -> tuple[dict[str, FieldInfo], list[tuple[str, str]]]:
        """The line model's fields, and (label, field) of the list's columns then of its other fields."""
        relation = self.fields.get(line_list.get_attribute("name") or "")
        line_fields = self.session.fields(relation.relation) if relation and relation.relation else {}
        headers = column_labels(line_list)
        return line_fields, headers + metadata_labels(line_fields, [name for _, name in headers])

    def _lines_for(self, header: list[str]) -> tuple[Locator, dict[str, FieldInfo], dict[str, str]] | None:
        for line_list in self._line_lists():
            line_fields, columns = self._columns(line_list)
            names = {label: match_label(label, columns) or (label if label in dict(columns).values() else None)
                     for label in header}
            if all(names.values()):
                return line_list, line_fields, names  # type: ignore[return-value]
        return None

    def add_lines(self, datatable: list[list[str]], real: Real = str) -> None:
        """Add one line per table row to the form's lines list whose columns are the table's header."""
        if len(datatable) < 2:
            raise ValueError("The table needs a header row of column labels and one row per line.")
        header = [cell.strip() for cell in datatable[0]]
        found = self._lines_for(header)
        tabs = iter(self._other_tabs())
        seen: list[str] = []
        while found is None:
            seen += [label_list(text for text, _ in column_labels(lst)) for lst in self._line_lists()]
            tab = next(tabs, None)
            while tab is not None and not tab.count():
                tab = next(tabs, None)
            if tab is None:
                raise UnknownLabel(
                    f"No list of lines on this form has the columns {label_list(header)}. "
                    f"Its lists have: {'; '.join(seen) or 'no list of lines'}.")
            tab.click()
            found = self._lines_for(header)
        line_list, line_fields, names = found
        lines = One2ManyLines(line_list)
        for values in datatable[1:]:
            row = lines.add()
            for label, value in zip(header, values):
                if value.strip():
                    name = names[label]
                    cell = row.locator(widget_selector(name)).first
                    FieldWidget(cell, label, line_fields.get(name), self.locale).set(value.strip(), real)
