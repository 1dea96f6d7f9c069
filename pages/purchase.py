"""Purchase screens: the request for quotation / purchase order form."""

from __future__ import annotations

from pages.components.form import FormView

RFQ_ACTION = "purchase.purchase_rfq"
VENDOR = "partner_id"
ORDER_LINES = "order_line"
PRODUCT_CELL = "product_id"  # purchase order lines edit the variant on 18.0 and 19.0
QUANTITY_CELL = "product_qty"
UNIT_PRICE_CELL = "price_unit"
DELIVER_TO = "picking_type_id"  # "Deliver To": the receipt operation type, hence the warehouse
CONFIRMED = "purchase"
CANCELLED = "cancel"


class PurchaseOrderForm(FormView):
    """A request for quotation, from new to confirmed purchase order."""

    ACTION = RFQ_ACTION
    READY_FIELD = VENDOR

    def set_vendor(self, name: str) -> None:
        """Choose the vendor."""
        self.set(VENDOR, name)

    def set_deliver_to(self, operation_type: str) -> bool:
        """Choose where the goods are delivered (a receipt operation type, e.g. 'North Depot: Receipts').

        False when the form has no "Deliver To": 18.0 shows it only to users with Storage Locations
        (groups="stock.group_stock_multi_locations" in purchase_stock's form), and the order goes to
        the default receipt type, which the caller checks once the order is saved.
        """
        if not self.field(DELIVER_TO).count():
            return False
        self.set(DELIVER_TO, operation_type)
        return True

    def add_product(self, name: str, quantity: float, unit_price: float | None = None) -> None:
        """Add an order line; without a unit price the vendor's price list gives it."""
        line = self.lines(ORDER_LINES).add_row()
        line.set(PRODUCT_CELL, name)
        line.set(QUANTITY_CELL, quantity)
        if unit_price is not None:
            # Entered after the quantity: a quantity change recomputes the price from the vendor's list.
            line.set(UNIT_PRICE_CELL, unit_price)

    def confirm(self) -> None:
        """Confirm the request for quotation into a purchase order."""
        self.statusbar.click("button_confirm")
        self.statusbar.expect_stage(CONFIRMED)

    def cancel(self) -> None:
        """Cancel the order."""
        self.statusbar.click("button_cancel")
        self.statusbar.expect_stage(CANCELLED)
