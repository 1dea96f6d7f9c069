"""Invoicing screens: invoicing a sales order, billing a purchase order, and posting the invoice or bill."""

from __future__ import annotations

from playwright.sync_api import expect

from pages.components.dialog import Dialog
from pages.components.form import FormView
from pages.components.odoo_errors import expect_or_odoo_error

# The sales order's "Create Invoice": its name is an action id and its label translated; of the buttons with
# this shortcut (regular and down-payment invoice, 18.0 and 19.0) only one is shown at a time.
CREATE_INVOICE_HOTKEY = "q"
CREATE_INVOICE_WIZARD = "create_invoices"
POST = "action_post"
POSTED = "posted"
BILL_DATE = "invoice_date"  # "Bill Date": a vendor bill cannot be posted without it (18.0 and 19.0)


class InvoiceForm(FormView):
    """A customer invoice."""

    def post(self) -> None:
        """Post (confirm) the draft invoice."""
        self.statusbar.click(POST)
        self.statusbar.expect_stage(POSTED)


class BillForm(InvoiceForm):
    """A vendor bill: dated, then posted."""

    @classmethod
    def shown(cls, page) -> BillForm:
        """The draft bill Odoo has just opened."""
        bill = cls(page)
        expect(bill.statusbar.button(POST)).to_be_visible()
        return bill

    def post_dated(self, day: str) -> None:
        """Set the bill date (e.g. "today"), save, then post the bill."""
        self.set(BILL_DATE, day)
        self.save()
        self.post()


def invoice_order(order_form: FormView) -> InvoiceForm:
    """From a sales order form, create the regular invoice and return its form."""
    order_form.statusbar.by_hotkey(CREATE_INVOICE_HOTKEY).click()
    Dialog(order_form.page).expect_open().click(CREATE_INVOICE_WIZARD)
    invoice = InvoiceForm(order_form.page)
    expect_or_odoo_error(order_form.page, invoice.statusbar.button(POST), "create the invoice")
    return invoice
