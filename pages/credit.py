"""Credit screens: the credit-limit warning and risk hold on quotations, payments and credit notes on invoices."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from pages.components.dialog import ACTIVE_DIALOG, FORM_VIEW, Dialog
from pages.components.form import FormView
from pages.components.labels import widget_selector
from pages.invoicing import InvoiceForm
from pages.sales import QuotationForm

# Standard Odoo: a yellow banner above the quotation holds this computed field (18.0 and 19.0).
CREDIT_WARNING = "partner_credit_warning"
# OCA sale_financial_risk: confirming over the risk opens partner.risk.exceeded.wiz instead.
RISK_MESSAGE = "exception_msg"
RISK_OVERRIDE = "button_continue"  # shown to financial-risk managers only
CUSTOMER_INVOICES_ACTION = "account.action_move_out_invoice_type"
REGISTER_PAYMENT = "action_register_payment"
CREATE_PAYMENT = "action_create_payments"
CREDIT_NOTE = "action_reverse"
REVERSE = "refund_moves"
INVOICE_LINES = "invoice_line_ids"
QUANTITY_CELL = "quantity"
REASON = "reason"
CONFIRMED_ORDER = "sale"


class CreditCheckedQuotation(QuotationForm):
    """A quotation as the credit checks show it."""

    @property
    def credit_warning(self) -> Locator:
        """The credit-limit warning banner's text."""
        return self.field(CREDIT_WARNING)

    def try_to_confirm(self) -> RiskExceededDialog | None:
        """Click Confirm; return the risk dialog when a hold refuses it, None when the order is confirmed."""
        self.statusbar.click("action_confirm")
        confirmed = self.statusbar.stage(CONFIRMED_ORDER)
        risk = self.page.locator(ACTIVE_DIALOG).locator(widget_selector(RISK_MESSAGE))
        expect(confirmed.or_(risk).first).to_be_visible()
        return RiskExceededDialog(self.page) if risk.is_visible() else None


class RiskExceededDialog(Dialog):
    """OCA account_financial_risk's "Partner risk exceeded" dialog."""

    @property
    def message(self) -> str:
        """Why the risk was exceeded, as the module words it."""
        return self.root.locator(widget_selector(RISK_MESSAGE)).inner_text().strip()

    @property
    def can_override(self) -> bool:
        """Whether the user is offered "Continue" (confirm over the risk)."""
        return self.has_button(RISK_OVERRIDE)


class CustomerInvoiceForm(InvoiceForm):
    """A posted customer invoice: register its payment, or credit it."""

    ACTION = CUSTOMER_INVOICES_ACTION
    READY_FIELD = "partner_id"

    def register_payment(self) -> None:
        """Register the payment of the amount due (the wizard's proposal) and wait until it is recorded."""
        self.statusbar.click(REGISTER_PAYMENT)
        Dialog(self.page).expect_open().click(CREATE_PAYMENT)
        Dialog(self.page).expect_closed()

    def credit_note(self, reason: str) -> CustomerInvoiceForm:
        """Click Credit Note, give the reason, Reverse: the draft credit note opens in its place."""
        self.statusbar.click(CREDIT_NOTE)
        dialog = Dialog(self.page).expect_open()
        FormView(self.page, dialog.root.locator(FORM_VIEW).first).set(REASON, reason)
        dialog.click(REVERSE)
        dialog.expect_closed()
        credit_note = CustomerInvoiceForm(self.page)
        expect(credit_note.statusbar.button("action_post")).to_be_visible()
        return credit_note

    def set_line_quantity(self, product: str, quantity: float) -> None:
        """Change the quantity of the product's line."""
        self.lines(INVOICE_LINES).edit(product).set(QUANTITY_CELL, quantity)

    def post(self) -> None:
        """Save and post (confirm) the draft."""
        self.save()
        super().post()
