"""The kinds of field widgets: one class each, that tells it from its markup, sets it, checks it and reads it.

Only this module knows the kinds of widgets (many2one, tags, selection, radio, priority, dates, numbers…),
their selectors, how the user's numbers and dates are typed (through UserLocale), and the differences between
Odoo versions (the 18.0 <select> versus the 19.0 SelectMenu, the 19.0 date button, the 19.0 many2one wrapper).
Adding a widget, or a version difference for one, touches this file only: a Widget subclass with its
selectors, put in WIDGETS where its detection belongs.

A selector one kind uses lives in its class; those several kinds share live at the top; what every kind
shares (the Widget class, the retry loop, reading a value as text) is in pages/components/widget_base.py.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from odoo_uat.values import parse_bool
from pages.components.dialog import ACTIVE_DIALOG
from pages.components.labels import label_list, normalise_label
from pages.components.menu import OPEN_DROPDOWN
from pages.components.user_locale import as_datetime, is_date, parse_date, record_name_pattern, text_pattern
from pages.components.widget_base import TEXT_INPUT, TEXTAREA, Markup, Real, Value, Widget, as_text

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
# 19.0 shows a set date as a button with a short text ("Dec 31, 12:00 PM"); its tooltip has the full value.
TOOLTIP = "[data-tooltip]"
TOOLTIP_HOLDER = f"button{TOOLTIP}, span{TOOLTIP}"
# A date shown as `text` (the whole value, or its start for a datetime) in any of the field's forms.
DAY_SHOWN_JS = """({widget, input, tooltip, text, whole}) => {
  const shown = [...widget.querySelectorAll(input)].map(i => i.value)
    .concat([...widget.querySelectorAll(tooltip)].map(e => e.dataset.tooltip), [widget.textContent]);
  return shown.some(s => whole ? s.trim() === text : s.trim().startsWith(text));
}"""
DATE_TYPES = ("date", "datetime")


def suggestion(page: Page, text: str) -> Locator:
    """The autocomplete suggestion whose whole text is `text` (or ends with it, after a [code])."""
    # 19.0 highlights the typed part in a <span>, so match the item's whole text.
    return page.locator(SUGGESTION).filter(has_text=record_name_pattern(text)).first


def suggestions(page: Page) -> list[str]:
    """The texts of the suggestions shown (for error messages)."""
    return [" ".join(text.split()) for text in page.locator(SUGGESTION).all_inner_texts()]


class Priority(Widget):
    """Priority stars: one star per choice after the first, the current one aria-checked (web.PriorityField)."""

    kind = "priority"
    PRIORITY = ".o_priority"
    STAR = ".o_priority_star"
    CHECKED_STAR = f"{STAR}[aria-checked=true]"
    parts = {"priority": PRIORITY}

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return "priority" in markup.parts

    def set(self, value: Value, real: Real, search: str | None) -> None:
        index = self._index(as_text(value))
        stars = self.root.locator(self.STAR)
        checked = self.root.locator(self.CHECKED_STAR)
        if index == 0:
            if checked.count():
                checked.first.click()  # the current star again: back to the first choice (18.0 and 19.0)
            expect(checked).to_have_count(0)
            return
        star = stars.nth(index - 1)
        if star.get_attribute("aria-checked") != "true":
            star.click()
        expect(star).to_have_attribute("aria-checked", "true")

    def expect(self, value: Value, real: Real) -> None:
        index = self._index(as_text(value))
        if index == 0:
            expect(self.root.locator(self.CHECKED_STAR)).to_have_count(0)
        else:
            expect(self.root.locator(self.STAR).nth(index - 1)).to_have_attribute("aria-checked", "true")

    def shown(self) -> str:
        checked = self.root.locator(self.CHECKED_STAR)
        return checked.first.get_attribute("aria-label") or "" if checked.count() else self._choices()[0]

    def _choices(self) -> list[str]:
        """The priority's choices, in order; the first has no star of its own."""
        stars = [
            label or ""
            for label in self.root.locator(self.STAR).evaluate_all(
                "els => els.map(el => el.getAttribute('aria-label'))"
            )
        ]
        first = self.info.selection[0][1] if self.info and self.info.selection else "none"
        return [first, *stars]

    def _index(self, value: str) -> int:
        """The index of the choice `value` names: its label, or yes/no for a single star."""
        choices = self._choices()
        wanted = normalise_label(value)
        index = next((i for i, text in enumerate(choices) if normalise_label(text) == wanted), None)
        if index is None and len(choices) == 2:
            try:
                index = int(parse_bool(value))
            except ValueError:
                index = None
        if index is None:
            raise self.no_choice(value, choices)
        return index


class Favorite(Widget):
    """A favourite star: a full star when set (web.BooleanFavoriteField, 18.0 and 19.0)."""

    kind = "favorite"
    FAVORITE = ".o_favorite"
    SET = ".o_favorite i.fa-star"
    parts = {"favorite": FAVORITE}

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return "favorite" in markup.parts

    def set(self, value: Value, real: Real, search: str | None) -> None:
        wanted = parse_bool(as_text(value))
        if bool(self.root.locator(self.SET).count()) != wanted:
            self.root.locator(self.FAVORITE).first.click()
        self.expect(value, real)

    def expect(self, value: Value, real: Real) -> None:
        expect(self.root.locator(self.SET)).to_have_count(1 if parse_bool(as_text(value)) else 0)

    def shown(self) -> str:
        return "yes" if self.root.locator(self.SET).count() else "no"


class Autocomplete(Widget):
    """What finds a record as a person types its name (many2one, tags); not a kind of its own."""

    def choose(self, name: str, search: str | None) -> None:
        """Type a record's name (or `search`) and choose it (through "Search More..." if need be)."""
        page = self.page
        field_input = self.root.locator(AUTOCOMPLETE_INPUT).first
        # fill() focuses without a click: the dropdown opens with the matches of `name` only,
        # never with the list a click on the empty input shows.
        field_input.fill(search or name)
        exact, more = suggestion(page, name), page.locator(SEARCH_MORE)
        try:
            page.wait_for_function(
                SUGGESTIONS_LISTED_JS,
                arg={
                    "input": field_input.element_handle(),
                    "root": AUTOCOMPLETE,
                    "suggestion": SUGGESTION,
                    "loading": SUGGESTION_LOADING,
                },
            )
            expect(exact.or_(more).first).to_be_visible()
        except (AssertionError, PlaywrightTimeoutError):
            raise AssertionError(
                f'"{name}" is not among the choices of "{self.label}". It offers: '
                f"{', '.join(suggestions(page)) or 'nothing'}."
            ) from None
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
            raise AssertionError(
                f'"{name}" is not among the choices of "{self.label}". Searching it finds: {label_list(found)}.'
            ) from None
        rows.first.locator(DIALOG_CELL).filter(has_text=record_name_pattern(name)).first.click()


class Tags(Autocomplete):
    """Many2many tags: each record chosen in the autocomplete becomes a tag; set replaces them, add adds one."""

    kind = "tags"
    TAGS = ".o_field_tags"
    TAG = ".o_tag"
    TAG_DELETE = ".o_tag .o_delete"
    parts = {"tags": TAGS}

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return "tags" in markup.parts

    def set(self, value: Value, real: Real, search: str | None) -> None:
        tags = self.root.locator(self.TAG)
        for remaining in range(tags.count(), 0, -1):
            self.root.locator(self.TAG_DELETE).first.click()
            expect(tags).to_have_count(remaining - 1)
        for item in (part.strip() for part in as_text(value).split(",")):
            if not item:
                continue
            self.add(item, real, search)

    def add(self, value: str, real: Real, search: str | None) -> None:
        """Add one record, keeping those there are."""
        name = real(value)
        self.choose(name, search)
        expect(self.root.locator(self.TAG).filter(has_text=record_name_pattern(name))).to_have_count(1)

    def expect(self, value: Value, real: Real) -> None:
        names = [real(part.strip()) for part in as_text(value).split(",") if part.strip()]
        tags = self.root.locator(self.TAG)
        expect(tags).to_have_count(len(names))
        for name in names:
            expect(tags.filter(has_text=record_name_pattern(name))).to_have_count(1)

    def shown(self) -> str:
        return ", ".join(t.strip() for t in self.root.locator(self.TAG).all_inner_texts())


class Checkboxes(Widget):
    """A many2many shown as one checkbox per record (a product's Routes): set ticks those named and no others."""

    kind = "checkboxes"
    ITEM = ".o-checkbox"
    INPUT = "input[type=checkbox]"
    CHECKED = ".o-checkbox:has(input:checked) label"
    # web.Many2ManyCheckboxesField, the same markup on 18.0 and 19.0 (many2many_checkboxes_field.xml): told by the
    # widget's own class, as no part inside it is its own (a Boolean holds a checkbox too).
    CLASS = "o_field_many2many_checkboxes"

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return cls.CLASS in markup.classes

    def set(self, value: Value, real: Real, search: str | None) -> None:
        wanted = self._names(value, real)
        items = self.root.locator(self.ITEM)
        shown = [text.strip() for text in items.all_inner_texts()]
        for name in wanted:
            if not any(text_pattern(name).search(text) for text in shown):
                raise self.no_choice(name, shown)
        for item, text in zip(items.all(), shown, strict=True):
            item.locator(self.INPUT).set_checked(any(text_pattern(name).search(text) for name in wanted))

    def expect(self, value: Value, real: Real) -> None:
        names = self._names(value, real)
        checked = self.root.locator(self.CHECKED)
        expect(checked).to_have_count(len(names))
        for name in names:
            expect(checked.filter(has_text=text_pattern(name))).to_have_count(1)

    def shown(self) -> str:
        return ", ".join(text.strip() for text in self.root.locator(self.CHECKED).all_inner_texts())

    @staticmethod
    def _names(value: Value, real: Real) -> list[str]:
        return [real(part.strip()) for part in as_text(value).split(",") if part.strip()]


class Radio(Widget):
    """A selection shown as radio buttons, each with its label."""

    kind = "radio"
    ITEM = ".o_radio_item"
    INPUT = "input[type=radio]"
    LABEL = "label"
    CHECKED_LABEL = ".o_radio_item:has(input:checked) label"
    parts = {"radio": INPUT}

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return "radio" in markup.parts

    def set(self, value: Value, real: Real, search: str | None) -> None:
        text = as_text(value)
        items = self.root.locator(self.ITEM)
        choice = items.filter(has=self.page.locator(self.LABEL, has_text=text_pattern(text)))
        if not choice.count():
            raise self.no_choice(text, items.all_inner_texts())
        choice.first.locator(self.INPUT).check()

    def expect(self, value: Value, real: Real) -> None:
        expect(self.root.locator(self.CHECKED_LABEL).first).to_have_text(text_pattern(as_text(value)))

    def shown(self) -> str:
        checked = self.root.locator(self.CHECKED_LABEL)
        return checked.first.inner_text().strip() if checked.count() else ""


class Select(Widget):
    """A selection as 18.0 shows it: a <select>."""

    kind = "select"
    SELECT = "select"
    OPTION = "option"
    SELECTED_OPTION = "select option:checked"
    parts = {"select": SELECT}

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return "select" in markup.parts

    def set(self, value: Value, real: Real, search: str | None) -> None:
        text = as_text(value)
        options = [" ".join(option.split()) for option in self.root.locator(self.OPTION).all_inner_texts()]
        index = next((i for i, option in enumerate(options) if normalise_label(option) == normalise_label(text)), None)
        if index is None:
            raise self.no_choice(text, options)
        self.root.locator(self.SELECT).first.select_option(index=index)
        expect(self.root.locator(self.SELECTED_OPTION).first).to_have_text(text_pattern(text))

    def expect(self, value: Value, real: Real) -> None:
        expect(self.root.locator(self.SELECTED_OPTION).first).to_have_text(text_pattern(as_text(value)))

    def shown(self) -> str:
        return self.root.locator(self.SELECTED_OPTION).first.inner_text().strip()


class SelectMenu(Widget):
    """A selection as 19.0 shows it: a SelectMenu, an input that opens a dropdown of choices."""

    kind = "selectmenu"
    INPUT = "input.o_select_menu_toggler"
    ITEM = f"{OPEN_DROPDOWN} .o_select_menu_item"
    parts = {"selectMenu": INPUT}

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return "selectMenu" in markup.parts

    def set(self, value: Value, real: Real, search: str | None) -> None:
        text = as_text(value)
        self.root.locator(self.INPUT).first.click()
        items = self.page.locator(self.ITEM)
        expect(items.first).to_be_visible()
        choice = items.filter(has_text=text_pattern(text))
        if not choice.count():
            raise self.no_choice(text, items.all_inner_texts())
        choice.first.click()
        expect(self.root.locator(self.INPUT).first).to_have_value(text_pattern(text))

    def expect(self, value: Value, real: Real) -> None:
        expect(self.root.locator(self.INPUT).first).to_have_value(text_pattern(as_text(value)))


class Many2one(Autocomplete):
    """A record chosen by name in an autocomplete (19.0 wraps its input in one more div.o_many2one)."""

    kind = "many2one"
    parts = {"autocomplete": AUTOCOMPLETE_INPUT}

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return "autocomplete" in markup.parts

    def set(self, value: Value, real: Real, search: str | None) -> None:
        name = real(as_text(value))
        self.choose(name, search)
        expect(self.root.locator(AUTOCOMPLETE_INPUT).first).to_have_value(text_pattern(name, whole=False))

    def expect(self, value: Value, real: Real) -> None:
        self.expect_shown(record_name_pattern(real(as_text(value))))


class PickFrom(Autocomplete):
    """Where a transfer's detailed operation takes its goods from (stock's pick_from): a quant, found by its lot.

    18.0 offers a quant as "WH/Stock - LOT-B" (its display name), 19.0 as "Stock" and "LOT-B" side by side (its
    formatted display name: no space between them in the text); both end with the lot, which is what is typed.
    """

    kind = "pick_from"
    # stock's StockPickFrom (widgets/stock_pick_from.js, 18.0 and 19.0): a many2one to stock.quant.
    CLASS = "o_field_pick_from"

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return cls.CLASS in markup.classes

    @staticmethod
    def ending(lot: str) -> re.Pattern[str]:
        """A quant's text that ends with the lot's name."""
        return re.compile(rf"{re.escape(lot)}\s*$", re.IGNORECASE)

    def set(self, value: Value, real: Real, search: str | None) -> None:
        lot = real(as_text(value))
        field_input = self.root.locator(AUTOCOMPLETE_INPUT).first
        field_input.fill(search or lot)
        found = self.page.locator(SUGGESTION).filter(has_text=self.ending(lot))
        try:
            expect(found.first).to_be_visible()
        except AssertionError:
            raise self.no_choice(lot, suggestions(self.page)) from None
        found.first.click()
        expect(self.page.locator(SUGGESTION)).to_have_count(0)
        expect(field_input).to_have_value(self.ending(lot))

    def expect(self, value: Value, real: Real) -> None:
        self.expect_shown(self.ending(real(as_text(value))))


class ShownMany2one(Many2one):
    """A many2one without its autocomplete (shown read-only): told by Odoo's field type or the widget's class."""

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return markup.field_type == "many2one" or "o_field_many2one" in markup.classes


class Boolean(Widget):
    """A checkbox (or a toggle, a checkbox too)."""

    kind = "boolean"
    CHECKBOX = "input[type=checkbox]"
    parts = {"checkbox": CHECKBOX}

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return "checkbox" in markup.parts

    def set(self, value: Value, real: Real, search: str | None) -> None:
        self.root.locator(self.CHECKBOX).first.set_checked(parse_bool(as_text(value)))

    def expect(self, value: Value, real: Real) -> None:
        expect(self.root.locator(self.CHECKBOX).first).to_be_checked(checked=parse_bool(as_text(value)))

    def shown(self) -> str:
        return "yes" if self.root.locator(self.CHECKBOX).first.is_checked() else "no"


class Date(Widget):
    """A date: typed in the user's format once the field is opened, and checked whole."""

    kind = "date"
    CLASSES = frozenset({"o_field_date"})
    OPENER = "button, input"
    whole = True  # whether the text shown is the whole value (a date) or starts with it (a datetime)

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        # Odoo's field type, when it is a date or a datetime, says which one; otherwise the widget's class.
        if markup.field_type in DATE_TYPES:
            return markup.field_type == cls.kind
        return bool(markup.classes & cls.CLASSES)

    def typed(self, when: date) -> str:
        """How the user's language writes the day `when`."""
        return self.locale.date_text(when)

    def set(self, value: Value, real: Real, search: str | None) -> None:
        given = as_text(value)
        text = self.typed(parse_date(given)) if is_date(given) else given
        self.root.locator(self.OPENER).first.click()
        date_input = self.root.locator(TEXT_INPUT).first
        date_input.fill(text)
        date_input.press(self.commit_key())
        self.expect(value, real)

    def commit_key(self) -> str:
        """The key that saves the typed date: Enter, or Tab in an edited list row, where Enter also makes the list
        move to a new line once the picker saved the value (web's datetimepicker_service.js onInputKeydown saves on
        Enter, Escape and Tab alike; seen on a receipt's detailed operations, 19.0)."""
        return "Tab" if self.root.evaluate("(el, row) => !!el.closest(row)", DATA_ROW) else "Enter"

    def expect(self, value: Value, real: Real) -> None:
        """The date shown is that day (a datetime's time is not compared unless the scenario gives one)."""
        given = as_text(value)
        when = parse_date(given) if is_date(given) else None
        if isinstance(when, datetime):
            text = self.locale.datetime_text(when)
        elif when is not None:
            text = self.locale.date_text(when)
        else:
            text = given
        # One wait over every form the field takes: its input, 19.0's short button (the full value in its tooltip)
        # and a read-only text. Odoo re-renders it from one form to another, briefly showing neither.
        try:
            self.page.wait_for_function(
                DAY_SHOWN_JS,
                arg={
                    "widget": self.root.element_handle(),
                    "input": TEXT_INPUT,
                    "tooltip": TOOLTIP_HOLDER,
                    "text": text.strip(),
                    "whole": self.whole,
                },
            )
        except PlaywrightTimeoutError:
            raise AssertionError(f'"{self.label}" should show "{text}" but shows "{self.shown()}".') from None

    def shown(self) -> str:
        tooltip = self.root.locator(TOOLTIP_HOLDER)
        if tooltip.count():
            return tooltip.first.get_attribute("data-tooltip") or ""
        return super().shown()


class Datetime(Date):
    """A date and time (or a date range): a date alone is typed at midday, and checked by its start."""

    kind = "datetime"
    CLASSES = frozenset({"o_field_datetime", "o_field_daterange"})
    whole = False

    def typed(self, when: date) -> str:
        return self.locale.datetime_text(as_datetime(when))


class Number(Widget):
    """An integer, float, monetary, percentage or duration: typed and checked in the user's number format."""

    kind = "number"
    TYPES = frozenset({"integer", "float", "monetary"})
    CLASSES = frozenset(
        {"o_field_integer", "o_field_float", "o_field_monetary", "o_field_percentage", "o_field_float_time"}
    )

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return markup.field_type in cls.TYPES or bool(markup.classes & cls.CLASSES)

    def set(self, value: Value, real: Real, search: str | None) -> None:
        number = self.locale.number_value(value)
        self.type_in(TEXT_INPUT, self.locale.number_text(number), self.locale.number_pattern(number))

    def expect(self, value: Value, real: Real) -> None:
        self.expect_shown(self.locale.number_pattern(self.locale.number_value(value)))


class Html(Widget):
    """A rich text editor."""

    kind = "html"
    EDITOR = "[contenteditable=true]"
    parts = {"editor": EDITOR}

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return "editor" in markup.parts or markup.field_type == "html"

    def set(self, value: Value, real: Real, search: str | None) -> None:
        editor = self.root.locator(self.EDITOR).first
        editor.fill(as_text(value))
        editor.blur()


class Text(Widget):
    """A multi-line text."""

    kind = "text"
    parts = {"textarea": TEXTAREA}

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return "textarea" in markup.parts

    def set(self, value: Value, real: Real, search: str | None) -> None:
        text = as_text(value)
        self.type_in(TEXTAREA, real(text), text_pattern(real(text)))


class ShownText(Text):
    """Whatever no other kind claims: read as its text."""

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return True


class Char(Widget):
    """A one-line text."""

    kind = "char"
    parts = {"input": TEXT_INPUT}

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return "input" in markup.parts

    def set(self, value: Value, real: Real, search: str | None) -> None:
        text = as_text(value)
        self.type_in(TEXT_INPUT, real(text), text_pattern(real(text)))


class SuggestingChar(Char):
    """A text field that suggests values as you type (a contact's name): still a text to type, not a record."""

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        return markup.field_type in ("char", "text") and "input" in markup.parts


# Every kind, in the order they are asked whether a widget is theirs: the first that says yes takes it.
# Those told by a part of their markup alone come first (Tags before Many2one: tags hold an autocomplete too);
# SuggestingChar comes before Many2one for the same reason; the kinds told by Odoo's field type or the widget's
# class come before those told only by what they hold to type in; ShownText, last, takes whatever is left.
WIDGETS: tuple[type[Widget], ...] = (
    PickFrom,
    Priority,
    Favorite,
    Tags,
    Checkboxes,
    Radio,
    Select,
    SelectMenu,
    SuggestingChar,
    Many2one,
    Boolean,
    Datetime,
    Date,
    Number,
    ShownMany2one,
    Html,
    Text,
    Char,
    ShownText,
)


def widget_parts(widgets: tuple[type[Widget], ...]) -> dict[str, str]:
    """Every part the kinds read from a widget's markup, each name with one selector."""
    parts: dict[str, str] = {}
    for widget in widgets:
        for name, selector in widget.parts.items():
            if name == "classes" or parts.setdefault(name, selector) != selector:
                raise ValueError(
                    f"{widget.__name__} reads the part {name!r} as {selector!r}: the name is taken; choose another."
                )
    return parts


# What a widget holds, by the selectors of its kinds: enough to tell how to type into it.
WIDGET_PARTS = widget_parts(WIDGETS)
WIDGET_FEATURES_JS = f"""w => ({{classes: w.className,
  {", ".join(f"{name}: !!w.querySelector({json.dumps(selector)})" for name, selector in WIDGET_PARTS.items())}}})"""


def widget_class(markup: Markup) -> type[Widget]:
    """The kind of widget this markup is: the first of WIDGETS that says so."""
    return next(widget for widget in WIDGETS if widget.detects(markup))


def widget_kind(features: dict, field_type: str | None = None) -> str:
    """What kind of input a field widget is, from its markup (and Odoo's field type when known)."""
    return widget_class(Markup.read(features, field_type)).kind
