"""Counts: a cycle count typed in the physical inventory and applied with a reason, and the stock it left."""

from __future__ import annotations

from pytest_bdd import then, when

from odoo_uat.authoring.params import phrase
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Records
from odoo_uat.outcome.readings import note
from odoo_uat.values import same_amount
from odoo_uat.web.browser import ActingUsers
from pages.counts import PhysicalInventory

QUANTITY_DIGITS = 3
DONE = "done"


@when(
    phrase(
        'I count {quantity:Quantity} units of "{product:Name}" in "{location:Location}" '
        'and apply the count with the reason "{reason:Text}"'
    )
)
def _(
    quantity: float,
    product: str,
    location: str,
    reason: str,
    acting: ActingUsers,
    names: ScenarioNames,
    records: Records,
) -> None:
    """In the physical inventory, type the counted quantity on the product's row, select it, Apply with a reason.

    The reason becomes the reference of the stock move the count makes.
    Example: When I count 7 units of "Birch Crate" in "WH/Stock" and apply the count with the reason "Cycle count A4"
    """
    shown = records.location_name(location)
    PhysicalInventory.open(acting.page).count(names.real(product), shown, quantity, reason)


@then(
    phrase(
        '"{product:Name}" was counted at {quantity:Quantity} units in "{location:Location}" with the reason "{reason:Text}"'
    )
)
def _(quantity: float, product: str, location: str, reason: str, odoo, records: Records) -> None:
    """The count is applied: the quantity on hand in the location, no count left pending, and a done inventory
    move whose reference is the reason.

    Example: Then "Birch Crate" was counted at 7 units in "WH/Stock" with the reason "Cycle count A4"
    """
    product_id, location_id = records.product(product), records.location(location)
    on_hand = note("on hand", records.on_hand(product_id, location_id))
    assert same_amount(on_hand, quantity, QUANTITY_DIGITS), (
        f'"{product}" should have {quantity:g} units on hand in {location} after the count, but has {on_hand:g}'
    )
    pending = odoo.env["stock.quant"].search_count(
        [("product_id", "=", product_id), ("location_id", "=", location_id), ("inventory_quantity_set", "=", True)]
    )
    assert not pending, f'"{product}" still has a count waiting to be applied in {location}'
    moves = odoo.env["stock.move"].search_read(
        [
            ("product_id", "=", product_id),
            ("is_inventory", "=", True),
            ("state", "=", DONE),
            "|",
            ("location_id", "=", location_id),
            ("location_dest_id", "=", location_id),
        ],
        ["reference"],
        order="id desc",
        limit=1,
    )
    assert moves, f'No inventory move of "{product}" in {location} is done'
    assert moves[0]["reference"] == reason, (
        f'The last count of "{product}" in {location} has the reference "{moves[0]["reference"]}", not "{reason}"'
    )
