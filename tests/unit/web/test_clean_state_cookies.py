"""A reused page keeps only its session cookie, removed and kept in one call of the real browser (no Odoo).

Clearing every cookie and adding the session back left a moment without it; a request of Odoo's service
worker in that moment got a new anonymous session whose cookie replaced the login (the soaks' one flake).
"""

from __future__ import annotations

from playwright.sync_api import Browser

from odoo_uat.web.clean_state import leave_clean

URL = "http://127.0.0.1:9"  # no server: cookies only
COOKIES = [
    {"name": name, "value": value, "url": URL}
    for name, value in (
        ("session_id", "s3cr3t"),
        ("cids", "1"),
        ("tz", "Europe/Brussels"),
        ("session_id_backup", "x"),
        ("frontend_lang", "fr_FR"),
    )
]


def test_only_the_session_cookie_is_left_by_one_filtered_clear(browser: Browser) -> None:
    """pytest-playwright's browser, launched as the suite launches it (fixtures/browser.py)."""
    context = browser.new_context()
    context.add_cookies(COOKIES)
    page = context.new_page()
    assert leave_clean(page)
    assert [(cookie["name"], cookie["value"]) for cookie in context.cookies()] == [("session_id", "s3cr3t")]
    context.close()
