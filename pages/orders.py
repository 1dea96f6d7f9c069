"""Orders, sales and purchase alike: cancel one and set it back to quotation, whatever Odoo asks on the way.

Odoo asks differently by version and by order (read in /srv/odoo19 and /srv/odoo18, addons/sale and
addons/purchase): a sales order's Cancel asks a confirmation on 19.0 (`confirm=` on the button,
web's ConfirmationDialog) and opens the `sale.order.cancel` wizard on 18.0 for an order that is not a
draft (a draft is cancelled at once); a purchase order's Cancel asks nothing on either. In French the
order's button and the confirmation's dismiss button are both "Annuler": the buttons are found here by
what they call, never by their label, so the answer is always the one that cancels.
"""

from __future__ import annotations

from typing import ClassVar

from playwright.sync_api import Page, expect

from pages.components.buttons import press
from pages.components.dialog import Dialog
from pages.components.form import FormView
from pages.components.pending_calls import settle, track_calls

CANCELLED = "cancel"
QUOTATION = "draft"  # a sales quotation and a request for quotation alike


class OrderForm(FormView):
    """A sales or purchase order's form: the header buttons that cancel it and set it back to quotation."""

    MODEL: ClassVar[str] = ""
    CANCEL: ClassVar[str] = ""  # the header button's method
    SET_TO_QUOTATION: ClassVar[str] = ""
    CANCEL_WIZARD: ClassVar[str] = ""  # the button of the wizard Cancel may open that cancels ("" when none)

    def cancel(self) -> None:
        """Cancel the order, answering the confirmation or the wizard Odoo shows, and wait until it is cancelled."""
        self._act(self.CANCEL, CANCELLED, self.CANCEL_WIZARD)

    def set_to_quotation(self) -> None:
        """Set the cancelled order back to a quotation (a request for quotation), and wait until it is one."""
        self._act(self.SET_TO_QUOTATION, QUOTATION, "")

    def _act(self, method: str, stage: str, wizard_button: str) -> None:
        """Click a header button, answer the dialog it may open so that it goes ahead, and wait for `stage`."""
        button = self.statusbar.button(method)
        try:
            expect(button).to_be_visible()
        except AssertionError:
            shown = self.statusbar.stage_label
            raise AssertionError(
                f"This order has no button for {method!r} on screen (its status is {shown!r}): "
                "an order is cancelled while it is a quotation or confirmed, and set back to quotation once cancelled."
            ) from None
        track_calls(self.page)
        press(button, method)
        if Dialog.asking(self.page):
            answer_to_go_ahead(self.page, wizard_button)
        self.statusbar.expect_stage(stage)


def answer_to_go_ahead(page: Page, wizard_button: str) -> None:
    """Answer the dialog on top so that the action goes ahead: a wizard's `wizard_button`, or the confirmation's OK."""
    # 18.0's cancel wizard mails the customer: for a recipient without an email its many2many_tags_email
    # opens the contact's form on top once the wizard is shown, asking one. That form comes from the calls
    # the wizard makes as it opens: they are all answered before the dialog on top is read.
    settle(page)
    dialog = Dialog(page).expect_open()
    if dialog.has_form and wizard_button and not dialog.has_button(wizard_button) and Dialog.asking_under(page):
        # Cancelling needs no mail: the contact's form is closed, and the wizard drops that recipient.
        dialog.close()
        settle(page)
        dialog = Dialog(page).expect_open()
    if dialog.has_form:
        if not wizard_button or not dialog.has_button(wizard_button):
            raise AssertionError(f"Odoo opened a dialog this step does not know how to answer: {dialog.body_text!r}")
        press(dialog.button(wizard_button), wizard_button)
    else:
        press(dialog.confirm_button, "the confirmation's OK")
