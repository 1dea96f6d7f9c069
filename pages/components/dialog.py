"""Modal dialogs and wizards."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

ACTIVE_DIALOG = ".modal:not(.o_inactive_modal)"
FORM_VIEW = ".o_form_view"  # a record's form, in a dialog or as the action's main view
DIALOG_FORM = f"{ACTIVE_DIALOG} {FORM_VIEW}"
# A form dialog's "Save" (19.0) / "Save & Close" (18.0) button: same class in both.
DIALOG_SAVE = ".modal-footer .o_form_button_save"
SAVING = "data-uat-saving"
# web.ConfirmationDialog's confirm button (a button's confirm=; confirmation_dialog.xml, 18.0 and 19.0): its
# dismiss button is btn-secondary, and in French both may read "Annuler" when the button confirmed is a Cancel.
CONFIRM = ".modal-footer button.btn-primary"
ERROR = ".o_error_dialog"
CLOSE = ".modal-header .btn-close"  # the dialog's X (18.0 and 19.0)


class Dialog:
    """The dialog on top; wizards are forms inside it."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.root: Locator = page.locator(ACTIVE_DIALOG).last

    def expect_open(self, title: str | None = None) -> Dialog:
        """Wait until a dialog is shown (optionally with this title)."""
        expect(self.root).to_be_visible()
        if title:
            expect(self.root.locator(".modal-title")).to_contain_text(title)
        return self

    def click(self, method: str) -> None:
        """Click the footer button that calls `method` (stable across versions, unlike labels)."""
        self.root.locator(f"footer button[name={method}], .modal-footer button[name={method}]").first.click()

    def button(self, method: str) -> Locator:
        """The dialog's button that calls `method` (to press it and wait for what it does)."""
        return self.root.locator(f"button[name={method}]").first

    @property
    def confirm_button(self) -> Locator:
        """A confirmation's "Ok" (the button that goes ahead), whatever its label."""
        return self.root.locator(CONFIRM).first

    @property
    def form(self) -> Locator:
        """The record's form the dialog holds (a wizard's)."""
        return self.root.locator(FORM_VIEW).first

    @classmethod
    def asking(cls, page: Page) -> bool:
        """Whether a dialog other than Odoo's error dialog is open (a confirmation or a wizard)."""
        return page.locator(f"{ACTIVE_DIALOG}:not(:has({ERROR}))").count() > 0

    def close(self) -> None:
        """Close the dialog on top with its X, as a person dismisses it, and wait until it is gone."""
        self.root.evaluate(f"el => el.setAttribute('{SAVING}', '')")
        self.root.locator(CLOSE).first.click()
        expect(self.page.locator(f"[{SAVING}]")).to_have_count(0)

    @classmethod
    def asking_under(cls, page: Page) -> bool:
        """Whether another dialog is open under the one on top (a wizard that opened a record's form)."""
        return page.locator(".modal").count() > 1

    def has_button(self, method: str) -> bool:
        """Whether the dialog offers a button that calls `method` (some are shown to some users only)."""
        return self.root.locator(f"button[name={method}]").count() > 0

    @property
    def has_form(self) -> bool:
        """Whether the dialog on top holds a record's form (a wizard, a line's or a contact's form)."""
        return self.root.locator(FORM_VIEW).first.is_visible()

    def save(self) -> None:
        """Save the dialog's record, and wait until the dialog has closed."""
        self.root.evaluate(f"el => el.setAttribute('{SAVING}', '')")
        self.root.locator(DIALOG_SAVE).first.click()
        expect(self.page.locator(f"[{SAVING}]")).to_have_count(0)

    def expect_closed(self) -> None:
        """Wait until no dialog is shown."""
        expect(self.page.locator(ACTIVE_DIALOG)).to_have_count(0)

    @property
    def body_text(self) -> str:
        """The dialog's text."""
        return self.root.locator(".modal-body").inner_text()
