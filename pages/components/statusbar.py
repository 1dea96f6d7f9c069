"""The form header: action buttons and the status bar."""

from __future__ import annotations

from playwright.sync_api import Locator

from pages.components.odoo_errors import expect_or_odoo_error

BUTTONS = ".o_statusbar_buttons"
STATUS = ".o_statusbar_status"
CURRENT = "button.o_arrow_button_current[aria-checked=true]"
CURRENT_STAGE = f"{STATUS} {CURRENT}"


class StatusBar:
    """Header buttons (by method name, stable across versions) and the current stage."""

    def __init__(self, form_root: Locator) -> None:
        self.root = form_root

    def button(self, method: str) -> Locator:
        """The header button that calls `method`, e.g. 'action_confirm', or opens the action of that id."""
        # Quoted: an action id is a number, which CSS does not take as a bare attribute value.
        return self.root.locator(f'{BUTTONS} button[name="{method}"]').first

    def labelled(self, label: str) -> Locator:
        """The header button whose label is `label` (for buttons whose name= is not stable, e.g. an action id)."""
        return self.root.locator(BUTTONS).get_by_role("button", name=label, exact=True)

    def by_hotkey(self, key: str) -> Locator:
        """The shown header button with the keyboard shortcut `key` (its label is translated, its name an action id)."""
        return self.root.locator(f'{BUTTONS} button[data-hotkey="{key}"]:visible').first

    def click(self, method: str) -> None:
        """Click the header button that calls `method`."""
        self.button(method).click()

    def expect_stage(self, key: str) -> None:
        """Wait until the status bar shows the stage `key`; an Odoo error dialog fails with its text."""
        reached = self.stage(key)
        expect_or_odoo_error(self.root.page, reached, f"reach the stage {key!r}")

    def stage(self, key: str) -> Locator:
        """The status bar while its current stage is `key` (e.g. 'sale'): shown once the record reached it.

        The bar, not the stage's button: when the header is too narrow for the stages' labels (long French ones
        beside many buttons), Odoo hides every stage button and shows the current label in a dropdown instead.
        """
        return self.root.locator(f'{STATUS}:has({CURRENT}[data-value="{key}"])')

    @property
    def stage_label(self) -> str:
        """The label of the current stage as shown."""
        return self.root.locator(CURRENT_STAGE).inner_text().strip()
