"""Opening screens by URL: /odoo/action-<xml id>[/<record id>] works on 18.0 and 19.0."""
from __future__ import annotations

from playwright.sync_api import Page, expect

from odoo_uat.web.browser import WEB_CLIENT_READY


def open_action(page: Page, action_xmlid: str, record: int | str | None = None) -> None:
    """Open a window action (its default view, or one record, or 'new')."""
    url = f"/odoo/action-{action_xmlid}" + (f"/{record}" if record is not None else "")
    page.goto(url)
    expect(page.locator(WEB_CLIENT_READY)).to_be_visible()
