"""Purchase screens: the request for quotation / purchase order form."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from pages.components.form import FormView
from pages.components.many2one import Many2One

RFQ_ACTION = "purchase.purchase_rfq"
PRODUCT_CELL = "product_id"  # purchase order lines edit the variant on 18.0 and 19.0
QUANTITY_CELL = "product_qty"
UNIT_PRICE_CELL = "price_unit"
DELIVER_TO = "picking_type_id"  # "Deliver To": the receipt operation type, hence the warehouse
ADD_PRODUCT = "Add a product"
CONFIRMED = "purchase"
SELECTED_ROW = re.compile(r"\bo_selected_row\b")


class PurchaseOrderForm(FormView):
    """A request for quotation, from new to confirmed purchase order."""

    ACTION = RFQ_ACTION
    READY_FIELD = "partner_id"

    def set_vendor(self, name: str) -> None:
        """Choose the vendor."""
        self.many2one("partner_id").select(name)

    def set_deliver_to(self, operation_type: str) -> None:
        """Choose where the goods are delivered (a receipt operation type, e.g. 'North Depot: Receipts')."""
        self.many2one(DELIVER_TO).select(operation_type)

    def add_product(self, name: str, quantity: float, unit_price: float | None = None) -> None:
        """Add an order line; without a unit price the vendor's price list gives it."""
        lines = self.lines("order_line")
        before = lines.rows.count()
        lines.add(ADD_PRODUCT)
        # The previous line stays selected until its onchange returns: wait for the new row itself.
        row = lines.rows.nth(before)
        expect(lines.rows).to_have_count(before + 1)
        expect(row).to_have_class(SELECTED_ROW)
        Many2One(lines.cell(row, PRODUCT_CELL)).select(name)
        quantity_input = lines.cell(row, QUANTITY_CELL).locator("input")
        quantity_input.fill(_number(quantity))
        quantity_input.press("Tab")
        if unit_price is not None:
            # Entered after the quantity: a quantity change recomputes the price from the vendor's list.
            price_input = lines.cell(row, UNIT_PRICE_CELL).locator("input")
            price_input.fill(_number(unit_price))
            price_input.press("Tab")

    def confirm(self) -> None:
        """Confirm the request for quotation into a purchase order."""
        self.statusbar.click("button_confirm")
        self.statusbar.expect_stage(CONFIRMED)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
