"""Traceability: lots and serial numbers, received and delivered in the web client, and where each one went.

A lot (or serial number) is named as the scenario writes it: its product is the scenario's own, so the name is
unique to the scenario already. The checks read Odoo's stock: quantities on hand per lot (stock.quant) and the
lot's done moves to customers (stock.move.line).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime

from pytest_bdd import given, then, when

from odoo_uat.authoring.params import phrase
from odoo_uat.authoring.tables import TableError, table_rows
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Order, Records
from odoo_uat.odoo.seeding import Seeding
from odoo_uat.outcome.readings import note
from odoo_uat.values import parse_date, parse_number, same_amount
from odoo_uat.web.browser import ActingUsers
from pages.components.line_values import ValueReader
from pages.components.user_locale import as_datetime
from pages.lots import LotTransfer
from steps.inventory_steps import the_open_delivery
from steps.warehouse_steps import receipts, the_one

PRODUCT_COLUMN = "Product"
LOT_COLUMNS = ("Lot", "Serial number")  # one or the other: the same thing, as the scenario's product is tracked
QUANTITY_COLUMN = "Quantity"
LOT_MODEL = "stock.lot"
CUSTOMER_USAGE = "customer"
INTERNAL_USAGE = "internal"
EXPIRY_COLUMN = "Expiration Date"  # product_expiry: the date a lot expires (stock.lot.expiration_date)
EXPIRY_FIELD = "expiration_date"
SERVER_DATETIME = "%Y-%m-%d %H:%M:%S"


def lots_by_product(datatable: list[list[str]], more: tuple[str, ...] = ()) -> dict[str, list[tuple[str, float]]]:
    """Product -> [(lot, quantity)] of a table with the columns Product, Lot (or Serial number), Quantity (else 1),
    and the columns `more` (read by their own function)."""
    rows = table_rows(datatable, [PRODUCT_COLUMN, *LOT_COLUMNS, QUANTITY_COLUMN, *more], required=[PRODUCT_COLUMN])
    found: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for number, row in enumerate(rows, start=2):
        lot = next((row[column] for column in LOT_COLUMNS if column in row), None)
        if lot is None:
            raise TableError(f"Row {number} names no lot: give the column Lot (or Serial number) a value.")
        quantity = parse_number(row[QUANTITY_COLUMN]) if QUANTITY_COLUMN in row else 1.0
        found[row[PRODUCT_COLUMN]].append((lot, quantity))
    return dict(found)


def expiry_by_product(datatable: list[list[str]]) -> dict[str, dict[str, str]]:
    """Product -> lot -> its Expiration Date as written, for the rows of a lots table that give one (checked to be
    dates here, so that a wrong one is told before the web client is opened)."""
    rows = table_rows(datatable, [PRODUCT_COLUMN, *LOT_COLUMNS, QUANTITY_COLUMN, EXPIRY_COLUMN])
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for number, row in enumerate(rows, start=2):
        lot = next((row[column] for column in LOT_COLUMNS if column in row), None)
        if EXPIRY_COLUMN in row and lot is not None:
            try:
                parse_date(row[EXPIRY_COLUMN])
            except ValueError as error:
                raise TableError(f'Row {number}, column "{EXPIRY_COLUMN}": {error}') from None
            found[row[PRODUCT_COLUMN]][lot] = row[EXPIRY_COLUMN]
    return dict(found)


def lot_id(odoo, lot: str, product_id: int, product: str) -> int:
    """The lot (serial number) of this name of the product; an error lists the product's lots."""
    lots = odoo.env[LOT_MODEL].search_read([("product_id", "=", product_id)], ["name"])
    found = [record["id"] for record in lots if record["name"] == lot]
    if not found:
        listed = ", ".join(f'"{record["name"]}"' for record in lots) or "none"
        raise AssertionError(f'"{product}" has no lot or serial number "{lot}". Its lots: {listed}.')
    return found[0]


def on_hand_by_location(odoo, lot: int) -> dict[str, float]:
    """The lot's quantity on hand per internal location (zero quantities left out)."""
    quants = odoo.env["stock.quant"].search_read(
        [("lot_id", "=", lot), ("location_id.usage", "=", INTERNAL_USAGE)], ["location_id", "quantity"]
    )
    totals: dict[str, float] = defaultdict(float)
    for quant in quants:
        totals[quant["location_id"][1]] += quant["quantity"]
    return {name: quantity for name, quantity in totals.items() if not same_amount(quantity, 0, 3)}


def listed_on_hand(on_hand: dict[str, float]) -> str:
    """Where a lot is, in words."""
    return ", ".join(f"{quantity:g} in {name}" for name, quantity in sorted(on_hand.items())) or "nothing on hand"


def deliveries_of(odoo, lot: int) -> list[dict]:
    """The lot's done moves to customers: quantity, transfer and its partner's company."""
    lines = odoo.env["stock.move.line"].search_read(
        [("lot_id", "=", lot), ("state", "=", "done"), ("location_dest_id.usage", "=", CUSTOMER_USAGE)],
        ["quantity", "picking_id"],
    )
    pickings = {line["picking_id"][0] for line in lines if line["picking_id"]}
    partners = {
        picking["id"]: picking["partner_id"]
        for picking in odoo.env["stock.picking"].read(sorted(pickings), ["partner_id"])
    }
    commercial = {
        partner["id"]: partner["commercial_partner_id"]
        for partner in odoo.env["res.partner"].read(
            sorted({value[0] for value in partners.values() if value}), ["commercial_partner_id"]
        )
    }
    return [
        {
            "quantity": line["quantity"],
            "picking": line["picking_id"][1] if line["picking_id"] else "",
            "partner": commercial.get((partners.get(line["picking_id"][0]) or [0])[0], [0, "no partner"]),
        }
        for line in lines
        if line["picking_id"]
    ]


@given(
    phrase(
        '"{product:Name}" has {quantity:Quantity} {:Units} of the {:Lot} "{lot:Text}" on hand in "{location:Location}"'
    )
)
def _(product: str, quantity: float, lot: str, location: str, seed: Seeding, records: Records) -> None:
    """Create a lot (serial number) of a product with this quantity on hand in a location (by its full name).

    Example: Given "Yogurt Tray" has 6 units of the lot "LOT-A" on hand in "WH/Stock"
    """
    seed.put_lot_on_hand(
        records.product(product, for_writing=True), lot, records.location(location, for_writing=True), quantity
    )


@when("I validate the receipt of the purchase order with these lots:")
def _(datatable, purchase_order: Order, acting: ActingUsers, odoo, names: ScenarioNames) -> None:
    """Open the purchase order's receipt, name the lots or serial numbers each product arrives in, and validate it.

    Each row gives a Lot or a Serial number; its Quantity is 1 when left out (a serial number is one unit). An
    Expiration Date (module product_expiry, a product with expiration dates) is the lot's: in 30 days, 2026-12-31;
    left out, Odoo's (the product's days after receipt).
    Columns: Product, Lot, Serial number, Quantity, Expiration Date.
    Example: When I validate the receipt of the purchase order with these lots:
    """
    wanted = lots_by_product(datatable, (EXPIRY_COLUMN,))
    expiry = expiry_by_product(datatable)
    form = LotTransfer.open(acting.page, the_one(receipts(odoo, purchase_order), "receipt", purchase_order)["id"])
    for product, lots in wanted.items():
        form.receive_lots(names.real(product), lots, expiry.get(product))
    form.validate()


@when("I validate the delivery of the order from these lots:")
def _(datatable, order: Order, acting: ActingUsers, odoo, names: ScenarioNames) -> None:
    """Open the order's delivery, take each product from the lots or serial numbers named, and validate it.

    Odoo reserves lots first in, first out; this picks the named ones instead, on the lines Odoo reserved.
    Each row gives a Lot or a Serial number; its Quantity is 1 when left out.
    Columns: Product, Lot, Serial number, Quantity.
    Example: When I validate the delivery of the order from these lots:
    """
    wanted = lots_by_product(datatable)
    form = LotTransfer.open(acting.page, the_open_delivery(odoo, order)["id"])
    for product, lots in wanted.items():
        form.take_lots(names.real(product), lots)
    form.validate()


@then(
    phrase(
        'the {:Lot} "{lot:Text}" of "{product:Name}" has {quantity:Quantity} {:Units} on hand in "{location:Location}"'
    )
)
def _(lot: str, product: str, quantity: float, location: str, odoo, records: Records) -> None:
    """The lot (serial number) holds this quantity in this location and the ones inside it.

    Example: Then the lot "LOT-A" of "Yogurt Tray" has 6 units on hand in "WH/Stock"
    """
    found = lot_id(odoo, lot, records.product(product), product)
    where = records.location(location)
    quants = odoo.env["stock.quant"].search_read(
        [("lot_id", "=", found), ("location_id", "child_of", where)], ["quantity"]
    )
    held = note("on hand", sum(quant["quantity"] for quant in quants))
    assert same_amount(held, quantity, 3), (
        f'The lot "{lot}" of "{product}" should have {quantity:g} units on hand in {location}, but has {held:g}; '
        f"it holds: {listed_on_hand(on_hand_by_location(odoo, found))}"
    )


@then(phrase('the {:Lot} "{lot:Text}" of "{product:Name}" is in "{location:Location}"'))
def _(lot: str, product: str, location: str, odoo, records: Records) -> None:
    """All the lot (serial number) has on hand is in this location or the ones inside it, and it has some.

    Example: Then the serial number "SN-0001" of "Barcode Scanner" is in "WH/Stock"
    """
    found = lot_id(odoo, lot, records.product(product), product)
    inside = {
        record["complete_name"]
        for record in odoo.env["stock.location"].search_read(
            [("id", "child_of", records.location(location))], ["complete_name"]
        )
    }
    on_hand = note("on hand", on_hand_by_location(odoo, found))
    assert on_hand and set(on_hand) <= inside, (
        f'"{lot}" of "{product}" should be in {location}, but holds: {listed_on_hand(on_hand)}'
    )


@then(phrase('the {:Lot} "{lot:Text}" of "{product:Name}" was delivered to "{customer:Name}"'))
def _(lot: str, product: str, customer: str, odoo, records: Records) -> None:
    """The lot (serial number) left in a done delivery to this customer (or one of its contacts).

    Example: Then the lot "LOT-B" of "Yogurt Tray" was delivered to "Acme Retail"
    """
    found = lot_id(odoo, lot, records.product(product), product)
    partner = records.partner(customer, "customer")
    deliveries = deliveries_of(odoo, found)
    note("delivered to", [line["partner"][1] for line in deliveries])
    listed = (
        ", ".join(f"{line['quantity']:g} to {line['partner'][1]} ({line['picking']})" for line in deliveries)
        or "no delivery to a customer"
    )
    assert any(line["partner"][0] == partner for line in deliveries), (
        f'"{lot}" of "{product}" should have been delivered to "{customer}", but went: {listed}'
    )


# --- Expiration dates (module product_expiry) -----------------------------------------------------------------------


def lot_expiry(text: str) -> str:
    """A lot's expiration date as the server takes it: a day at midday (as the web client types a date), or the
    date and time written."""
    return as_datetime(parse_date(text)).strftime(SERVER_DATETIME)


def expiry_day(value: str | bool, zone: str | None) -> date | None:
    """The day a lot's expiration date (UTC, as Odoo holds it) falls on in a time zone (UTC without one)."""
    if not value:
        return None
    moment = datetime.strptime(str(value)[:19], SERVER_DATETIME).replace(tzinfo=UTC)
    return moment.astimezone(ValueReader.zone_of(zone)).date()


@given(
    phrase(
        '"{product:Name}" has {quantity:Quantity} {:Units} of the {:Lot} "{lot:Text}" on hand in "{location:Location}", '
        'expiring "{expiry:Text}"'
    )
)
def _(product: str, quantity: float, lot: str, location: str, expiry: str, seed: Seeding, records: Records) -> None:
    """Create a lot (serial number) of a product expiring on a date (in 10 days, 2026-12-31), with this quantity on
    hand in a location (module product_expiry; the product has an Expiration Date).

    Example: Given "Yogurt Tray" has 6 units of the lot "LOT-A" on hand in "WH/Stock", expiring "in 10 days"
    """
    seed.put_lot_on_hand(
        records.product(product, for_writing=True),
        lot,
        records.location(location, for_writing=True),
        quantity,
        {EXPIRY_FIELD: lot_expiry(expiry)},
    )


@then(phrase('the {:Lot} "{lot:Text}" of "{product:Name}" expires on "{expiry:Text}"'))
def _(lot: str, product: str, expiry: str, odoo, records: Records) -> None:
    """The lot's (serial number's) Expiration Date is this day: in 30 days, today + 30 days, 2026-12-31.

    The day as the company's administrator reads it (their time zone; UTC without one).
    Example: Then the lot "LOT-A" of "Yogurt Tray" expires on "in 30 days"
    """
    found = lot_id(odoo, lot, records.product(product), product)
    fields = records.fields(LOT_MODEL, ["type"])
    assert EXPIRY_FIELD in fields, (
        "Lots have no expiration date on this server: the Odoo module product_expiry is not installed. Tag the "
        "scenario @requires_module:product_expiry."
    )
    wanted = parse_date(expiry)
    wanted = wanted.date() if isinstance(wanted, datetime) else wanted
    held = note(
        "expires", expiry_day(records.read(LOT_MODEL, found, [EXPIRY_FIELD])[EXPIRY_FIELD], odoo.env.context.get("tz"))
    )
    assert held == wanted, (
        f'The lot "{lot}" of "{product}" should expire on {wanted.isoformat()} ("{expiry}"), but '
        + (f"expires on {held.isoformat()}" if held else "has no expiration date")
    )
