"""Returns: customer returns received into quarantine, inspection (put back or scrap) and credit notes."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from odoo_uat.authoring.values import parse_number, same_amount
from odoo_uat.odoo.factories import mark_seeded
from odoo_uat.odoo.lookup import find_one
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Order, location_id_for, product_id_for
from odoo_uat.web.browser import ActingUsers
from pages.credit import CustomerInvoiceForm
from pages.returns import RETURN_ACTION, ReturnForm, ScrapForm

UNITS = r"(?P<quantity>\d+(?:\.\d+)?) units?"
STORAGE_LOCATIONS_GROUP = "stock.group_stock_multi_locations"
RETURN_REASON = "Goods returned by the customer"


def ensure_storage_locations(odoo) -> None:
    """Turn on Storage Locations for every internal user, and the internal transfer types it brings.

    Not through res.config.settings: executing the settings form writes every setting at once,
    and under xdist that undoes what another scenario switched on meanwhile (multi-warehouse,
    routes), which hid this field again. Adding the implied group is additive, so it cannot race.
    """
    group = odoo.env.ref(STORAGE_LOCATIONS_GROUP).id
    employee = odoo.env.ref("base.group_user").id
    if group not in odoo.env["res.groups"].read([employee], ["implied_ids"])[0]["implied_ids"]:
        odoo.env["res.groups"].write([employee], {"implied_ids": [(4, group)]})
    types = odoo.env["stock.picking.type"].with_context(active_test=False)
    inactive = types.search([("code", "=", "internal"), ("active", "=", False)])
    if inactive:
        types.write(inactive, {"active": True})


def sell_deliver_and_invoice(odoo, customer_id: int, product_id: int, quantity: float) -> Order:
    """Confirm a sales order, ship it in full and post its invoice, all over RPC."""
    orders = odoo.env["sale.order"]
    order_id = orders.create({"partner_id": customer_id, "order_line": [
        (0, 0, {"product_id": product_id, "product_uom_qty": quantity})]})
    mark_seeded("sale.order", [order_id])
    orders.action_confirm([order_id])
    for picking in odoo.env["stock.picking"].search([("sale_id", "=", order_id), ("picking_type_code", "=", "outgoing")]):
        answer = odoo.env["stock.picking"].button_validate([picking])
        if isinstance(answer, dict):
            raise RuntimeError(f"Shipping sales order {order_id} asked a question ({answer.get('res_model')}): "
                               "is there enough stock of the product?")
    wizard = odoo.env["sale.advance.payment.inv"].with_context(
        active_model="sale.order", active_ids=[order_id], active_id=order_id).create({})
    odoo.env["sale.advance.payment.inv"].with_context(
        active_model="sale.order", active_ids=[order_id], active_id=order_id).create_invoices([wizard])
    invoices = orders.read([order_id], ["invoice_ids", "name"])[0]
    odoo.env["account.move"].action_post(invoices["invoice_ids"])
    return Order(order_id, invoices["name"])


def done_delivery(odoo, order: Order) -> int:
    """The order's one shipped delivery."""
    deliveries = odoo.env["stock.picking"].search_read(
        [("sale_id", "=", order.id), ("picking_type_code", "=", "outgoing"), ("state", "=", "done")], ["name"])
    assert len(deliveries) == 1, (
        f"{order.name} should have one shipped delivery to return goods from, but has {len(deliveries)}: "
        + ", ".join(d["name"] for d in deliveries))
    return deliveries[0]["id"]


def posted_invoice(odoo, order: Order) -> dict:
    """The order's one posted customer invoice."""
    invoice_ids = odoo.env["sale.order"].read([order.id], ["invoice_ids"])[0]["invoice_ids"]
    invoices = [move for move in odoo.env["account.move"].read(invoice_ids, ["name", "state", "move_type"])
                if move["move_type"] == "out_invoice" and move["state"] == "posted"]
    assert len(invoices) == 1, (
        f"{order.name} should have one posted invoice to credit, but has {len(invoices)}: "
        + ", ".join(move["name"] for move in invoices))
    return invoices[0]


def quantity_in(odoo, product_id: int, location_id: int) -> float:
    """Units of the product on hand in the location and the ones inside it."""
    quants = odoo.env["stock.quant"].search_read(
        [("product_id", "=", product_id), ("location_id", "child_of", location_id)], ["quantity"])
    return sum(quant["quantity"] for quant in quants)


@given(parsers.parse('the warehouse has a quarantine location "{location}"'))
def _(location: str, odoo, names: ScenarioNames, seeded: dict[tuple[str, str], int]) -> None:
    """Create an internal location of this scenario's own for goods awaiting inspection (full name, e.g. WH/Quarantine).

    Also turns on Storage Locations once for the database (a one-time setting others are not hurt by).

    Example: Given the warehouse has a quarantine location "WH/Quarantine"
    """
    parent, _, leaf = location.rpartition("/")
    if not parent or not leaf:
        raise ValueError(f'Give the location\'s full name under its warehouse, e.g. "WH/Quarantine", not {location!r}.')
    ensure_storage_locations(odoo)
    parent_id = find_one(odoo, "stock.location", parent, field="complete_name", what="parent location")
    name = names.unique(location)[len(parent) + 1:]
    seeded[("stock.location", location)] = odoo.env["stock.location"].create(
        {"name": name, "usage": "internal", "location_id": parent_id})
    mark_seeded("stock.location", [seeded[("stock.location", location)]])


@given(parsers.parse('"{customer}" bought {quantity:g} units of "{product}", which were shipped and invoiced'),
       target_fixture="order")
def _(customer: str, quantity: float, product: str, odoo, names: ScenarioNames,
      seeded: dict[tuple[str, str], int]) -> Order:
    """A sales order confirmed, shipped in full and invoiced (posted) through RPC.

    Example: Given "Acme Retail" bought 5 units of "Oak Pallet", which were shipped and invoiced
    """
    customer_id = seeded.get(("res.partner", customer)) or find_one(
        odoo, "res.partner", names.real(customer), what="customer")
    return sell_deliver_and_invoice(odoo, customer_id, product_id_for(odoo, names, seeded, product), quantity)


@when(parsers.re(rf'I receive {UNITS} of "(?P<product>[^"]+)" back from the customer into "(?P<location>[^"]+)"'))
def _(quantity: str, product: str, location: str, order: Order, acting: ActingUsers, odoo,
      names: ScenarioNames, seeded: dict[tuple[str, str], int]) -> None:
    """Return goods from the order's delivery in the web client: Return, the quantity, the destination, Validate.

    Example: When I receive 3 units of "Oak Pallet" back from the customer into "WH/Quarantine"
    """
    location_id_for(odoo, names, seeded, location)  # fail early, naming what exists, if it is unknown
    delivery = ReturnForm.open(acting.page, done_delivery(odoo, order))
    wizard = delivery.open_return_wizard(odoo.env.ref(RETURN_ACTION).id)
    wizard.set_quantity(names.real(product), parse_number(quantity))
    return_form = wizard.create_return()
    return_form.set_destination(names.real(location))
    return_form.validate()


@when(parsers.re(rf'I put {UNITS} of "(?P<product>[^"]+)" from "(?P<source>[^"]+)" back into "(?P<destination>[^"]+)"'))
def _(quantity: str, product: str, source: str, destination: str, acting: ActingUsers, odoo,
      names: ScenarioNames, seeded: dict[tuple[str, str], int]) -> None:
    """Move inspected goods with an internal transfer of the source's warehouse, validated in the web client.

    Example: When I put 2 units of "Oak Pallet" from "WH/Quarantine" back into "WH/Stock"
    """
    source_id = location_id_for(odoo, names, seeded, source)
    warehouse = odoo.env["stock.location"].read([source_id], ["warehouse_id"])[0]["warehouse_id"]
    assert warehouse, f'"{source}" belongs to no warehouse, so no internal transfer type applies to it'
    type_id = odoo.env["stock.warehouse"].read([warehouse[0]], ["int_type_id"])[0]["int_type_id"][0]
    operation_type = odoo.env["stock.picking.type"].read([type_id], ["display_name"])[0]["display_name"]
    form = ReturnForm.new_internal_transfer(acting.page, operation_type, search=warehouse[1])
    form.set_source(names.real(source))
    form.set_destination(names.real(destination))
    form.add_move(names.real(product), parse_number(quantity))
    form.validate()


@when(parsers.re(rf'I scrap {UNITS} of "(?P<product>[^"]+)" from "(?P<location>[^"]+)"'))
def _(quantity: str, product: str, location: str, acting: ActingUsers, odoo,
      names: ScenarioNames, seeded: dict[tuple[str, str], int]) -> None:
    """Scrap goods from a location with a scrap order in the web client.

    Example: When I scrap 1 unit of "Oak Pallet" from "WH/Quarantine"
    """
    location_id_for(odoo, names, seeded, location)
    form = ScrapForm.new(acting.page)
    form.fill(names.real(product), parse_number(quantity), names.real(location))
    form.validate()


@when(parsers.re(rf'I credit the customer for {UNITS} of "(?P<product>[^"]+)" returned'))
def _(quantity: str, product: str, order: Order, acting: ActingUsers, odoo, names: ScenarioNames) -> None:
    """From the order's invoice: Credit Note, reverse, set the returned quantity, post.

    Example: When I credit the customer for 3 units of "Oak Pallet" returned
    """
    invoice = CustomerInvoiceForm.open(acting.page, posted_invoice(odoo, order)["id"])
    credit_note = invoice.credit_note(RETURN_REASON)
    credit_note.set_line_quantity(names.real(product), parse_number(quantity))
    credit_note.post()


@then(parsers.re(rf'"(?P<location>[^"]+)" holds {UNITS} of "(?P<product>[^"]+)"'))
def _(location: str, quantity: str, product: str, odoo, names: ScenarioNames,
      seeded: dict[tuple[str, str], int]) -> None:
    """The quantity on hand of the product in the location, as Odoo's stock counts it.

    Example: Then "WH/Quarantine" holds 3 units of "Oak Pallet"
    """
    expected = parse_number(quantity)
    actual = quantity_in(odoo, product_id_for(odoo, names, seeded, product),
                         location_id_for(odoo, names, seeded, location))
    assert same_amount(actual, expected, 3), (
        f'"{location}" should hold {expected:g} units of "{product}", but holds {actual:g}')


@then(parsers.re(rf'"(?P<product>[^"]+)" has {UNITS} available to sell in "(?P<location>[^"]+)"'))
def _(product: str, quantity: str, location: str, odoo, names: ScenarioNames,
      seeded: dict[tuple[str, str], int]) -> None:
    """The product's free quantity (on hand, not reserved) in the location: what sales can promise.

    Example: Then "Oak Pallet" has 5 units available to sell in "WH/Stock"
    """
    expected = parse_number(quantity)
    product_id = product_id_for(odoo, names, seeded, product)
    location_id = location_id_for(odoo, names, seeded, location)
    stock = odoo.env["product.product"].with_context(location=location_id).read(
        [product_id], ["free_qty", "qty_available"])[0]
    assert same_amount(stock["free_qty"], expected, 3), (
        f'"{product}" should have {expected:g} units available to sell in "{location}", but has '
        f'{stock["free_qty"]:g} ({stock["qty_available"]:g} on hand)')


@then(parsers.re(rf'{UNITS} of "(?P<product>[^"]+)" (?:was|were) scrapped from "(?P<location>[^"]+)"'))
def _(quantity: str, product: str, location: str, odoo, names: ScenarioNames,
      seeded: dict[tuple[str, str], int]) -> None:
    """Done scrap orders took this quantity from the location into a scrap location.

    Example: Then 1 unit of "Oak Pallet" was scrapped from "WH/Quarantine"
    """
    expected = parse_number(quantity)
    product_id = product_id_for(odoo, names, seeded, product)
    location_id = location_id_for(odoo, names, seeded, location)
    scraps = odoo.env["stock.scrap"].search_read(
        [("product_id", "=", product_id), ("location_id", "=", location_id)],
        ["name", "state", "scrap_qty", "scrap_location_id", "move_ids"])
    done = [scrap for scrap in scraps if scrap["state"] == "done"]
    scrapped = sum(scrap["scrap_qty"] for scrap in done)
    assert same_amount(scrapped, expected, 3), (
        f'{expected:g} units of "{product}" should have been scrapped from "{location}", but done scrap orders '
        f'took {scrapped:g} (scrap orders: {[(s["name"], s["state"], s["scrap_qty"]) for s in scraps] or "none"})')
    move_ids = [move for scrap in done for move in scrap["move_ids"]]
    moves = odoo.env["stock.move"].read(move_ids, ["state", "quantity", "location_id", "location_dest_id"])
    moved = sum(move["quantity"] for move in moves if move["state"] == "done" and move["location_id"][0] == location_id
                and move["location_dest_id"][0] in {scrap["scrap_location_id"][0] for scrap in done})
    assert same_amount(moved, expected, 3), (
        f'The scrap orders of "{product}" should have moved {expected:g} units from "{location}" to the scrap '
        f"location, but moved {moved:g}: {moves}")


@then(parsers.re(rf'the customer has a posted credit note for {UNITS} of "(?P<product>[^"]+)" '
                 r'worth (?P<amount>[\d.,]+) before tax'))
def _(quantity: str, product: str, amount: str, order: Order, odoo, names: ScenarioNames,
      seeded: dict[tuple[str, str], int]) -> None:
    """The invoice's posted credit note: returned quantity, and an untaxed amount of that quantity at the invoiced price.

    Example: Then the customer has a posted credit note for 3 units of "Oak Pallet" worth 135.00 before tax
    """
    expected_quantity, expected_amount = parse_number(quantity), parse_number(amount)
    invoice = posted_invoice(odoo, order)
    product_id = product_id_for(odoo, names, seeded, product)
    credit_notes = odoo.env["account.move"].search_read(
        [("move_type", "=", "out_refund"), ("reversed_entry_id", "=", invoice["id"])],
        ["name", "state", "amount_untaxed", "invoice_line_ids"])
    posted = [note for note in credit_notes if note["state"] == "posted"]
    assert len(posted) == 1, (
        f"{invoice['name']} should have one posted credit note, but has {len(posted)} "
        f"(credit notes: {[(n['name'], n['state']) for n in credit_notes] or 'none'})")
    note = posted[0]
    lines = [line for line in odoo.env["account.move.line"].read(
        note["invoice_line_ids"], ["product_id", "quantity", "price_unit", "price_subtotal"])
        if line["product_id"] and line["product_id"][0] == product_id]
    credited = sum(line["quantity"] for line in lines)
    assert same_amount(credited, expected_quantity, 3), (
        f'{note["name"]} should credit {expected_quantity:g} units of "{product}", but credits {credited:g}')
    invoiced_prices = {line["price_unit"] for line in odoo.env["account.move.line"].search_read(
        [("move_id", "=", invoice["id"]), ("product_id", "=", product_id)], ["price_unit"])}
    assert len(invoiced_prices) == 1, f'{invoice["name"]} has no single unit price for "{product}": {invoiced_prices}'
    price = invoiced_prices.pop()
    assert same_amount(note["amount_untaxed"], expected_quantity * price), (
        f"{note['name']} should be worth {expected_quantity:g} x {price:.2f} = {expected_quantity * price:.2f} "
        f"before tax, but is worth {note['amount_untaxed']:.2f}")
    assert same_amount(note["amount_untaxed"], expected_amount), (
        f"{note['name']} should be worth {expected_amount:.2f} before tax, but is worth {note['amount_untaxed']:.2f}")
