"""The conditions the field driver waits for in the page, frame by frame, checked in a real browser (no Odoo).

Markup as Odoo 18.0/19.0 renders it: the autocomplete (web/core/autocomplete) while it loads and once it lists
what it found, and a date field's three forms (input, 19.0's short button with the full value in its tooltip,
a read-only text).
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from pages.components.fields import (
    AUTOCOMPLETE,
    DAY_SHOWN_JS,
    SUGGESTION,
    SUGGESTION_LOADING,
    SUGGESTIONS_LISTED_JS,
    TEXT_INPUT,
    TOOLTIP_HOLDER,
)

INPUT = '<input class="o-autocomplete--input o_input">'
LOADING = ('<ul class="o-autocomplete--dropdown-menu"><li class="ui-menu-item o-autocomplete--dropdown-item">'
           '<a class="o_loading dropdown-item">Loading...</a></li></ul>')
LISTED = ('<ul class="o-autocomplete--dropdown-menu"><li class="o-autocomplete--dropdown-item ui-menu-item d-block">'
          '<a class="dropdown-item">Acme Retail</a></li></ul>')


@pytest.fixture
def blank_page(browser: Browser) -> Iterator[Page]:
    """A page of pytest-playwright's browser, without the suite's Odoo context (no server needed)."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


def listed(page: Page, menu: str) -> bool:
    page.set_content(f'<div class="o-autocomplete">{INPUT}{menu}</div>'
                     f'<div class="o-autocomplete"><input class="other">{LISTED}</div>')
    return page.evaluate(SUGGESTIONS_LISTED_JS, {
        "input": page.query_selector("input.o-autocomplete--input"), "root": AUTOCOMPLETE,
        "suggestion": SUGGESTION, "loading": SUGGESTION_LOADING})


@pytest.mark.parametrize(("menu", "expected"), [("", False), (LOADING, False), (LISTED, True)],
                         ids=["closed (another field's list does not count)", "loading", "listed"])
def test_suggestions_are_listed_once_loaded(blank_page: Page, menu: str, expected: bool) -> None:
    assert listed(blank_page, menu) is expected


DATE_INPUT = '<div class="o_field_widget"><input class="o_input" value="03/14/2030 10:30:00 AM"></div>'
DATE_BUTTON = ('<div class="o_field_widget"><button data-tooltip="03/14/2030 10:30:00 AM">Mar 14, 2030, 10:30 AM'
               '</button></div>')
DATE_TEXT = '<div class="o_field_widget"><span>03/14/2030</span></div>'
RERENDERING = '<div class="o_field_widget"></div>'


def day_shown(page: Page, widget: str, text: str, whole: bool) -> bool:
    page.set_content(widget)
    return page.evaluate(DAY_SHOWN_JS, {"widget": page.query_selector(".o_field_widget"), "input": TEXT_INPUT,
                                        "tooltip": TOOLTIP_HOLDER, "text": text, "whole": whole})


@pytest.mark.parametrize(("widget", "text", "whole", "expected"), [
    (DATE_INPUT, "03/14/2030 10:30", False, True),
    (DATE_INPUT, "03/14/2030", True, False),
    (DATE_BUTTON, "03/14/2030 10:30", False, True),
    (DATE_BUTTON, "03/15/2030", False, False),
    (DATE_TEXT, "03/14/2030", True, True),
    (RERENDERING, "03/14/2030", False, False),
], ids=["input, start", "input, not whole", "19.0 button's tooltip", "another day", "read-only text",
        "between two renderings"])
def test_a_day_is_found_in_every_form_of_the_field(blank_page: Page, widget: str, text: str, whole: bool,
                                                   expected: bool) -> None:
    assert day_shown(blank_page, widget, text, whole) is expected
