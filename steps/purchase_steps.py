"""Purchase: requests for quotation and purchase orders, made by the buyer in the web client."""

from __future__ import annotations

import allure
import pytest
from pytest_bdd import given, then, when

from odoo_uat.authoring.params import phrase
from odoo_uat.authoring.tables import table_rows
from odoo_uat.odoo.company_settings import CompanySettings
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Order, Records, saved_document
from odoo_uat.outcome.readings import note
from odoo_uat.values import parse_number, same_amount
from odoo_uat.web.browser import ActingUsers
from pages.invoicing import BillForm
from pages.purchase import ORDER_MODEL, PurchaseOrderForm, PurchaseOrderList
from steps.order_steps import OrderRef, the_order

CONFIRMED_STATES = ("purchase", "done")  # 'done' is a locked purchase order
# Purchase settings: "Purchase Order Approval" and its "Minimum Amount", a value of the company (res.company
# po_double_validation / po_double_validation_amount, 18.0 and 19.0).
APPROVAL_SETTING = "po_order_approval"
APPROVAL_AMOUNT = "po_double_validation_amount"
BILL_DAY = "today"


@when(
    phrase('I create a purchase order from "{vendor:Name}" for delivery to "{warehouse:Name}":'),
    target_fixture="purchase_order",
)
def _(
    vendor: str, warehouse: str, datatable, acting: ActingUsers, odoo, names: ScenarioNames, records: Records
) -> Order:
    """Create and save a request for quotation in the web client, delivered to a warehouse. Columns: Product, Quantity, Unit price.

    Example: When I create a purchase order from "Nordic Dairy" for delivery to "North Depot":
    """
    rows = table_rows(datatable, ["Product", "Quantity", "Unit price"], required=["Product", "Quantity"])
    receipt_type = records.read("stock.warehouse", records.warehouse(warehouse), ["in_type_id"])["in_type_id"]
    form = PurchaseOrderForm.new(acting.page)
    form.set_vendor(names.real(vendor))
    chosen = form.set_deliver_to(receipt_type[1])
    for row in rows:
        price = parse_number(row["Unit price"]) if "Unit price" in row else None
        form.add_product(names.real(row["Product"]), parse_number(row["Quantity"]), price)
    form.save()
    order = saved_document(odoo, "purchase.order", form)
    delivered_to = records.read("purchase.order", order.id, ["picking_type_id"])["picking_type_id"]
    if not chosen and delivered_to[0] != receipt_type[0]:
        raise AssertionError(
            f'The purchase order form has no "Deliver To" for the acting role, and the order goes to '
            f'"{delivered_to[1]}", not "{receipt_type[1]}". Give the role the Storage Locations right '
            "(stock.group_stock_multi_locations, in roles.toml), or deliver to the default warehouse."
        )
    return order


@when("I confirm the purchase order")
def _(purchase_order: Order, acting: ActingUsers) -> None:
    """Confirm the request for quotation on screen into a purchase order.

    Example: When I confirm the purchase order
    """
    PurchaseOrderForm.open(acting.page, purchase_order.id).confirm()


@when("I cancel the purchase order")
def _(purchase_order: Order, acting: ActingUsers) -> None:
    """Cancel the purchase order on screen.

    Example: When I cancel the purchase order
    """
    PurchaseOrderForm.open(acting.page, purchase_order.id).cancel()


@then("the purchase order is cancelled")
def _(purchase_order: Order, records: Records) -> None:
    """The purchase order is cancelled in Odoo.

    Example: Then the purchase order is cancelled
    """
    state = note("state", records.read("purchase.order", purchase_order.id, ["state"])["state"])
    assert state == "cancel", f"{purchase_order.name} should be cancelled but is in state {state!r}"


@then("the purchase order is confirmed")
def _(purchase_order: Order, odoo) -> None:
    """The purchase order is confirmed in Odoo.

    Example: Then the purchase order is confirmed
    """
    state = note("state", odoo.env["purchase.order"].read([purchase_order.id], ["state"])[0]["state"])
    assert state in CONFIRMED_STATES, (
        f"{purchase_order.name} should be a confirmed purchase order (state 'purchase') but is in state {state!r}"
    )


@then(phrase('the purchase order shows {quantity:Quantity} units of "{product:Name}" received'))
def _(quantity: float, product: str, purchase_order: Order, odoo, records: Records) -> None:
    """The purchase order line's received quantity, as Odoo computed it from the receipts.

    Example: Then the purchase order shows 6 units of "Yogurt Tray" received
    """
    lines = odoo.env["purchase.order.line"].search_read(
        [("order_id", "=", purchase_order.id), ("product_id", "=", records.product(product))], ["qty_received"]
    )
    assert lines, f'{purchase_order.name} has no line for "{product}"'
    received = note("qty_received", sum(line["qty_received"] for line in lines))
    assert same_amount(received, quantity, 3), (
        f'{purchase_order.name} should show {quantity:g} units of "{product}" received, but shows {received:g}'
    )


def the_purchase_order(acting: ActingUsers, request: pytest.FixtureRequest, odoo) -> OrderRef:
    """The purchase order on screen, else the scenario's; a sales order there is refused."""
    order = the_order(acting.page, request, odoo)
    if order.model != ORDER_MODEL:
        raise AssertionError(f"{order.name} is a sales order: this step is for a purchase order.")
    return order


@given(phrase("purchase orders from {amount:Amount} need a manager's approval"))
def _(amount: float, company_settings: CompanySettings, odoo) -> None:
    """Turn on Purchase Order Approval with this minimum amount (tax included), unchanged when already so.

    The amount is the company's, shared by every scenario running at the same time: every feature on one
    database states the same amount (5,000.00, Odoo's own), and orders meant to go through stay well below it.
    Example: Given purchase orders from 5,000.00 need a manager's approval
    """
    (change,) = company_settings.turn_on([APPROVAL_SETTING])
    company_id = odoo.env.user.company_id.id
    with company_settings.lock:  # a Settings save writes every setting from its snapshot: not meanwhile
        current = odoo.env["res.company"].read([company_id], [APPROVAL_AMOUNT])[0][APPROVAL_AMOUNT]
        if not same_amount(current, amount):
            odoo.env["res.company"].write([company_id], {APPROVAL_AMOUNT: amount})
    turned = "turned on" if change.written else "already on"
    with allure.step(f"Purchase Order Approval {turned}, from {amount:,.2f} (the company had {current:,.2f})"):
        pass


@when("I approve the purchase order")
def _(acting: ActingUsers, request: pytest.FixtureRequest, odoo) -> None:
    """Approve the purchase order waiting for approval ("Approve Order"), as a purchase manager.

    Example: When I approve the purchase order
    """
    PurchaseOrderForm.open(acting.page, the_purchase_order(acting, request, odoo).id).approve()


@when("I create the bill for the purchase order")
def _(acting: ActingUsers, request: pytest.FixtureRequest, odoo) -> None:
    """From Purchase / Orders / Purchase Orders, select the order and click "Create Bills": its draft bill opens.

    The bill takes what is to bill: by default the quantities received and not billed yet.
    Example: When I create the bill for the purchase order
    """
    order = the_purchase_order(acting, request, odoo)
    PurchaseOrderList.open(acting.page).create_bill(order.name)
    BillForm.shown(acting.page)


@when("I create and post the bill for the purchase order")
def _(acting: ActingUsers, request: pytest.FixtureRequest, odoo) -> None:
    """Create the order's bill from the purchase orders list, date it today and post it.

    Example: When I create and post the bill for the purchase order
    """
    order = the_purchase_order(acting, request, odoo)
    PurchaseOrderList.open(acting.page).create_bill(order.name)
    BillForm.shown(acting.page).post_dated(BILL_DAY)
