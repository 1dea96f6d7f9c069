"""A button's call is waited for by the buttons Odoo disables during it, not by a button disabled by its view."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from pages.components.buttons import press

# What Odoo's executeButtonCallback does (web/static/src/views/view_button/view_button_hook.js, 18.0 and 19.0):
# every enabled button gets disabled="1" while the call runs, and the same buttons are enabled again after it.
# The call here also renders a button its arch disables (19.0's "Discounts" once an order is cancelled).
FORM = """
<div class="o_action_manager"><div class="o_form_view">
  <button id="cancel">Cancel</button><button id="other">Other</button>
</div></div>
<script>
  const view = document.querySelector('.o_form_view');
  document.querySelector('#cancel').addEventListener('click', () => {
    const buttons = [...view.querySelectorAll('button:not([disabled])')];
    buttons.forEach(b => b.setAttribute('disabled', '1'));
    if (window.callNeverEnds) return;
    setTimeout(() => {
      const discounts = document.createElement('button');
      discounts.textContent = 'Discounts';
      discounts.setAttribute('disabled', '1');
      view.appendChild(discounts);
      buttons.forEach(b => b.removeAttribute('disabled'));
      window.callDone = true;
    }, 300);
  });
</script>
"""


@pytest.fixture
def blank_page(blank_page: Page) -> Page:
    """The blank page, whose waits give up after 2 s."""
    blank_page.set_default_timeout(2000)
    return blank_page


def test_a_call_is_done_when_its_buttons_are_enabled_again_despite_a_button_disabled_by_the_view(
    blank_page: Page,
) -> None:
    blank_page.set_content(FORM)
    press(blank_page.locator("#cancel"), "Cancel")
    assert blank_page.evaluate("window.callDone") is True


def test_a_call_that_never_returns_is_reported(blank_page: Page) -> None:
    blank_page.set_content(FORM)
    blank_page.evaluate("window.callNeverEnds = true")
    with pytest.raises(AssertionError, match='Odoo did not finish what "Cancel" does'):
        press(blank_page.locator("#cancel"), "Cancel")
