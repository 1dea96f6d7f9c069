"""Purchase screens: the request for quotation / purchase order form."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from pages.components.list_rows import ListRows
from pages.components.odoo_errors import expect_or_odoo_error
from pages.components.search import SearchBar
from pages.navigation import open_action
from pages.orders import OrderForm

RFQ_ACTION = "purchase.purchase_rfq"
VENDOR = "partner_id"
ORDER_LINES = "order_line"
PRODUCT_CELL = "product_id"  # purchase order lines edit the variant on 18.0 and 19.0
QUANTITY_CELL = "product_qty"
UNIT_PRICE_CELL = "price_unit"
DELIVER_TO = "picking_type_id"  # "Deliver To": the receipt operation type, hence the warehouse
CONFIRMED = "purchase"
TO_APPROVE = "to approve"  # above the company's approval amount, confirmed by someone who may not approve it
ORDER_MODEL = "purchase.order"
ORDERED_QTY = "product_qty"
RECEIVED_QTY = "qty_received"
BILLED_QTY = "qty_invoiced"


class PurchaseOrderForm(OrderForm):
    """A request for quotation, from new to confirmed (or approved) purchase order, cancelled and set back to draft."""

    ACTION = RFQ_ACTION
    READY_FIELD = VENDOR
    MODEL = ORDER_MODEL
    CANCEL = "button_cancel"  # no confirmation on 18.0 and 19.0 (purchase_views.xml)
    SET_TO_QUOTATION = "button_draft"  # "Set to Draft": back to a request for quotation

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
        """Confirm the request for quotation: a purchase order, or one to approve when above the approval amount."""
        self.statusbar.click("button_confirm")
        reached = self.statusbar.stage(CONFIRMED).or_(self.statusbar.stage(TO_APPROVE))
        expect_or_odoo_error(self.page, reached, "confirm the order")

    def approve(self) -> None:
        """Approve the order waiting for approval (a purchase manager's button)."""
        button = self.statusbar.button("button_approve")
        try:
            expect(button).to_be_visible()
        except AssertionError:
            raise AssertionError(
                f'The order shows no "Approve Order" button (its status is {self.statusbar.stage_label!r}): '
                "only an order to approve has it, and only for a purchase manager "
                "(purchase.group_purchase_manager in roles.toml)."
            ) from None
        button.click()
        self.statusbar.expect_stage(CONFIRMED)


# "Purchase / Orders / Purchase Orders": its list's "Create Bills" on the rows selected makes the bill of each
# order (purchase_order_view_tree, 18.0 and 19.0). 19.0's order form has no "Create Bill" button any more
# (purchase_views.xml), 18.0's has: the list is the one way that works on both.
ORDERS_ACTION = "purchase.purchase_form_action"
CREATE_BILLS = "action_create_invoice"


class PurchaseOrderList(ListRows):
    """The purchase orders list: find an order by its reference, select it, make its bill."""

    @classmethod
    def open(cls, page: Page) -> PurchaseOrderList:
        """Open Purchase / Orders / Purchase Orders."""
        open_action(page, ORDERS_ACTION)
        return cls(page)

    def create_bill(self, reference: str) -> None:
        """Select the order of this reference and click "Create Bills": Odoo opens the draft bill."""
        SearchBar(self.page).search(reference)
        self.expect_count(1)
        self.select(reference)
        # Clicked, then the bill's form waited for (BillForm.shown): the list it was on is gone by then.
        self.selection_button(CREATE_BILLS).click()
