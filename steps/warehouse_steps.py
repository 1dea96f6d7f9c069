"""Warehouse: a scenario's own warehouses and their steps, resupply and routes, storage locations, putaway rules,
the transfers of a product or an order, and the stock per location.

A scenario names a location by its warehouse's scenario name and the path below it, as Odoo shows it with the
warehouse's short name: "North Depot/Stock/Shelf A" is "<short name>/Stock/Shelf A" in Odoo; an operation type
as "North Depot: Pick". Names of existing locations ("WH/Stock") pass through.
"""

from __future__ import annotations

from collections import defaultdict

from pytest_bdd import given, then, when

from odoo_uat.authoring.params import phrase
from odoo_uat.authoring.tables import table_rows
from odoo_uat.odoo.factories import Factories
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Order, Records, document
from odoo_uat.odoo.seeding import Seeding
from odoo_uat.odoo.warehouses import DELIVERY, RECEPTION, ROUTE, SEPARATOR, WAREHOUSE, picking_rows
from odoo_uat.record_links import RecordLinks
from odoo_uat.values import normalise_label, parse_number, same_amount
from odoo_uat.web.browser import ActingUsers
from pages.inventory import TransferForm
from pages.purchase import PurchaseOrderForm

OPEN_STATES = ("waiting", "confirmed", "assigned")
ONE_STEP_DELIVERY = "ship_only"
CLOSED = ("done", "cancel")
READY = "assigned"
TRANSFER_COLUMNS = ["Operation Type", "From", "To", "Quantity", "Status"]
STOCK_COLUMNS = ["Location", "Quantity"]


# --- Given: the warehouse and its rules, seeded through RPC -------------------------------------


@given(
    phrase('a warehouse "{warehouse:Name}" that receives with "{reception:Label}" and delivers with "{delivery:Label}"')
)
def _(
    warehouse: str,
    reception: str,
    delivery: str,
    seed: Seeding,
    records: Records,
    names: ScenarioNames,
    phrase_language: str | None = None,
) -> None:
    """Create a warehouse of the scenario's own, its reception and delivery steps as the Warehouse form shows them.

    The steps are the choices of "Incoming Shipments" and "Outgoing Shipments" on the Warehouse form, in the
    feature file's language or in English: "Receive and Store (1 step)", "Receive then Store (2 steps)",
    "Receive, Quality Control, then Store (3 steps)"; "Deliver (1 step)", "Pick then Deliver (2 steps)",
    "Pick, Pack, then Deliver (3 steps)". The warehouse's name and short name are unique to the scenario; its
    locations and operation types are written with its name: "North Depot/Stock", "North Depot: Pick". Turns on
    the settings Storage Locations and Multi-Step Routes when they are off (one save at a time).
    Example: Given a warehouse "North Depot" that receives with "Receive then Store (2 steps)" and delivers with "Pick, Pack, then Deliver (3 steps)"
    """
    steps = seed.warehouses
    records.remember(
        WAREHOUSE,
        warehouse,
        steps.create(
            warehouse,
            names,
            steps.steps(RECEPTION, reception, phrase_language),
            steps.steps(DELIVERY, delivery, phrase_language),
        ),
    )


@given(phrase('a warehouse "{warehouse:Name}" that receives in {steps:ReceptionSteps}'))
def _(warehouse: str, steps: str, seed: Seeding, records: Records, names: ScenarioNames) -> None:
    """Create a warehouse of the scenario's own that receives goods in one, two (Input, then Stock) or three steps.

    It delivers in one step. Turns on the settings Storage Locations and Multi-Step Routes when they are off.
    Example: Given a warehouse "North Depot" that receives in two steps
    """
    records.remember(WAREHOUSE, warehouse, seed.warehouses.create(warehouse, names, steps, ONE_STEP_DELIVERY))


@given(phrase('the warehouse "{warehouse:Name}" is resupplied from "{supplier:Name}"'))
def _(warehouse: str, supplier: str, seed: Seeding, records: Records, names: ScenarioNames) -> None:
    """Tick the other warehouse in the warehouse's "Resupply From": Odoo makes the route that supplies one from the other.

    The route is named as Odoo names it, with the scenario's names: "Shop: Supply Product from Central Depot".
    Example: Given the warehouse "Shop" is resupplied from "Central Depot"
    """
    for route in seed.warehouses.resupply(
        records.warehouse(warehouse, for_writing=True), records.warehouse(supplier, for_writing=True)
    ):
        shown = records.read("stock.route", route, ["name"])["name"]
        records.remember("stock.route", names.scenario_text(shown), route)


@given(phrase('the product "{product:Name}" follows the route "{route:Text}"'))
def _(product: str, route: str, seed: Seeding, records: Records, names: ScenarioNames) -> None:
    """Add a route to the product's Routes, by the route's name as Odoo shows it (with the scenario's names).

    Example: Given the product "Garden Bench" follows the route "Dropship"
    """
    route_id = records.seeded.get(("stock.route", route)) or seed.warehouses.route(route, names)
    seed.update("product.product", records.product(product, for_writing=True), {"route_ids": [(4, route_id)]})


@given(phrase('the storage location "{location:Location}" exists'))
def _(location: str, seed: Seeding, records: Records, names: ScenarioNames) -> None:
    """Create a storage location of the scenario's own below an existing one, named "<parent>/<name>".

    Its name is unique to the scenario; later steps, and the web client, find it by the path written here
    ("North Depot/Stock/Shelf A", "WH/Stock/Shelf A") or by its own name ("Shelf A").
    Example: Given the storage location "North Depot/Stock/Shelf A" exists
    """
    parent, _, name = location.rpartition("/")
    if not parent or not name:
        raise ValueError(f'Name the location with its parent, e.g. "North Depot/Stock/{location}".')
    location_id = seed.warehouses.storage_location(records.location(parent, for_writing=True), name, names, location)
    records.remember("stock.location", location, location_id)
    records.remember("stock.location", name, location_id)


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


# --- The transfers of a product, wherever its routes take it (the scenario's own product) -------------------------


def product_transfers(odoo, product_id: int, lang: str | None, names: ScenarioNames) -> list[dict]:
    """The transfers moving the product, oldest first, as the scenario reads them (operation type, from, to, quantity,
    status key), operation types in the file's language."""
    moves = odoo.env["stock.move"].search_read(
        [("product_id", "=", product_id), ("picking_id", "!=", False)], ["picking_id", "product_uom_qty"]
    )
    quantities: dict[int, float] = defaultdict(float)
    for move in moves:
        quantities[move["picking_id"][0]] += move["product_uom_qty"]
    pickings = odoo.env["stock.picking"].with_context(**({"lang": lang} if lang else {}))
    found = pickings.search_read(
        [("id", "in", list(quantities))], ["name", "picking_type_id", "location_id", "location_dest_id", "state"]
    )
    return picking_rows(sorted(found, key=lambda picking: picking["id"]), quantities, names)


def transfer_states(records: Records, lang: str | None) -> list[dict[str, str]]:
    """A transfer's status key -> label, in the file's language first, then in English."""
    here = records.fields("stock.picking", ["selection"], lang)["state"]["selection"]
    english = records.fields("stock.picking", ["selection"])["state"]["selection"]
    return [dict(here), dict(english)]


def status_label(key: str, states: list[dict[str, str]]) -> str:
    """A transfer's status as the screen shows it."""
    return states[0].get(key, key)


def shown(rows: list[dict], states: list[dict[str, str]]) -> str:
    """The transfers, one a line, as an error shows them."""
    return (
        "\n".join(
            f"  | {row['Operation Type']} | {row['From']} | {row['To']} | {row['Quantity']:g} | "
            f"{status_label(row['Status'], states)} | ({row['Reference']})"
            for row in rows
        )
        or "  (none)"
    )


@then(phrase('the transfers of "{product:Name}" are:'))
def _(
    product: str,
    datatable: list[list[str]],
    odoo,
    records: Records,
    names: ScenarioNames,
    phrase_language: str | None = None,
) -> None:
    """The product's transfers, oldest first: one row each, as Odoo holds them (its moves' operation types, locations,
    quantities and statuses).

    Columns: Operation Type, From, To, Quantity, Status.
    The operation type as the transfer shows it ("North Depot: Pick") or only its own name ("Pick"); From and To
    are locations ("North Depot/Stock"); the quantity is the product's; the status as the transfer shows it (Ready,
    Waiting, Done). Columns may be left out; the rows are all the product's transfers, in the order Odoo made them.
    Example: Then the transfers of "Oak Pallet" are:
    """
    expected = table_rows(datatable, TRANSFER_COLUMNS)
    states = transfer_states(records, phrase_language)
    actual = product_transfers(odoo, records.product(product), phrase_language, names)
    wrong = [
        index
        for index, (want, row) in enumerate(zip(expected, actual), start=1)
        if not transfer_matches(want, row, states)
    ]
    assert len(expected) == len(actual) and not wrong, (
        f'"{product}" should have {len(expected)} transfer(s) as in the table'
        + (f" (row {wrong[0]} differs)" if wrong else "")
        + f", but Odoo has {len(actual)}:\n{shown(actual, states)}"
    )


def transfer_matches(want: dict[str, str], row: dict, states: list[dict[str, str]]) -> bool:
    """Whether a transfer is what a row of the table says, column by column (the columns given only)."""
    for column, text in want.items():
        if column == "Quantity":
            if not same_amount(parse_number(text), row["Quantity"], 3):
                return False
        elif column == "Status":
            labels = [row["Status"], *(found.get(row["Status"], "") for found in states)]
            if normalise_label(text) not in {normalise_label(label) for label in labels if label}:
                return False
        elif column == "Operation Type":
            if not same_operation(text, row["Operation Type"]):
                return False
        elif not same_location(text, row[column]):
            return False
    return True


def same_location(text: str, shown: str) -> bool:
    """Whether a scenario's location is the one a transfer shows: its full name, or its own name where Odoo shows
    only that (19.0 shows a partner or transit location by its own name: "Customers" for "Partners/Customers")."""
    if normalise_label(text) == normalise_label(shown):
        return True
    return SEPARATOR not in shown and normalise_label(text.rpartition(SEPARATOR)[2]) == normalise_label(shown)


def same_operation(text: str, operation_type: str) -> bool:
    """Whether a scenario's operation type ("North Depot: Pick", or "Pick") is the one a transfer shows."""
    own = operation_type.rpartition(": ")[2]
    return normalise_label(text) in (normalise_label(operation_type), normalise_label(own))


@when(phrase('I validate the "{operation:Text}" transfer of "{product:Name}"'))
def _(
    operation: str,
    product: str,
    acting: ActingUsers,
    odoo,
    records: Records,
    names: ScenarioNames,
    phrase_language: str | None = None,
) -> None:
    """Open the product's ready transfer of this operation type in the web client and validate it in full.

    The operation type as the transfer shows it ("North Depot: Pick", "Shop: Receipts"), or only its own name
    ("Pick", "Dropship") when one open transfer of the product has it.
    Example: When I validate the "North Depot: Pick" transfer of "Oak Pallet"
    """
    states = transfer_states(records, phrase_language)
    rows = product_transfers(odoo, records.product(product), phrase_language, names)
    open_ones = [
        row for row in rows if row["Status"] not in CLOSED and same_operation(operation, row["Operation Type"])
    ]
    assert len(open_ones) == 1, (
        f'"{product}" should have one open "{operation}" transfer to validate, but has {len(open_ones)}. '
        f"Its transfers:\n{shown(rows, states)}"
    )
    transfer = open_ones[0]
    assert transfer["Status"] == READY, (
        f"{transfer['Reference']} ({operation}) is {status_label(transfer['Status'], states)!r}, not ready: "
        f"validate the transfers before it first. Its transfers:\n{shown(rows, states)}"
    )
    TransferForm.open(acting.page, transfer["id"]).validate()


@then(phrase('the stock of "{product:Name}" in "{warehouse:Name}" is:'))
def _(product: str, warehouse: str, datatable: list[list[str]], odoo, records: Records, names: ScenarioNames) -> None:
    """The product's quantity on hand in each location of the warehouse: exactly the rows given (the others hold none).

    Columns: Location, Quantity.
    Locations as the scenario names them: "North Depot/Output", "North Depot/Stock/Shelf A".
    Example: Then the stock of "Oak Pallet" in "North Depot" is:
    """
    rows = table_rows(datatable, STOCK_COLUMNS, required=STOCK_COLUMNS)
    on_hand = {
        normalise_label(names.scenario_text(name)): (names.scenario_text(name), qty)
        for name, qty in on_hand_by_location(odoo, records.product(product), records.warehouse(warehouse)).items()
    }
    expected = {normalise_label(row["Location"]): parse_number(row["Quantity"]) for row in rows}
    held = ", ".join(f"{qty:g} in {name}" for name, qty in sorted(on_hand.values())) or "nothing"
    assert set(expected) == set(on_hand) and all(
        same_amount(on_hand[where][1], qty, 3) for where, qty in expected.items()
    ), f'{warehouse} should hold "{product}" as in the table, but holds: {held}'


@when("I open the purchase order made for the sales order", target_fixture="purchase_order")
def _(order: Order, acting: ActingUsers, odoo, record_links: RecordLinks) -> Order:
    """Open in the web client the purchase order Odoo made for the sales order (a drop shipment, a product bought
    to order or cross-docked).

    Example: When I open the purchase order made for the sales order
    """
    found = odoo.env["purchase.order"].search(
        # bought for the order's line itself (drop ship), or for a transfer the order's delivery waits for (the
        # cross-dock transfer: 19.0 gives it the sales line, 18.0 only the delivery after it)
        ["|", "|", ("order_line.sale_line_id.order_id", "=", order.id)]
        + [("order_line.move_dest_ids.sale_line_id.order_id", "=", order.id)]
        + [("order_line.move_dest_ids.move_dest_ids.sale_line_id.order_id", "=", order.id)]
    )
    assert len(found) == 1, f"{order.name} should have made one purchase order, but made {len(found)}"
    purchase = document(odoo, "purchase.order", found[0])
    record_links.add("purchase.order", purchase.id, purchase.name)
    PurchaseOrderForm.open(acting.page, purchase.id)
    return purchase


# --- Cross-docking ------------------------------------------------------------------------------


@given(phrase('the product "{product:Name}" is cross-docked in the warehouse "{warehouse:Name}"'))
def _(product: str, warehouse: str, seed: Seeding, records: Records, names: ScenarioNames, odoo) -> None:
    """Bought for each sales order of the warehouse and cross-docked: received into its Input, then a Cross Dock
    transfer takes it straight to its Output for the delivery, never into Stock.

    The warehouse receives in two or three steps and delivers in two or three steps; the product has a Vendor.
    Confirming a sales order from the warehouse makes its delivery (Output -> Customers) and a Cross Dock transfer
    (Input -> Output), both waiting, and the request for quotation to the vendor; the receipt goes into Input. Adds
    the warehouse's route "<warehouse>: Cross Dock" to the product's Routes (made by the suite, the same on 18.0
    and 19.0); later steps name it so too.
    Example: Given the product "Garden Chair" is cross-docked in the warehouse "Cross Depot"
    """
    product_id = records.product(product, for_writing=True)
    if not odoo.env["product.product"].read([product_id], ["seller_ids"])[0]["seller_ids"]:
        raise ValueError(
            f'"{product}" has no vendor to buy it from for each order: give it a Vendor in the products table.'
        )
    route = seed.warehouses.cross_dock_route(records.warehouse(warehouse, for_writing=True))
    records.remember(ROUTE, names.scenario_text(records.read(ROUTE, route, ["name"])["name"]), route)
    seed.update("product.product", product_id, {"route_ids": [(4, route)]})
