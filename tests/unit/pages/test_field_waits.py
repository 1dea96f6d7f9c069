"""The field driver in a real browser (no Odoo): the conditions it waits for frame by frame, and the kinds of widgets.

Markup as Odoo 18.0/19.0 renders it: the autocomplete (web/core/autocomplete) while it loads and once it lists
what it found, a date field's three forms (input, 19.0's short button with the full value in its tooltip,
a read-only text), and one widget of each kind, told from its markup and set and read where no server is needed.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from pages.components.fields import (
    AUTOCOMPLETE,
    DAY_SHOWN_JS,
    SUGGESTION,
    SUGGESTION_LOADING,
    SUGGESTIONS_LISTED_JS,
    TEXT_INPUT,
    TOOLTIP_HOLDER,
    FieldWidget,
    UserLocale,
)

INPUT = '<input class="o-autocomplete--input o_input">'
LOADING = (
    '<ul class="o-autocomplete--dropdown-menu"><li class="ui-menu-item o-autocomplete--dropdown-item">'
    '<a class="o_loading dropdown-item">Loading...</a></li></ul>'
)
LISTED = (
    '<ul class="o-autocomplete--dropdown-menu"><li class="o-autocomplete--dropdown-item ui-menu-item d-block">'
    '<a class="dropdown-item">Acme Retail</a></li></ul>'
)


def listed(page: Page, menu: str) -> bool:
    page.set_content(
        f'<div class="o-autocomplete">{INPUT}{menu}</div>'
        f'<div class="o-autocomplete"><input class="other">{LISTED}</div>'
    )
    return page.evaluate(
        SUGGESTIONS_LISTED_JS,
        {
            "input": page.query_selector("input.o-autocomplete--input"),
            "root": AUTOCOMPLETE,
            "suggestion": SUGGESTION,
            "loading": SUGGESTION_LOADING,
        },
    )


@pytest.mark.parametrize(
    ("menu", "expected"),
    [("", False), (LOADING, False), (LISTED, True)],
    ids=["closed (another field's list does not count)", "loading", "listed"],
)
def test_suggestions_are_listed_once_loaded(blank_page: Page, menu: str, expected: bool) -> None:
    assert listed(blank_page, menu) is expected


DATE_INPUT = '<div class="o_field_widget"><input class="o_input" value="03/14/2030 10:30:00 AM"></div>'
DATE_BUTTON = (
    '<div class="o_field_widget"><button data-tooltip="03/14/2030 10:30:00 AM">Mar 14, 2030, 10:30 AM</button></div>'
)
DATE_TEXT = '<div class="o_field_widget"><span>03/14/2030</span></div>'
RERENDERING = '<div class="o_field_widget"></div>'


def day_shown(page: Page, widget: str, text: str, whole: bool) -> bool:
    page.set_content(widget)
    return page.evaluate(
        DAY_SHOWN_JS,
        {
            "widget": page.query_selector(".o_field_widget"),
            "input": TEXT_INPUT,
            "tooltip": TOOLTIP_HOLDER,
            "text": text,
            "whole": whole,
        },
    )


@pytest.mark.parametrize(
    ("widget", "text", "whole", "expected"),
    [
        (DATE_INPUT, "03/14/2030 10:30", False, True),
        (DATE_INPUT, "03/14/2030", True, False),
        (DATE_BUTTON, "03/14/2030 10:30", False, True),
        (DATE_BUTTON, "03/15/2030", False, False),
        (DATE_TEXT, "03/14/2030", True, True),
        (RERENDERING, "03/14/2030", False, False),
    ],
    ids=[
        "input, start",
        "input, not whole",
        "19.0 button's tooltip",
        "another day",
        "read-only text",
        "between two renderings",
    ],
)
def test_a_day_is_found_in_every_form_of_the_field(
    blank_page: Page, widget: str, text: str, whole: bool, expected: bool
) -> None:
    assert day_shown(blank_page, widget, text, whole) is expected


# One widget of each kind (`name` and Odoo's wrappers left out); no field type is known, as in a list without metadata.
KINDS = {
    "priority": '<div class="o_field_widget o_field_priority"><div class="o_priority">'
    '<a class="o_priority_star fa fa-star-o" aria-label="High" aria-checked="false"></a></div></div>',
    "favorite": '<div class="o_field_widget o_field_boolean_favorite"><div class="o_favorite">'
    '<i class="fa fa-star-o"></i></div></div>',
    "tags": '<div class="o_field_widget o_field_many2many_tags"><div class="o_field_tags"><span class="o_tag">Gold'
    '</span><div class="o-autocomplete"><input class="o-autocomplete--input o_input"></div></div></div>',
    "checkboxes": '<div class="o_field_widget o_field_many2many_checkboxes"><div aria-atomic="true">'
    + "".join(
        f'<div><div class="o-checkbox form-check"><input type="checkbox" class="form-check-input" id="r{n}">'
        f'<label class="form-check-label" for="r{n}">{route}</label></div></div>'
        for n, route in enumerate(("Buy", "Replenish on Order (MTO)", "Dropship"))
    )
    + "</div></div>",
    "radio": '<div class="o_field_widget o_field_radio"><div class="o_radio_item">'
    '<input type="radio" class="form-check-input" name="r"><label>Yes</label></div></div>',
    "select": '<div class="o_field_widget o_field_selection"><select class="o_input"><option>Draft</option>'
    "</select></div>",
    "selectmenu": '<div class="o_field_widget o_field_selection"><div class="o_select_menu">'
    '<input class="o_select_menu_toggler o_input"></div></div>',
    "many2one": '<div class="o_field_widget o_field_many2one"><div class="o_many2one"><div class="o-autocomplete">'
    '<input class="o-autocomplete--input o_input"></div></div></div>',
    "many2one, read-only": '<div class="o_field_widget o_field_many2one o_readonly_modifier">'
    '<a class="o_form_uri"><span>Acme</span></a></div>',
    "boolean": '<div class="o_field_widget o_field_boolean"><div class="o-checkbox">'
    '<input type="checkbox" class="form-check-input"></div></div>',
    "date": '<div class="o_field_widget o_field_date"><button data-tooltip="03/14/2030">Mar 14</button></div>',
    "datetime": '<div class="o_field_widget o_field_datetime"><input class="o_input"></div>',
    "number": '<div class="o_field_widget o_field_float"><input class="o_input" inputmode="decimal"></div>',
    "html": '<div class="o_field_widget o_field_html"><div class="odoo-editor-editable" contenteditable="true">'
    "<p>Hello</p></div></div>",
    "text": '<div class="o_field_widget o_field_text"><textarea class="o_input"></textarea></div>',
    "char": '<div class="o_field_widget o_field_char"><input class="o_input"></div>',
    "text, read-only": '<div class="o_field_widget o_field_char o_readonly_modifier"><span>Acme</span></div>',
}


def widget(page: Page, markup: str, locale: UserLocale = UserLocale()) -> FieldWidget:
    page.set_content(markup)
    return FieldWidget(page.locator(".o_field_widget").first, "Field", None, locale)


@pytest.mark.parametrize(("case", "markup"), KINDS.items(), ids=list(KINDS))
def test_a_widget_s_kind_is_read_from_its_markup(blank_page: Page, case: str, markup: str) -> None:
    assert widget(blank_page, markup).kind == case.split(",")[0]


SELECT = (
    '<div class="o_field_widget o_field_selection"><select class="o_input"><option>Draft</option>'
    "<option>Done</option></select></div>"
)
RADIO = (
    '<div class="o_field_widget o_field_radio"><div class="o_radio_item"><input type="radio" name="r" id="a">'
    '<label for="a">Yes</label></div><div class="o_radio_item"><input type="radio" name="r" id="b">'
    '<label for="b">No</label></div></div>'
)


@pytest.mark.parametrize(
    ("markup", "value", "shown"),
    [
        (SELECT, "done", "Done"),
        (RADIO, "No", "No"),
        (KINDS["boolean"], "yes", "yes"),
        (KINDS["checkboxes"], "dropship, Buy", "Buy, Dropship"),
        (KINDS["char"], "Oak Pallet", "Oak Pallet"),
        (KINDS["text"], "Two\nlines", "Two\nlines"),
        (KINDS["number"], 12.5, "12.5"),
        (KINDS["datetime"], "2030-03-14 10:30", "03/14/2030 10:30:00"),
    ],
    ids=["18.0 select", "radio", "boolean", "checkboxes", "char", "text", "number", "datetime"],
)
def test_a_widget_is_set_and_shows_the_value(blank_page: Page, markup: str, value: str | float, shown: str) -> None:
    field = widget(blank_page, markup)
    field.set(value)
    field.expect(value)
    assert field.shown() == shown


def test_a_number_is_typed_in_the_user_s_language(blank_page: Page) -> None:
    field = widget(blank_page, KINDS["number"], UserLocale("%d/%m/%Y", "%H:%M:%S", ",", "."))
    field.set(1250.75)
    assert field.shown() == "1250,75"


def test_a_missing_choice_is_named_with_those_there_are(blank_page: Page) -> None:
    with pytest.raises(AssertionError, match='"Field" has no choice "Cancelled". Its choices: "Draft", "Done".'):
        widget(blank_page, SELECT).set("Cancelled")


def test_a_read_only_field_is_not_set(blank_page: Page) -> None:
    with pytest.raises(AssertionError, match="is read-only here"):
        widget(blank_page, KINDS["text, read-only"]).set("Acme")


def test_only_tags_are_added_to(blank_page: Page) -> None:
    with pytest.raises(AssertionError, match="is not a field of tags"):
        widget(blank_page, KINDS["char"]).add("Gold")
