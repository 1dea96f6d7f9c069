"""Inventory: deliveries, backorders and stock checks."""

from __future__ import annotations

from pytest_bdd import then, when

from odoo_uat.authoring.params import phrase
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Order, Records
from odoo_uat.outcome.readings import note
from odoo_uat.values import same_amount
from odoo_uat.web.browser import ActingUsers
from pages.inventory import TransferForm

OPEN_STATES = ("waiting", "confirmed", "assigned")


def open_deliveries(odoo, order: Order) -> list[dict]:
    """The order's outgoing transfers that are not done or cancelled, oldest first."""
    return odoo.env["stock.picking"].search_read(
        [("sale_id", "=", order.id), ("picking_type_code", "=", "outgoing"), ("state", "in", OPEN_STATES)],
        ["name", "state", "backorder_id"],
        order="id",
    )


def the_open_delivery(odoo, order: Order) -> dict:
    """The one open delivery of the order; an error says how many there are."""
    deliveries = open_deliveries(odoo, order)
    assert len(deliveries) == 1, (
        f"{order.name} should have one delivery to ship, but has {len(deliveries)}: "
        + ", ".join(f"{d['name']} ({d['state']})" for d in deliveries)
    )
    return deliveries[0]


def assert_ready(odoo, picking: dict, product_id: int, product: str, quantity: float) -> None:
    """The transfer is ready (reserved) for exactly `quantity` units of the product."""
    moves = odoo.env["stock.move"].search_read(
        [("picking_id", "=", picking["id"]), ("product_id", "=", product_id)], ["product_uom_qty", "quantity"]
    )
    demand = note("demand quantity", sum(move["product_uom_qty"] for move in moves))
    reserved = note("reserved quantity", sum(move["quantity"] for move in moves))
    assert picking["state"] == "assigned", f"{picking['name']} should be ready but is {picking['state']!r}"
    assert same_amount(demand, quantity, 3), (
        f'{picking["name"]} should be for {quantity:g} units of "{product}", but asks for {demand:g}'
    )
    assert same_amount(reserved, quantity, 3), (
        f'{picking["name"]} should have {quantity:g} units of "{product}" reserved, but has {reserved:g}'
    )


@then(phrase('a delivery for {quantity:Quantity} units of "{product:Name}" is ready'))
def _(quantity: float, product: str, order: Order, odoo, records: Records) -> None:
    """The order's delivery is reserved for this quantity.

    Example: Then a delivery for 2 units of "Oak Pallet" is ready
    """
    assert_ready(odoo, the_open_delivery(odoo, order), records.product(product), product, quantity)


@when("I validate the delivery of the order")
def _(order: Order, acting: ActingUsers, odoo) -> None:
    """Open the order's delivery in the web client and validate it in full.

    Example: When I validate the delivery of the order
    """
    TransferForm.open(acting.page, the_open_delivery(odoo, order)["id"]).validate()


@when(phrase('I ship {quantity:Quantity} units of "{product:Name}" and keep the rest as a backorder'))
def _(quantity: float, product: str, order: Order, acting: ActingUsers, odoo, names: ScenarioNames) -> None:
    """Validate the delivery for part of the quantity and create a backorder for the rest.

    Example: When I ship 3 units of "Oak Pallet" and keep the rest as a backorder
    """
    form = TransferForm.open(acting.page, the_open_delivery(odoo, order)["id"])
    form.set_quantity(names.real(product), quantity)
    form.validate(backorder=True)


@then(phrase('a backorder for {quantity:Quantity} units of "{product:Name}" is ready'))
def _(quantity: float, product: str, order: Order, odoo, records: Records) -> None:
    """The order's remaining delivery is a backorder of the shipped one, reserved for this quantity.

    Example: Then a backorder for 2 units of "Oak Pallet" is ready
    """
    delivery = the_open_delivery(odoo, order)
    assert delivery["backorder_id"], f"{delivery['name']} is not a backorder of an earlier delivery"
    assert_ready(odoo, delivery, records.product(product), product, quantity)
