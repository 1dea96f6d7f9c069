"""Sales screens: the quotation / sales order form."""
from __future__ import annotations

from playwright.sync_api import Page, expect

from pages.components.form import FormView
from pages.components.many2one import Many2One
from pages.navigation import open_action

QUOTATIONS_ACTION = "sale.action_quotations_with_onboarding"
PRODUCT_CELL = "product_template_id"  # sale order lines edit the template, not product_id
QUANTITY_CELL = "product_uom_qty"


class QuotationForm(FormView):
    """A quotation, from new to confirmed sales order."""

    @classmethod
    def new(cls, page: Page) -> "QuotationForm":
        """Open a new quotation."""
        open_action(page, QUOTATIONS_ACTION, "new")
        form = cls(page)
        expect(form.field("partner_id")).to_be_visible()
        return form

    @classmethod
    def open(cls, page: Page, order_id: int) -> "QuotationForm":
        """Open an existing quotation or order."""
        open_action(page, QUOTATIONS_ACTION, order_id)
        form = cls(page)
        expect(form.field("partner_id")).to_be_visible()
        return form

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
