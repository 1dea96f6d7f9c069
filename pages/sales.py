"""Sales screens: the quotation / sales order form."""
from __future__ import annotations

from pages.components.form import FormView
from pages.components.many2one import Many2One

QUOTATIONS_ACTION = "sale.action_quotations_with_onboarding"
PRODUCT_CELL = "product_template_id"  # sale order lines edit the template, not product_id
QUANTITY_CELL = "product_uom_qty"


class QuotationForm(FormView):
    """A quotation, from new to confirmed sales order."""

    ACTION = QUOTATIONS_ACTION
    READY_FIELD = "partner_id"

    def set_customer(self, name: str) -> None:
        """Choose the customer."""
        self.many2one("partner_id").select(name)

    def add_product(self, name: str, quantity: float) -> None:
        """Add an order line for `quantity` units of product `name`."""
        lines = self.lines("order_line")
        row = lines.add("Add a product")
        Many2One(lines.cell(row, PRODUCT_CELL)).select(name)
        quantity_input = lines.cell(row, QUANTITY_CELL).locator("input")
        quantity_input.fill(_number(quantity))
        quantity_input.press("Tab")

    def confirm(self) -> None:
        """Confirm the quotation into a sales order."""
        self.statusbar.click("action_confirm")
        self.statusbar.expect_stage("sale")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
