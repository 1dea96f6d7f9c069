"""The one widget layer: every field widget set and read as a person types and reads it.

Only this module knows the kinds of widgets (many2one, tags, selection, radio, priority, dates, numbers…),
their selectors, the user's number and date formats (through UserLocale), and the differences between
Odoo versions (the 18.0 <select> versus the 19.0 SelectMenu, the 19.0 date button, the 19.0 many2one
wrapper). Adding a version difference for a widget touches this file only: a selector below, and the
kind's `_set_<kind>` / `_expect_<kind>` methods of FieldWidget.

Forms (pages/components/form.py) and one2many rows (pages/components/one2many.py) find a field's widget
by its technical name and hand it to FieldWidget; business screens call `form.set(name, value)`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from functools import cached_property

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from odoo_uat.values import parse_bool
from pages.components.dialog import ACTIVE_DIALOG
from pages.components.labels import (
    FieldInfo,
    label_list,
    normalise_label,
    widget_selector,
)
from pages.components.menu import OPEN_DROPDOWN
from pages.components.pending_calls import answered, settle
from pages.components.user_locale import (  # noqa: F401 - also read from here by steps/ and tests/
    AMOUNT,
    UserLocale,
    as_datetime,
    is_date,
    parse_date,
    record_name_pattern,
    text_pattern,
)

Real = Callable[[str], str]
# What a field is set to: a scenario's text, or a number a business screen gives as it is.
Value = str | int | float

# Many2one (and tags) autocomplete: 19.0 wraps the input in one more div.o_many2one; these hold for both.
AUTOCOMPLETE = ".o-autocomplete"
AUTOCOMPLETE_INPUT = "input.o-autocomplete--input"
SUGGESTION_MENU = "ul.o-autocomplete--dropdown-menu"
SUGGESTION = f"{SUGGESTION_MENU} li.o-autocomplete--dropdown-item"
SUGGESTION_LOADING = ".o_loading"
# When the record is not among the first suggestions, "Search More..." opens a list of all matches.
SEARCH_MORE = f"{SUGGESTION}.o_m2o_dropdown_option_search_more"
# The autocomplete searches once typing pauses (Odoo's 250 ms debounce), shows "Loading..." and then what it found,
# inside its own root (web/core/autocomplete, 18.0 and 19.0). Waited for in the page at every frame: expect() polls
# at growing intervals (up to 500 ms apart), which would add up to half a second to every choice.
SUGGESTIONS_LISTED_JS = """({input, root, suggestion, loading}) => {
  const found = input.closest(root)?.querySelector(suggestion);
  return !!found && !found.parentElement.querySelector(loading);
}"""
# A list's records and their cells (lists of lines, the main list, the "Search More..." dialog's list).
DATA_ROW = ".o_data_row"
DATA_CELL = "td.o_data_cell"
DIALOG_ROW = f"{ACTIVE_DIALOG} {DATA_ROW}"
DIALOG_CELL = DATA_CELL
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
TOOLTIP_HOLDER = f"button{TOOLTIP}, span{TOOLTIP}"
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
WIDGET_PARTS = {"priority": PRIORITY, "favorite": FAVORITE, "tags": TAGS, "autocomplete": AUTOCOMPLETE_INPUT,
                "select": SELECT, "selectMenu": SELECT_MENU_INPUT, "radio": RADIO_INPUT, "checkbox": CHECKBOX, "editor": EDITOR, "textarea": TEXTAREA, "input": TEXT_INPUT}
WIDGET_FEATURES_JS = f"""w => ({{classes: w.className,
  {", ".join(f"{key}: !!w.querySelector({json.dumps(selector)})" for key, selector in WIDGET_PARTS.items())}}})"""
# A date shown as `text` (the whole value, or its start for a datetime) in any of the field's forms.
DAY_SHOWN_JS = """({widget, input, tooltip, text, whole}) => {
  const shown = [...widget.querySelectorAll(input)].map(i => i.value)
    .concat([...widget.querySelectorAll(tooltip)].map(e => e.dataset.tooltip), [widget.textContent]);
  return shown.some(s => whole ? s.trim() === text : s.trim().startsWith(text));
}"""
# How many times a value is typed while Odoo's answer to an earlier change replaces it.
TYPINGS = 3
NUMBER_TYPES = {"integer", "float", "monetary"}
NUMBER_CLASSES = {"o_field_integer", "o_field_float", "o_field_monetary", "o_field_percentage", "o_field_float_time"}
# Widgets told by a part of their markup alone, in this order (a tags field holds an autocomplete too).
MARKED_KINDS = (("priority", "priority"), ("favorite", "favorite"), ("tags", "tags"), ("radio", "radio"),
                ("select", "select"), ("selectMenu", "selectmenu"))


def widget_kind(features: dict, field_type: str | None = None) -> str:
    """What kind of input a field widget is, from its markup (and Odoo's field type when known)."""
    classes = set(str(features.get("classes", "")).split())
    marked = next((kind for part, kind in MARKED_KINDS if features.get(part)), None)
    if marked:
        return marked
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
        self.page = root.page
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

    def set(self, value: Value, real: Real = str, search: str | None = None) -> None:
        """Enter `value` the way a person would for this kind of field, and wait until the field shows it.

        What an earlier change asked Odoo (a line's product onchange) is answered first, so that its
        answer cannot overwrite the value typed here; a value Odoo still replaces is typed again.
        `search` is what to type to find a record whose shown name is not searchable as a whole.
        """
        with answered(self.page):
            if self.readonly:
                raise AssertionError(f'"{self.label}" is read-only here and cannot be set to "{value}".')
            kind = self.kind
            if kind == "number":
                self._set_number(value)
            elif kind in ("many2one", "tags"):
                getattr(self, f"_set_{kind}")(self._text(value), real, search)
            else:
                getattr(self, f"_set_{kind}")(self._text(value), real)

    def add(self, value: str, real: Real = str, search: str | None = None) -> None:
        """Add one record to a tags field, keeping those it has."""
        if self.kind != "tags":
            raise AssertionError(f'"{self.label}" is not a field of tags: a value is set, not added.')
        with answered(self.page):
            self._add_tag(real(value), search)

    def expect(self, value: Value, real: Real = str) -> None:
        """Wait until the widget shows `value` (numbers by value, dates by day, records by name)."""
        kind = self.kind
        try:
            if kind == "number":
                self._expect_number(value)
            else:
                getattr(self, f"_expect_{kind}")(self._text(value), real)
        except AssertionError:
            raise AssertionError(f'"{self.label}" should be "{value}" but shows "{self.shown()}".') from None

    @staticmethod
    def _text(value: Value) -> str:
        return value if isinstance(value, str) else plain_number(float(value))

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
        tooltip = self.root.locator(TOOLTIP_HOLDER)
        if kind in ("date", "datetime") and tooltip.count():
            return tooltip.first.get_attribute("data-tooltip") or ""
        for selector in (TEXTAREA, TEXT_INPUT):
            editable = self.root.locator(selector)
            if editable.count():
                return editable.first.input_value()
        return " ".join(self.root.inner_text().split())

    # -- setting, by kind -------------------------------------------------

    def _choose(self, name: str, search: str | None = None) -> None:
        """Type a record's name (or `search`) in the autocomplete and choose it (through "Search More..." if need be)."""
        page = self.page
        field_input = self.root.locator(AUTOCOMPLETE_INPUT).first
        # fill() focuses without a click: the dropdown opens with the matches of `name` only,
        # never with the list a click on the empty input shows.
        field_input.fill(search or name)
        exact, more = suggestion(page, name), page.locator(SEARCH_MORE)
        try:
            page.wait_for_function(SUGGESTIONS_LISTED_JS, arg={
                "input": field_input.element_handle(), "root": AUTOCOMPLETE, "suggestion": SUGGESTION,
                "loading": SUGGESTION_LOADING})
            expect(exact.or_(more).first).to_be_visible()
        except (AssertionError, PlaywrightTimeoutError):
            raise AssertionError(
                f'"{name}" is not among the choices of "{self.label}". It offers: '
                f'{", ".join(suggestions(page)) or "nothing"}.') from None
        if exact.count():
            exact.click()
            expect(page.locator(SUGGESTION)).to_have_count(0)
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

    def _set_many2one(self, value: str, real: Real, search: str | None = None) -> None:
        name = real(value)
        self._choose(name, search)
        expect(self.root.locator(AUTOCOMPLETE_INPUT).first).to_have_value(text_pattern(name, whole=False))

    def _add_tag(self, name: str, search: str | None = None) -> None:
        self._choose(name, search)
        expect(self.root.locator(TAG).filter(has_text=record_name_pattern(name))).to_have_count(1)

    def _set_tags(self, value: str, real: Real, search: str | None = None) -> None:
        tags = self.root.locator(TAG)
        for remaining in range(tags.count(), 0, -1):
            self.root.locator(TAG_DELETE).first.click()
            expect(tags).to_have_count(remaining - 1)
        for item in (part.strip() for part in value.split(",")):
            if not item:
                continue
            self._add_tag(real(item), search)

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
        self._expect_date(value, real)

    def _set_datetime(self, value: str, real: Real) -> None:
        self._type_date(self.locale.datetime_text(as_datetime(parse_date(value))) if is_date(value) else value)
        self._expect_datetime(value, real)

    def _type_date(self, text: str) -> None:
        self.root.locator(DATE_OPENER).first.click()
        date_input = self.root.locator(TEXT_INPUT).first
        date_input.fill(text)
        date_input.press("Enter")

    def _set_number(self, value: Value) -> None:
        number = self.locale.number_value(value)
        self._type(TEXT_INPUT, self.locale.number_text(number), self.locale.number_pattern(number))

    def _set_char(self, value: str, real: Real) -> None:
        self._type(TEXT_INPUT, real(value), text_pattern(real(value)))

    def _set_text(self, value: str, real: Real) -> None:
        self._type(TEXTAREA, real(value), text_pattern(real(value)))

    def _set_html(self, value: str, real: Real) -> None:
        editor = self.root.locator(EDITOR).first
        editor.fill(value)
        editor.blur()

    def _type(self, selector: str, text: str, shown: re.Pattern[str]) -> None:
        """Type `text`, leave the field, and type it again while Odoo's answer replaces it (issue 11)."""
        editable = self.root.locator(selector).first
        for _ in range(TYPINGS):
            editable.fill(text)
            editable.blur()  # leaving the field commits it (a 'change' event), as a person tabbing out does
            settle(self.page)
            if shown.search(editable.input_value()):
                return
        raise AssertionError(f'"{self.label}" was typed "{text}" {TYPINGS} times, and each time Odoo replaced it: '
                             f'it shows "{editable.input_value()}".')

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
        # One wait over every form the field takes: its input, 19.0's short button (the full value in its tooltip)
        # and a read-only text. Odoo re-renders it from one form to another, briefly showing neither.
        try:
            self.page.wait_for_function(DAY_SHOWN_JS, arg={
                "widget": self.root.element_handle(), "input": TEXT_INPUT, "tooltip": TOOLTIP_HOLDER,
                "text": text.strip(), "whole": whole})
        except PlaywrightTimeoutError:
            raise AssertionError(f'"{self.label}" should show "{text}" but shows "{self.shown()}".') from None

    def _expect_number(self, value: Value) -> None:
        self._expect_shown(self.locale.number_pattern(self.locale.number_value(value)))

    def _expect_char(self, value: str, real: Real) -> None:
        self._expect_shown(text_pattern(real(value)))

    _expect_text = _expect_char
    _expect_html = _expect_char


def suggestion(page: Page, text: str) -> Locator:
    """The autocomplete suggestion whose whole text is `text` (or ends with it, after a [code])."""
    # 19.0 highlights the typed part in a <span>, so match the item's whole text.
    return page.locator(SUGGESTION).filter(has_text=record_name_pattern(text)).first


def suggestions(page: Page) -> list[str]:
    """The texts of the suggestions shown (for error messages)."""
    return [" ".join(text.split()) for text in page.locator(SUGGESTION).all_inner_texts()]


def plain_number(value: float) -> str:
    """A number as text without locale (for a number given to a field that is not a number)."""
    return f"{value:.10f}".rstrip("0").rstrip(".")


class FieldRegion:
    """Where field widgets are found by technical name: a form, or a one2many row being edited.

    A subclass gives `root`, `fields` (the model's metadata, maybe empty) and `locale`, and may find
    fields by label too (`field_name`).
    """

    root: Locator
    fields: dict[str, FieldInfo]
    locale: UserLocale

    def field_name(self, label: str) -> str:
        """The technical name of the field `label` names (here: the name itself)."""
        return label

    def widget_root(self, name: str) -> Locator:
        """Where the widget of field `name` is rendered."""
        return self.root.locator(widget_selector(name)).first

    def widget(self, label: str) -> FieldWidget:
        """The widget of the field named (or labelled) `label`."""
        return self.named_widget(self.field_name(label), label)

    def named_widget(self, name: str, label: str | None = None) -> FieldWidget:
        """The widget of field `name`, called `label` in messages."""
        return FieldWidget(self.widget_root(name), label or name, self.fields.get(name), self.locale)

    def set(self, label: str, value: Value, real: Real = str, search: str | None = None) -> None:
        """Set the field named (or labelled) `label` to `value`, and wait until it shows it."""
        self.widget(label).set(value, real, search)

    def expect_value(self, label: str, value: Value, real: Real = str) -> None:
        """Wait until the field named (or labelled) `label` shows `value`."""
        self.widget(label).expect(value, real)
