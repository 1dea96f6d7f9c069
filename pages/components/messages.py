"""Messages Odoo shows: notifications, warning banners in a form, error dialogs."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from pages.components.dialog import FORM_VIEW

NOTIFICATION = ".o_notification_manager .o_notification"
FORM_ALERT = f".o_action_manager {FORM_VIEW} .alert, .modal {FORM_VIEW} .alert"
DIALOG_BODY = ".modal .modal-body"
MESSAGES = ", ".join((NOTIFICATION, FORM_ALERT, DIALOG_BODY))


def shown_messages(page: Page) -> list[str]:
    """The texts of the messages on screen, one line each."""
    texts = page.locator(MESSAGES).filter(visible=True).all_inner_texts()
    return list(dict.fromkeys(" ".join(text.split()) for text in texts if text.strip()))


def expect_message(page: Page, text: str) -> None:
    """Wait until a notification, form warning or dialog says `text` (a part of it, any case)."""
    try:
        expect(page.locator(MESSAGES).filter(has_text=text).filter(visible=True).first).to_be_visible()
    except AssertionError:
        shown = "; ".join(f'"{message}"' for message in shown_messages(page)) or "none"
        raise AssertionError(f'No message says "{text}". Messages on screen: {shown}.') from None
