"""Opening screens by URL: /odoo/action-<xml id>[/<record id>] works on 18.0 and 19.0.

A page whose web client is already loaded moves inside it, the way Odoo follows its own links (its router
reads the URL and loads the action; no page reload, no new boot of the web client). A blank page loads the URL.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from odoo_uat.web.browser import (
    SESSION_ENDED_WHY,
    SHOWN_JS,
    WEB_CLIENT_READY,
    SessionEnded,
    check_logged_in,
    session_refused,
)
from pages.components.odoo_errors import ERROR_DIALOG, error_dialog, expect_or_odoo_error

# Odoo's router (web/core/browser/router.js) loads the state of the URL on a popstate event that carries a
# state; the web client turns off pointer events on <body> until that state is loaded (webclient.js ROUTE_CHANGE).
# On a page whose web client is not shown (blank, the login form) it does nothing and says so: the URL is loaded.
GO_IN_CLIENT_JS = f"""([url, ready]) => {{
    if (!({SHOWN_JS})(document.querySelector(ready))) return false;
    window.history.pushState({{}}, "", url);
    window.dispatchEvent(new PopStateEvent("popstate", {{ state: {{}} }}));
    return true;
}}"""
# Loaded: pointer events back on, the web client shown; or an error dialog shows instead (e.g. "Odoo Session
# Expired": Odoo ended the session of a client kept booted).
STATE_LOADED_JS = f"""([dialog, ready]) => (document.body.style.pointerEvents !== 'none'
    && ({SHOWN_JS})(document.querySelector(ready))) || !!document.querySelector(dialog)"""


def action_url(action_xmlid: str, record: int | str | None = None) -> str:
    """The web client's URL of a window action (its default view, or one record, or 'new')."""
    return f"/odoo/action-{action_xmlid}" + (f"/{record}" if record is not None else "")


def open_action(page: Page, action_xmlid: str, record: int | str | None = None) -> None:
    """Open a window action (its default view, or one record, or 'new')."""
    url = action_url(action_xmlid, record)
    if page.evaluate(GO_IN_CLIENT_JS, [url, WEB_CLIENT_READY]):
        page.wait_for_function(STATE_LOADED_JS, arg=[ERROR_DIALOG, WEB_CLIENT_READY])
        if not error_dialog(page).is_visible():
            return  # the web client shows the state of the URL (the wait saw it)
        if session_refused(page):
            raise SessionEnded(f"Odoo answered {url} with its Session Expired dialog. {SESSION_ENDED_WHY}")
        expect_or_odoo_error(page, page.locator(WEB_CLIENT_READY), f"open {url}")
    else:
        page.goto(url)
        check_logged_in(page, f"the page that opened {url}")
    expect(page.locator(WEB_CLIENT_READY)).to_be_visible()
