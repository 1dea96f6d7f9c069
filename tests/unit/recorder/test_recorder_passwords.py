"""The recorder never writes a password: listener.js sends no value for a password input (a real Chromium, markup as
Odoo renders a form's fields), and what reaches the feature file is a placeholder in a comment."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from odoo_uat.recorder.events import PASSWORD_PLACEHOLDER, Event
from odoo_uat.recorder.scenario import Comment, Step, compose
from odoo_uat.recorder.session import BINDING, LISTENER
from odoo_uat.recorder.writer import feature_text

PASSWORD = "Tr0ub4dor&3-typed-by-hand"
PIN = "918273645-shown-as-text"
TOKEN = "tok-5e4d3c2b1a-in-a-text-field"

FORM = """
<div class="o_form_view">
  <div class="o_field_widget o_field_char" name="name"><input id="name_0" type="text"></div>
  <label class="o_form_label" for="name_0">Name</label>
  <div class="o_field_widget o_field_char" name="password"><input id="password_0" type="password"></div>
  <label class="o_form_label" for="password_0">Password</label>
  <div class="o_field_widget o_field_char" name="x_pin"><input id="pin_0" type="text" autocomplete="new-password"></div>
  <label class="o_form_label" for="pin_0">PIN</label>
  <div class="o_field_widget o_field_char" name="x_api_key"><input id="key_0" type="text"></div>
  <label class="o_form_label" for="key_0">API key</label>
  <button class="o_form_button_save">Save</button>
</div>
"""


class Resolver:
    """An Odoo that knows no menus, relations or records: fields keep the labels on screen."""

    def menu_path(self, xmlid: str) -> str | None:
        return None

    def label(self, model: str | None, field: str, lines: str | None = None) -> str:
        return field

    def relation(self, model: str | None, field: str, lines: str | None = None) -> str | None:
        return None

    def seed(self, relation: str, value: str, model: str | None):
        return None


@pytest.fixture
def recorded_page(browser: Browser) -> Iterator[tuple[Page, list[dict]]]:
    """A page with the listener installed, and the raw events it sends through the binding."""
    context = browser.new_context()
    page = context.new_page()
    raw: list[dict] = []
    page.expose_binding(BINDING, lambda _source, event: raw.append(event))
    page.set_content(FORM)
    page.add_script_tag(content=LISTENER.read_text(encoding="utf-8"))
    yield page, raw
    context.close()


def type_into(page: Page, selector: str, text: str) -> None:
    page.click(selector)
    page.keyboard.type(text)
    page.keyboard.press("Tab")  # the value is read when the input loses the focus


def test_what_is_typed_into_a_password_input_never_leaves_the_page_and_the_feature_says_a_placeholder(recorded_page):
    page, raw = recorded_page
    type_into(page, "#name_0", "Acme Retail")
    type_into(page, "#password_0", PASSWORD)
    type_into(page, "#pin_0", PIN)
    type_into(page, "#key_0", TOKEN)
    page.click(".o_form_button_save")
    page.wait_for_function("() => true")  # the binding's calls are delivered in order, before this one returns
    assert [event.get("field") for event in raw if event["kind"] == "field"] == [
        "name",
        "password",
        "x_pin",
        "x_api_key",
    ]
    assert all(secret not in str(raw) for secret in (PASSWORD, PIN, TOKEN)), raw

    events = [Event.from_raw(event) for event in raw]
    lines = compose(events, "Sales coordinator", Resolver())
    text = feature_text("Recorded", "Recorded.", "Recorded, as recorded", lines)
    assert all(secret not in text for secret in (PASSWORD, PIN, TOKEN)), text
    comments = [line.text for line in lines if isinstance(line, Comment)]
    assert [comment.split(":")[0] for comment in comments] == [
        f'set "Password" to "{PASSWORD_PLACEHOLDER}"',
        f'set "PIN" to "{PASSWORD_PLACEHOLDER}"',
        f'set "API key" to "{PASSWORD_PLACEHOLDER}"',
    ]
    assert Step("when", 'I set "Name" to "Acme Retail"') in lines


def test_a_secret_field_event_gets_the_placeholder_whatever_value_came_with_it():
    event = Event.from_raw(
        {"kind": "field", "field": "password", "label": "Password", "value": PASSWORD, "secret": True}
    )
    assert event.secret and event.value == PASSWORD_PLACEHOLDER and PASSWORD not in repr(event)
    [login, comment] = compose([event], "Buyer", Resolver())
    assert isinstance(comment, Comment) and PASSWORD not in comment.text and PASSWORD_PLACEHOLDER in comment.text
