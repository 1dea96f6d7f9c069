"""Sales screens: the quotation / sales order form."""

from __future__ import annotations

from pages.orders import OrderForm

QUOTATIONS_ACTION = "sale.action_quotations_with_onboarding"
CUSTOMER = "partner_id"
ORDER_LINES = "order_line"
PRODUCT_CELL = "product_template_id"  # sale order lines edit the template, not product_id
QUANTITY_CELL = "product_uom_qty"
CONFIRMED = "sale"
ORDER_MODEL = "sale.order"
ORDERED_QTY = "product_uom_qty"
DELIVERED_QTY = "qty_delivered"
INVOICED_QTY = "qty_invoiced"


class QuotationForm(OrderForm):
    """A quotation, from new to confirmed sales order, cancelled and set back to quotation."""

    ACTION = QUOTATIONS_ACTION
    READY_FIELD = CUSTOMER
    MODEL = ORDER_MODEL
    CANCEL = "action_cancel"  # 19.0: confirm= on the button; 18.0: the sale.order.cancel wizard once not a draft
    SET_TO_QUOTATION = "action_draft"
    CANCEL_WIZARD = "action_cancel"  # sale_order_cancel_views.xml (18.0): its "Cancel", not "Send and cancel"

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
