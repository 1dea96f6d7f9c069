"""Sales screens: the quotation / sales order form."""

from __future__ import annotations

from pages.components.form import FormView

QUOTATIONS_ACTION = "sale.action_quotations_with_onboarding"
CUSTOMER = "partner_id"
ORDER_LINES = "order_line"
PRODUCT_CELL = "product_template_id"  # sale order lines edit the template, not product_id
QUANTITY_CELL = "product_uom_qty"
CONFIRMED = "sale"


class QuotationForm(FormView):
    """A quotation, from new to confirmed sales order."""

    ACTION = QUOTATIONS_ACTION
    READY_FIELD = CUSTOMER

    def set_customer(self, name: str) -> None:
        """Choose the customer."""
        self.set(CUSTOMER, name)

    def add_product(self, name: str, quantity: float) -> None:
        """Add an order line for `quantity` units of product `name`."""
        line = self.lines(ORDER_LINES).add_row()
        line.set(PRODUCT_CELL, name)
        line.set(QUANTITY_CELL, quantity)

    def confirm(self) -> None:
        """Confirm the quotation into a sales order."""
        self.statusbar.click("action_confirm")
        self.statusbar.expect_stage(CONFIRMED)
