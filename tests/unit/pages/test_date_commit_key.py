"""A date typed in an edited list row is saved with Tab: Enter there also makes Odoo's list move to a new line (a
receipt's Detailed Operations, seen on 19.0); in a form it is saved with Enter."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from pages.components.fields import FieldWidget
from pages.components.user_locale import UserLocale

DATETIME = '<div class="o_field_widget o_field_datetime"><input class="o_input"></div>'
IN_ROW = f'<table><tr class="o_data_row o_selected_row"><td class="o_data_cell">{DATETIME}</td></tr></table>'
KEYS_JS = "window.keys = []; document.addEventListener('keydown', (event) => window.keys.push(event.key));"


@pytest.mark.parametrize(("markup", "key"), [(IN_ROW, "Tab"), (DATETIME, "Enter")], ids=["list row", "form"])
def test_a_typed_date_is_saved_with_the_key_that_leaves_the_row_as_it_is(
    blank_page: Page, markup: str, key: str
) -> None:
    blank_page.set_content(markup)
    blank_page.evaluate(KEYS_JS)
    field = FieldWidget(blank_page.locator(".o_field_widget").first, "Expiration Date", None, UserLocale())
    field.set("2030-03-14")
    assert blank_page.evaluate("window.keys") == [key]
    assert field.shown().startswith("03/14/2030")
