"""Handing a used page to the next scenario. Kept booted (keep_booted): other tabs, dialogs and notifications
closed, unsaved changes discarded, UI storage cleared, the web client left running (odoo_uat.web.kept_client
checks it against the server when the next scenario takes it). Made blank (leave_clean), as a new page would be:
the same, plus only the session cookie kept, the client's cached views and menus deleted, the page on about:blank.
Odoo saves a dirty record when the page unloads (form_controller.js beforeUnload), so changes are discarded
before the page is left, never saved."""

from __future__ import annotations

import re

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from odoo_uat.odoo.rpc import SESSION_COOKIE
from odoo_uat.web.browser import SHOWN_JS, WEB_CLIENT_READY

BLANK = "about:blank"
# Odoo's open dialogs (an inactive one sits under the active one) and the buttons of unsaved changes, 18.0 and 19.0.
OPEN_DIALOG = ".o_dialog .modal"
DISCARD = ".o_form_button_cancel, .o_list_button_discard"
UNSAVED = ".o_form_status_indicator .o_form_button_save, .o_list_button_save"
NOTIFICATION_CLOSE = ".o_notification_manager .o_notification_close"
MAX_NOTIFICATIONS = 10
OTHER_THAN_SESSION_COOKIE = re.compile(rf"^(?!{SESSION_COOKIE}$)")
MAX_DIALOGS = 5  # nested dialogs a scenario can leave open (a wizard over a form over a list)
SETTLE_TIMEOUT_MS = 5_000  # bounds each wait below; a page that does not settle in it is dropped, never reused
CLEAR_STORAGE_JS = "() => { window.localStorage.clear(); window.sessionStorage.clear(); }"
# One look at a used page, as each scenario ends for each of its roles (one round trip instead of six): its client
# shown and nothing to tidy (no dialog, no unsaved change, no notification), then its UI storage cleared at once;
# otherwise what keep_booted does step by step.
NO_CLIENT, TO_TIDY, TIDY = "no client", "to tidy", "tidy"
TIDY_AT_ONCE_JS = f"""([ready, dialog, unsaved, notification]) => {{
  const shown = {SHOWN_JS};
  if (!shown(document.querySelector(ready))) return "{NO_CLIENT}";
  if (document.querySelector(dialog) || document.querySelector(notification)
      || [...document.querySelectorAll(unsaved)].some(shown)) return "{TO_TIDY}";
  window.localStorage.clear();
  window.sessionStorage.clear();
  return "{TIDY}";
}}"""
DIALOGS_FEWER_JS = "([selector, count]) => document.querySelectorAll(selector).length < count"
# Odoo 19.0's web client keeps what it fetched (views, menus) in IndexedDB ("rpc", keyed by the registry only) and
# shows the kept copy before asking again (web/core/network/rpc_cache.js): a view read before a scenario turned on
# a group (Storage Locations) came back without the fields it shows. Deleted between scenarios: Chromium clears
# the origin's IndexedDB through the DevTools protocol, closing the web client's and its service worker's
# connections; other browsers delete the databases from a same-origin page that holds none.
CLEAR_ORIGIN = "Storage.clearDataForOrigin"
NO_CLIENT_PAGE = "/web/static/img/favicon.ico"
DELETE_DATABASES_JS = """async () => {
  const names = (await indexedDB.databases()).map(db => db.name);
  await Promise.all(names.map(name => new Promise((done, failed) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = done;
    request.onerror = () => failed(request.error);
  })));
  return names;
}"""


def keep_booted(page: Page, cookies_at_boot: frozenset[tuple[str, str]]) -> bool:
    """Tidy a used page and keep its web client booted for the next scenario: other tabs, dialogs, notifications
    closed, unsaved changes discarded, UI storage cleared. False when it cannot be kept so: the client is not on
    screen, or a scenario changed what it reads only when it boots (its company, time zone, language cookies);
    then the caller makes it blank (leave_clean) or closes it."""
    try:
        for other in page.context.pages:
            if other is not page:
                other.close()
        if page.url == BLANK:
            return False
        found = page.evaluate(
            TIDY_AT_ONCE_JS, [WEB_CLIENT_READY, OPEN_DIALOG, f"{DISCARD}, {UNSAVED}", NOTIFICATION_CLOSE]
        )
        if found == NO_CLIENT:
            return False
        if found != TIDY:
            if not (_close_dialogs(page) and _discard_changes(page) and _close_notifications(page)):
                return False
            page.evaluate(CLEAR_STORAGE_JS)  # list layouts, optional columns, the last action: read again when used
        return client_cookies(page) == cookies_at_boot
    except PlaywrightError:
        return False


def client_cookies(page: Page) -> frozenset[tuple[str, str]]:
    """The cookies the web client reads when it boots (company, time zone, language, theme): all but the session."""
    return frozenset(
        (cookie["name"], cookie["value"]) for cookie in page.context.cookies() if cookie["name"] != SESSION_COOKIE
    )


def _close_notifications(page: Page) -> bool:
    """Close the notifications still shown (sticky ones stay until closed), so no scenario reads another's."""
    close = page.locator(NOTIFICATION_CLOSE)
    for _ in range(MAX_NOTIFICATIONS):
        if close.count() == 0:
            return True
        close.first.click(timeout=SETTLE_TIMEOUT_MS)
    return close.count() == 0


def leave_clean(page: Page) -> bool:
    """Make a page that a scenario used as clean as a new one; False when it could not be (then close it)."""
    try:
        for other in page.context.pages:
            if other is not page:
                other.close()
        if page.url != BLANK:
            if not (_close_dialogs(page) and _discard_changes(page)):
                return False
            page.evaluate(CLEAR_STORAGE_JS)  # list layouts, optional columns, the last action: UI state
            _delete_client_cache(page)
            page.goto(BLANK)
        _keep_only_session_cookie(page)
        return True
    except PlaywrightError:
        return False


def _delete_client_cache(page: Page) -> None:
    """Delete the web client's IndexedDB databases of this origin (its cached views and menus)."""
    origin = re.match(r"^https?://[^/]+", page.url)
    if origin is None:
        return
    if page.context.browser and page.context.browser.browser_type.name == "chromium":
        session = page.context.new_cdp_session(page)
        try:
            session.send(CLEAR_ORIGIN, {"origin": origin.group(0), "storageTypes": "indexeddb"})
        finally:
            session.detach()
        return
    page.goto(origin.group(0) + NO_CLIENT_PAGE)
    page.evaluate(DELETE_DATABASES_JS)


def _close_dialogs(page: Page) -> bool:
    """Close the open dialogs one by one with Escape (Odoo's dismiss: a dialog's form is discarded)."""
    dialogs = page.locator(OPEN_DIALOG)
    for _ in range(MAX_DIALOGS):
        count = dialogs.count()
        if count == 0:
            return True
        page.keyboard.press("Escape")
        page.wait_for_function(DIALOGS_FEWER_JS, arg=[OPEN_DIALOG, count], timeout=SETTLE_TIMEOUT_MS)
    return dialogs.count() == 0


def _discard_changes(page: Page) -> bool:
    """Discard the unsaved changes of the form or editable list on screen; whether none are left."""
    discard = page.locator(DISCARD).filter(visible=True)
    if discard.count():
        discard.first.click(timeout=SETTLE_TIMEOUT_MS)
        page.locator(UNSAVED).filter(visible=True).first.wait_for(state="hidden", timeout=SETTLE_TIMEOUT_MS)
    return page.locator(UNSAVED).filter(visible=True).count() == 0 and page.locator(OPEN_DIALOG).count() == 0


def _keep_only_session_cookie(page: Page) -> None:
    """Drop the cookies the web client set (company, time zone, language, theme); keep the login.

    In one call that never removes the session cookie: clearing every cookie and adding the session back
    left a moment without it, and a request of the web client's service worker in that moment (it caches
    /odoo/offline when it installs, after the page is gone) got a new anonymous session from Odoo, whose
    cookie replaced the login: the role's next page landed on the login form (the soaks' one flake)."""
    page.context.clear_cookies(name=OTHER_THAN_SESSION_COOKIE)
