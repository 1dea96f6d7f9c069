"""Modal dialogs and wizards."""
from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

ACTIVE_DIALOG = ".modal:not(.o_inactive_modal)"


class Dialog:
    """The dialog on top; wizards are forms inside it."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.root: Locator = page.locator(ACTIVE_DIALOG).last

    def expect_open(self, title: str | None = None) -> "Dialog":
        """Wait until a dialog is shown (optionally with this title)."""
        expect(self.root).to_be_visible()
        if title:
            expect(self.root.locator(".modal-title")).to_contain_text(title)
        return self

    def click(self, method: str) -> None:
        """Click the footer button that calls `method` (stable across versions, unlike labels)."""
        self.root.locator(f"footer button[name={method}], .modal-footer button[name={method}]").first.click()

    def expect_closed(self) -> None:
        """Wait until no dialog is shown."""
        expect(self.page.locator(ACTIVE_DIALOG)).to_have_count(0)

    @property
    def body_text(self) -> str:
        """The dialog's text."""
        return self.root.locator(".modal-body").inner_text()
