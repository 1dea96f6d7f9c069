"""Buttons by the label a person reads: dialog footers, open dropdowns, header, control panel, smart buttons."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from pages.components.dialog import ACTIVE_DIALOG
from pages.components.hover import clear_hover
from pages.components.menu import OPEN_DROPDOWN

# Where a label is looked for, in this order: what is on top first.
SCOPES = (
    ACTIVE_DIALOG,
    OPEN_DROPDOWN,  # an open dropdown (the form's Actions menu, a button's menu)
    ".o_action_manager .o_statusbar_buttons",
    ".o_action_manager .o_control_panel",
    ".o_action_manager .o-form-buttonbox",
    ".o_action_manager",
)
CLICKABLE_KINDS = ("button", "a.btn", "[role=button]", "[role=menuitem]")
CLICKABLE = ", ".join(CLICKABLE_KINDS)
STAT_BUTTON = "button.oe_stat_button"
STAT_TEXT = ".o_stat_text"
# Odoo disables every enabled button of a view with disabled="1" while a button's call runs, and
# enables the same buttons when it returns (executeButtonCallback, 18.0 and 19.0). A view may also
# hold a button disabled="1" by its arch (19.0's "Discounts" on a cancelled order): only the buttons
# that were enabled at the click are watched, so waiting for none of them to be left disabled waits
# for the call.
WAS_ENABLED = "data-uat-was-enabled"
BUSY_BUTTON = f'button[{WAS_ENABLED}][disabled="1"]'
# While a button's call opens a dialog (a confirmation, a wizard), the view's buttons stay disabled
# until the dialog closes: a dialog that was not there before the click ends the wait too (issue 12).
# A click in a dialog (its answer) is done when that dialog has closed or is no longer on top.
SEEN_DIALOG = "data-uat-seen"
CLICKED_DIALOG = "data-uat-clicked"
MARK_DIALOGS_JS = f"""([button, dialog]) => {{
  document.querySelectorAll('[{CLICKED_DIALOG}]').forEach(el => el.removeAttribute('{CLICKED_DIALOG}'));
  document.querySelectorAll('[{WAS_ENABLED}]').forEach(el => el.removeAttribute('{WAS_ENABLED}'));
  document.querySelectorAll('button:not([disabled])').forEach(el => el.setAttribute('{WAS_ENABLED}', ''));
  document.querySelectorAll(dialog).forEach(el => el.setAttribute('{SEEN_DIALOG}', ''));
  button.closest(dialog)?.setAttribute('{CLICKED_DIALOG}', '');
}}"""
# The buttons that wait are those of the dialog on top (a dialog's call leaves the view behind it as it is).
CALL_DONE_JS = f"""([busy, dialog]) => {{
  const open = [...document.querySelectorAll(dialog)];
  if (open.some(el => el.hasAttribute('{CLICKED_DIALOG}'))) return false;
  if (open.some(el => !el.hasAttribute('{SEEN_DIALOG}'))) return true;
  return !(open.pop() || document).querySelector(busy);
}}"""
# Listed when a label is unknown: the chatter's and pager's buttons are left out, they are noise there.
UNLISTED = ".o-mail-Form-chatter, .o_pager"
NAMES_JS = f"""els => els.filter(el => (el.offsetWidth || el.offsetHeight) && !el.closest('{UNLISTED}')).map(el =>
  (el.querySelector('{STAT_TEXT}')?.innerText || el.innerText || el.getAttribute('aria-label')
   || el.getAttribute('data-tooltip') || el.getAttribute('title') || '').trim()).filter(Boolean)"""


def name_pattern(label: str) -> re.Pattern[str]:
    """The whole accessible name or text `label`, any case and spacing."""
    body = r"\s+".join(re.escape(word) for word in label.split())
    return re.compile(rf"^\s*{body}\s*$", re.IGNORECASE)


def named(scope: Locator, label: str) -> Locator:
    """The visible buttons in `scope` whose text, accessible name, tooltip or smart-button label is `label`."""
    pattern = name_pattern(label)
    quoted = label.strip().replace("\\", "\\\\").replace('"', '\\"')
    page = scope.page
    return (
        scope.get_by_role("button", name=pattern)
        .or_(scope.get_by_role("menuitem", name=pattern))
        .or_(scope.locator(CLICKABLE).filter(has_text=pattern))
        .or_(scope.locator(", ".join(f'{kind}[data-tooltip="{quoted}" i]' for kind in CLICKABLE_KINDS)))
        .or_(scope.locator(STAT_BUTTON).filter(has=page.locator(STAT_TEXT, has_text=pattern)))
    ).filter(visible=True)


def visible_labels(page: Page) -> list[str]:
    """The labels of the buttons on screen (for error messages)."""
    top = page.locator(ACTIVE_DIALOG)
    scope = top.last if top.count() else page.locator(".o_action_manager")
    labels = scope.locator(CLICKABLE).evaluate_all(NAMES_JS)
    menus = page.locator(f"{OPEN_DROPDOWN} {CLICKABLE}").evaluate_all(NAMES_JS)
    return list(dict.fromkeys(" ".join(label.split()) for label in [*labels, *menus]))


def click_button(page: Page, label: str, explain: Callable[[str], str | None] | None = None) -> None:
    """Click the button labelled `label` (on the dialog on top if one is open) and wait for its call or a dialog.

    `explain(label)` says why the button may be missing (a right the user lacks), for the error.
    """
    # A dialog covers the screen behind it: only its buttons (and an open dropdown's) can be clicked then.
    scopes = SCOPES[:2] if page.locator(ACTIVE_DIALOG).count() else SCOPES
    candidates = [
        named(page.locator(scope).last if scope == ACTIVE_DIALOG else page.locator(scope), label) for scope in scopes
    ]
    anywhere = candidates[0]
    for more in candidates[1:]:
        anywhere = anywhere.or_(more)
    try:
        expect(anywhere.first).to_be_visible()
    except AssertionError:
        shown = ", ".join(f'"{name}"' for name in visible_labels(page)) or "none"
        why = explain(label) if explain else None
        raise AssertionError(
            f'No button "{label}" on screen. {why + " " if why else ""}The buttons: {shown}.'
        ) from None
    press(next((found.first for found in candidates if found.count()), anywhere.first), label)


def press(button: Locator, label: str) -> None:
    """Click a button found on screen and wait until Odoo has done what it does, or has opened a dialog."""
    page = button.page
    clear_hover(page)
    button.evaluate(f"(el, dialog) => ({MARK_DIALOGS_JS})([el, dialog])", ACTIVE_DIALOG)
    button.click()
    try:
        page.wait_for_function(CALL_DONE_JS, arg=[BUSY_BUTTON, ACTIVE_DIALOG])
    except PlaywrightTimeoutError:
        raise AssertionError(
            f'Odoo did not finish what "{label}" does: the screen\'s buttons stayed disabled, '
            "or the dialog it is on stayed open, and no other dialog opened."
        ) from None
