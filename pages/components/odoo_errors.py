"""Odoo's error dialogs, turned into failures that quote what Odoo said."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from pages.components.pending_calls import settle

ERROR_DIALOG = ".modal-content.o_error_dialog"


class OdooRefused(AssertionError):
    """Odoo showed an error dialog (UserError, ValidationError, AccessError...) instead of doing the action."""


def error_dialog(page: Page) -> Locator:
    """Odoo's error dialog, if one is open."""
    return page.locator(ERROR_DIALOG).last


def expect_or_odoo_error(page: Page, outcome: Locator, doing: str) -> None:
    """Wait for `outcome`; if Odoo shows an error dialog instead, fail with its title and text.

    The web client's calls are waited for first, frame by frame: `expect` polls ever less often (Playwright's
    backoff: 20, 50, 100, 100, then every 500 ms), so a stage reached 300 ms after the click was seen up to
    half a second later; once the answers are rendered its first look finds it."""
    settle(page)
    dialog = error_dialog(page)
    expect(outcome.or_(dialog).first).to_be_visible()
    if dialog.is_visible():
        title = dialog.locator(".modal-title").inner_text().strip()
        body = dialog.locator(".modal-body").inner_text().strip()
        raise OdooRefused(f"Odoo refused to {doing}: {title}: {body}")
