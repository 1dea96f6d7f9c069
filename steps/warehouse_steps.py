"""Warehouse: warehouses, storage locations, putaway rules, receipts and internal (storage) transfers.

A scenario names a location by its warehouse's scenario name and the path below it,
as Odoo shows it with the warehouse's short name: "North Depot/Stock/Shelf A" is
"<short name>/Stock/Shelf A" in Odoo. Names of existing locations ("WH/Stock") pass through.
"""

from __future__ import annotations

from collections import defaultdict

from pytest_bdd import given, then, when

from odoo_uat.authoring.params import phrase
from odoo_uat.authoring.tables import table_rows
from odoo_uat.odoo.factories import Factories
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Order, Records
from odoo_uat.values import same_amount
from odoo_uat.web.browser import ActingUsers
from pages.inventory import TransferForm

OPEN_STATES = ("waiting", "confirmed", "assigned")


# --- Given: the warehouse and its rules, seeded through RPC -------------------------------------


@given(phrase('a warehouse "{warehouse:Name}" that receives in {steps:ReceptionSteps}'))
def _(warehouse: str, steps: str, factories: Factories, records: Records, names: ScenarioNames) -> None:
    """Create a warehouse of the scenario's own that receives goods in one, two (Input, then Stock) or three steps.

    Creating a second warehouse makes Odoo switch on its "Storage Locations" and
    "Multi-Warehouses" settings for everyone, once; other scenarios keep using WH as before.

    Example: Given a warehouse "North Depot" that receives in two steps
    """
    records.remember(
        "stock.warehouse", warehouse, factories.Warehouse(name=names.unique(warehouse), reception_steps=steps)
    )


@given(phrase('the storage location "{location:Location}" exists'))
def _(location: str, factories: Factories, records: Records) -> None:
    """Create a storage location below an existing one, named "<warehouse>/<path>".

    Example: Given the storage location "North Depot/Stock/Shelf A" exists
    """
    parent, _, name = location.rpartition("/")
    if not parent:
        raise ValueError(f'Name the location with its parent, e.g. "North Depot/Stock/{location}".')
    records.remember(
        "stock.location",
        location,
        factories.Location(name=name, location_id=records.location(parent, for_writing=True)),
    )


@given("the following product categories exist:")
def _(datatable, factories: Factories, records: Records, names: ScenarioNames) -> None:
    """Create product categories in one call. Columns: Name, Parent.

    Example: Given the following product categories exist:
    """
    rows = table_rows(datatable, ["Name", "Parent"], required=["Name"])
    values = []
    for row in rows:
        value = {"name": names.unique(row["Name"])}
        if "Parent" in row:
            value["parent_id"] = records.category(row["Parent"], for_writing=True)
        values.append(value)
    records.remember_all(
        "product.category", [row["Name"] for row in rows], factories.ProductCategory.create_rows(values)
    )


@given(
    phrase('a putaway rule sends "{category:Name}" products arriving in "{arrival:Location}" to "{location:Location}"')
)
def _(category: str, arrival: str, location: str, factories: Factories, records: Records) -> None:
    """A putaway rule: products of this category that arrive in a location are stored in another one.

    Example: Given a putaway rule sends "Chilled" products arriving in "North Depot/Stock" to "North Depot/Stock/Shelf A"
    """
    factories.PutawayRule(
        category_id=records.category(category, for_writing=True),
        location_in_id=records.location(arrival, for_writing=True),
        location_out_id=records.location(location, for_writing=True),
    )


@given(
    phrase(
        'a putaway rule sends the product "{product:Name}" arriving in "{arrival:Location}" to "{location:Location}"'
    )
)
def _(product: str, arrival: str, location: str, factories: Factories, records: Records) -> None:
    """A putaway rule for one product (Odoo prefers it to a rule for the product's category).

    Example: Given a putaway rule sends the product "Butter Box" arriving in "North Depot/Stock" to "North Depot/Stock/Shelf B"
    """
    factories.PutawayRule(
        product_id=records.product(product, for_writing=True),
        location_in_id=records.location(arrival, for_writing=True),
        location_out_id=records.location(location, for_writing=True),
    )


# --- Transfers of a purchase order ----------------------------------------------------------------


def receipts(odoo, order: Order, states: tuple[str, ...] = OPEN_STATES) -> list[dict]:
    """The purchase order's receipts in these states, oldest first."""
    return odoo.env["stock.picking"].search_read(
        [("purchase_id", "=", order.id), ("picking_type_code", "=", "incoming"), ("state", "in", states)],
        ["name", "state", "backorder_id", "location_dest_id"],
        order="id",
    )


def storage_transfers(odoo, order: Order, states: tuple[str, ...] = OPEN_STATES) -> list[dict]:
    """The internal transfers that carry on the purchase order's receipts (Input -> Stock), oldest first."""
    received = odoo.env["stock.move"].search([("purchase_line_id.order_id", "=", order.id)])
    moves = odoo.env["stock.move"].search_read([("move_orig_ids", "in", received)], ["picking_id"]) if received else []
    picking_ids = sorted({move["picking_id"][0] for move in moves if move["picking_id"]})
    return odoo.env["stock.picking"].search_read(
        [("id", "in", picking_ids), ("state", "in", states)],
        ["name", "state", "location_id", "location_dest_id"],
        order="id",
    )


def the_one(pickings: list[dict], what: str, order: Order) -> dict:
    """The single transfer of a list; an error lists them all."""
    assert len(pickings) == 1, f"{order.name} should have one {what} to process, but has {len(pickings)}: " + (
        ", ".join(f"{p['name']} ({p['state']})" for p in pickings) or "none"
    )
    return pickings[0]


def move_lines(odoo, picking: dict, product_id: int) -> list[dict]:
    """The detailed operations of a transfer for one product (where each quantity goes)."""
    return odoo.env["stock.move.line"].search_read(
        [("picking_id", "=", picking["id"]), ("product_id", "=", product_id)], ["quantity", "location_dest_id"]
    )


def assert_ready_into(
    odoo, records: Records, picking: dict, product: str, quantity: float, location: str | None = None
) -> None:
    """The transfer is ready, with exactly `quantity` units of the product going to `location` (else its own
    destination)."""
    assert picking["state"] == "assigned", f"{picking['name']} should be ready but is {picking['state']!r}"
    if location is None:
        location_id, location = picking["location_dest_id"]
    else:
        location_id, location = records.location(location), records.location_name(location)
    lines = move_lines(odoo, picking, records.product(product))
    by_destination: dict[str, float] = defaultdict(float)
    for line in lines:
        by_destination[line["location_dest_id"][1]] += line["quantity"]
    into = sum(line["quantity"] for line in lines if line["location_dest_id"][0] == location_id)
    assert same_amount(into, quantity, 3) and same_amount(sum(by_destination.values()), quantity, 3), (
        f'{picking["name"]} should take {quantity:g} units of "{product}" to {location}, but takes '
        + (", ".join(f"{qty:g} to {name}" for name, qty in by_destination.items()) or "none")
    )


@then(phrase('a receipt for {quantity:Quantity} units of "{product:Name}" into "{location:Location}" is ready'))
def _(quantity: float, product: str, location: str, purchase_order: Order, odoo, records: Records) -> None:
    """The purchase order's receipt is ready to bring this quantity into this location.

    Example: Then a receipt for 10 units of "Yogurt Tray" into "North Depot/Input" is ready
    """
    receipt = the_one(receipts(odoo, purchase_order), "receipt", purchase_order)
    assert_ready_into(odoo, records, receipt, product, quantity, location)


@then(phrase('a backorder receipt for {quantity:Quantity} units of "{product:Name}" is ready'))
def _(quantity: float, product: str, purchase_order: Order, odoo, records: Records) -> None:
    """The purchase order's remaining receipt is a backorder of the received one, for this quantity.

    Example: Then a backorder receipt for 4 units of "Yogurt Tray" is ready
    """
    receipt = the_one(receipts(odoo, purchase_order), "receipt", purchase_order)
    assert receipt["backorder_id"], f"{receipt['name']} is not a backorder of an earlier receipt"
    assert_ready_into(odoo, records, receipt, product, quantity)


@then(
    phrase('a storage transfer for {quantity:Quantity} units of "{product:Name}" into "{location:Location}" is ready')
)
def _(quantity: float, product: str, location: str, purchase_order: Order, odoo, records: Records) -> None:
    """The internal transfer after the receipt is ready, and putaway sends this quantity to this location.

    Example: Then a storage transfer for 10 units of "Yogurt Tray" into "North Depot/Stock/Shelf A" is ready
    """
    transfer = the_one(storage_transfers(odoo, purchase_order), "storage transfer", purchase_order)
    assert_ready_into(odoo, records, transfer, product, quantity, location)


@when("I validate the receipt of the purchase order")
def _(purchase_order: Order, acting: ActingUsers, odoo) -> None:
    """Open the purchase order's receipt in the web client and validate it in full.

    Example: When I validate the receipt of the purchase order
    """
    TransferForm.open(acting.page, the_one(receipts(odoo, purchase_order), "receipt", purchase_order)["id"]).validate()


@when(phrase('I receive {quantity:Quantity} units of "{product:Name}" and keep the rest as a backorder'))
def _(quantity: float, product: str, purchase_order: Order, acting: ActingUsers, odoo, names: ScenarioNames) -> None:
    """Validate the receipt for part of the quantity and create a backorder for the rest.

    Example: When I receive 6 units of "Yogurt Tray" and keep the rest as a backorder
    """
    form = TransferForm.open(acting.page, the_one(receipts(odoo, purchase_order), "receipt", purchase_order)["id"])
    form.set_quantity(names.real(product), quantity)
    form.validate(backorder=True)


@when("I validate the storage transfer of the purchase order")
def _(purchase_order: Order, acting: ActingUsers, odoo) -> None:
    """Open the internal transfer that stores the received goods and validate it in full.

    Example: When I validate the storage transfer of the purchase order
    """
    transfer = the_one(storage_transfers(odoo, purchase_order), "storage transfer", purchase_order)
    TransferForm.open(acting.page, transfer["id"]).validate()


# --- Then: where the goods are --------------------------------------------------------------------


def on_hand_by_location(odoo, product_id: int, warehouse_id: int) -> dict[str, float]:
    """The product's quantity on hand per internal location of the warehouse (zero quantities left out)."""
    view = odoo.env["stock.warehouse"].read([warehouse_id], ["view_location_id"])[0]["view_location_id"][0]
    quants = odoo.env["stock.quant"].search_read(
        [("product_id", "=", product_id), ("location_id", "child_of", view), ("location_id.usage", "=", "internal")],
        ["location_id", "quantity"],
    )
    totals: dict[str, float] = defaultdict(float)
    for quant in quants:
        totals[quant["location_id"][1]] += quant["quantity"]
    return {name: qty for name, qty in totals.items() if not same_amount(qty, 0, 3)}


@then(
    phrase(
        'all {quantity:Quantity} units of "{product:Name}" in "{warehouse:Name}" are on hand in "{location:Location}"'
    )
)
def _(quantity: float, product: str, warehouse: str, location: str, odoo, records: Records) -> None:
    """The warehouse holds exactly this quantity of the product, all of it in this very location (not a sub-location).

    Example: Then all 10 units of "Yogurt Tray" in "North Depot" are on hand in "North Depot/Stock/Shelf A"
    """
    where = records.location_name(location)
    records.location(location)  # a wrong location name fails here, listing real ones
    on_hand = on_hand_by_location(odoo, records.product(product), records.warehouse(warehouse))
    found = ", ".join(f"{qty:g} in {name}" for name, qty in sorted(on_hand.items())) or "nothing on hand"
    assert set(on_hand) <= {where} and same_amount(on_hand.get(where, 0.0), quantity, 3), (
        f'{warehouse} should hold all {quantity:g} units of "{product}" in {where}, but holds: {found}'
    )
