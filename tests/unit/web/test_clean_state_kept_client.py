"""A web client kept booted between scenarios is tidied in the real browser (no Odoo): dialogs and notifications
closed, UI storage cleared; it is not kept when a cookie it reads only at boot changed (company, time zone)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Route

from odoo_uat.web.clean_state import client_cookies, keep_booted

URL = "http://odoo.test/odoo/action-sale.action_orders"
# The parts of Odoo's web client keep_booted reads: the client on screen, a sticky notification whose close
# button removes it (web/core/notifications/notification.xml, 18.0 and 19.0), a dialog that Escape closes.
CLIENT = """<html><body>
<div class="o_web_client"><div class="o_action_manager">Orders</div></div>
<div class="o_notification_manager">
  <div class="o_notification"><button class="o_notification_close" onclick="this.parentNode.remove()"></button>
  Stock is low</div>
</div>
<div class="o_dialog"><div class="modal">Wizard</div></div>
<script>
  document.addEventListener('keydown', e => { if (e.key === 'Escape') document.querySelector('.o_dialog')?.remove(); });
  localStorage.setItem('optional_fields', 'x');
</script>
</body></html>"""


@pytest.fixture
def client(browser: Browser) -> Iterator[Page]:
    """A page of the browser the suite launches, at a fake origin serving the client above."""
    context = browser.new_context()
    context.add_cookies(
        [{"name": "session_id", "value": "s3cr3t", "url": URL}, {"name": "cids", "value": "1", "url": URL}]
    )
    page = context.new_page()
    page.set_default_timeout(2000)

    def serve(route: Route) -> None:
        route.fulfill(status=200, content_type="text/html", body=CLIENT)

    page.route("http://odoo.test/**", serve)
    page.goto(URL)
    yield page
    context.close()


def test_a_used_client_is_tidied_and_kept_booted(client: Page) -> None:
    at_boot = client_cookies(client)
    assert keep_booted(client, at_boot)
    assert client.locator(".o_notification").count() == 0 and client.locator(".o_dialog .modal").count() == 0
    assert client.evaluate("localStorage.length") == 0
    assert client.url == URL  # still booted: the next scenario moves inside it


def test_a_client_whose_company_cookie_changed_is_not_kept(client: Page) -> None:
    at_boot = client_cookies(client)
    client.context.add_cookies([{"name": "cids", "value": "2", "url": URL}])  # the scenario switched company
    assert not keep_booted(client, at_boot)


def test_a_blank_page_is_not_a_kept_client(client: Page) -> None:
    at_boot = client_cookies(client)
    client.goto("about:blank")
    assert not keep_booted(client, at_boot)


def test_a_client_with_nothing_to_tidy_is_kept_and_its_storage_cleared(client: Page) -> None:
    client.evaluate("document.querySelector('.o_dialog').remove(); document.querySelector('.o_notification').remove()")
    at_boot = client_cookies(client)
    assert keep_booted(client, at_boot)
    assert client.evaluate("localStorage.length") == 0 and client.url == URL


def test_a_page_whose_client_is_not_shown_is_not_kept(client: Page) -> None:
    client.evaluate("document.querySelector('.o_action_manager').style.display = 'none'")
    assert not keep_booted(client, client_cookies(client))
