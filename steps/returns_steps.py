"""Returns: customer returns received into quarantine, inspection (put back or scrap) and credit notes."""

from __future__ import annotations

from pytest_bdd import given, then, when

from odoo_uat.authoring.params import phrase
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Order, Records
from odoo_uat.odoo.seeding import Seeding, shipped_delivery
from odoo_uat.outcome.readings import note
from odoo_uat.values import same_amount
from odoo_uat.web.browser import ActingUsers
from pages.credit import CustomerInvoiceForm
from pages.returns import RETURN_ACTION, ReturnForm, ScrapForm

RETURN_REASON = "Goods returned by the customer"


def posted_invoice(odoo, order: Order) -> dict:
    """The order's one posted customer invoice."""
    invoice_ids = odoo.env["sale.order"].read([order.id], ["invoice_ids"])[0]["invoice_ids"]
    invoices = [
        move
        for move in odoo.env["account.move"].read(invoice_ids, ["name", "state", "move_type"])
        if move["move_type"] == "out_invoice" and move["state"] == "posted"
    ]
    assert len(invoices) == 1, (
        f"{order.name} should have one posted invoice to credit, but has {len(invoices)}: "
        + ", ".join(move["name"] for move in invoices)
    )
    return invoices[0]


@given(phrase('the warehouse has a quarantine location "{location:Location}"'))
def _(location: str, seed: Seeding, records: Records, names: ScenarioNames) -> None:
    """Create an internal location of this scenario's own for goods awaiting inspection (full name, e.g. WH/Quarantine).

    Also turns on Storage Locations once for the database (a one-time setting others are not hurt by).

    Example: Given the warehouse has a quarantine location "WH/Quarantine"
    """
    parent, _, leaf = location.rpartition("/")
    if not parent or not leaf:
        raise ValueError(f'Give the location\'s full name under its warehouse, e.g. "WH/Quarantine", not {location!r}.')
    records.remember(
        "stock.location",
        location,
        seed.quarantine_location(records.location(parent, for_writing=True), names.unique(location)[len(parent) + 1 :]),
    )


@given(
    phrase('"{customer:Name}" bought {quantity:Quantity} units of "{product:Name}", which were shipped and invoiced'),
    target_fixture="order",
)
def _(customer: str, quantity: float, product: str, seed: Seeding, records: Records) -> Order:
    """A sales order confirmed, shipped in full and invoiced (posted) through RPC.

    Example: Given "Acme Retail" bought 5 units of "Oak Pallet", which were shipped and invoiced
    """
    return seed.sold_shipped_invoiced(
        records.partner(customer, "customer", for_writing=True), records.product(product, for_writing=True), quantity
    )


@when(
    phrase(
        'I receive {quantity:Quantity} {:Units} of "{product:Name}" back from the customer into "{location:Location}"'
    )
)
def _(
    quantity: float,
    product: str,
    location: str,
    order: Order,
    acting: ActingUsers,
    odoo,
    names: ScenarioNames,
    records: Records,
) -> None:
    """Return goods from the order's delivery in the web client: Return, the quantity, the destination, Validate.

    Example: When I receive 3 units of "Oak Pallet" back from the customer into "WH/Quarantine"
    """
    records.location(location)  # fail early, naming what exists, if it is unknown
    delivery = ReturnForm.open(acting.page, shipped_delivery(odoo, order))
    wizard = delivery.open_return_wizard(odoo.env.ref(RETURN_ACTION).id)
    wizard.set_quantity(names.real(product), quantity)
    return_form = wizard.create_return()
    return_form.set_destination(names.real(location))
    return_form.validate()


@when(
    phrase(
        'I put {quantity:Quantity} {:Units} of "{product:Name}" from "{source:Location}" back into '
        '"{destination:Location}"'
    )
)
def _(
    quantity: float,
    product: str,
    source: str,
    destination: str,
    acting: ActingUsers,
    names: ScenarioNames,
    records: Records,
) -> None:
    """Move inspected goods with an internal transfer of the source's warehouse, validated in the web client.

    Example: When I put 2 units of "Oak Pallet" from "WH/Quarantine" back into "WH/Stock"
    """
    operation_type, warehouse = records.internal_transfer_type(source)
    form = ReturnForm.new_internal_transfer(acting.page, operation_type, search=warehouse)
    form.set_source(names.real(source))
    form.set_destination(names.real(destination))
    form.add_move(names.real(product), quantity)
    form.validate()


@when(phrase('I scrap {quantity:Quantity} {:Units} of "{product:Name}" from "{location:Location}"'))
def _(
    quantity: float, product: str, location: str, acting: ActingUsers, names: ScenarioNames, records: Records
) -> None:
    """Scrap goods from a location with a scrap order in the web client.

    Example: When I scrap 1 unit of "Oak Pallet" from "WH/Quarantine"
    """
    records.location(location)
    form = ScrapForm.new(acting.page)
    form.fill(names.real(product), quantity, names.real(location))
    form.validate()


@when(phrase('I credit the customer for {quantity:Quantity} {:Units} of "{product:Name}" returned'))
def _(quantity: float, product: str, order: Order, acting: ActingUsers, odoo, names: ScenarioNames) -> None:
    """From the order's invoice: Credit Note, reverse, set the returned quantity, post.

    Example: When I credit the customer for 3 units of "Oak Pallet" returned
    """
    invoice = CustomerInvoiceForm.open(acting.page, posted_invoice(odoo, order)["id"])
    credit_note = invoice.credit_note(RETURN_REASON)
    credit_note.set_line_quantity(names.real(product), quantity)
    credit_note.post()


@then(phrase('"{location:Location}" holds {quantity:Quantity} {:Units} of "{product:Name}"'))
def _(location: str, quantity: float, product: str, records: Records) -> None:
    """The quantity on hand of the product in the location, as Odoo's stock counts it.

    Example: Then "WH/Quarantine" holds 3 units of "Oak Pallet"
    """
    actual = note("on hand", records.on_hand(records.product(product), records.location(location)))
    assert same_amount(actual, quantity, 3), (
        f'"{location}" should hold {quantity:g} units of "{product}", but holds {actual:g}'
    )


@then(phrase('"{product:Name}" has {quantity:Quantity} {:Units} available to sell in "{location:Location}"'))
def _(product: str, quantity: float, location: str, odoo, records: Records) -> None:
    """The product's free quantity (on hand, not reserved) in the location: what sales can promise.

    Example: Then "Oak Pallet" has 5 units available to sell in "WH/Stock"
    """
    product_id, location_id = records.product(product), records.location(location)
    stock = (
        odoo.env["product.product"]
        .with_context(location=location_id)
        .read([product_id], ["free_qty", "qty_available"])[0]
    )
    note("free_qty", stock["free_qty"])
    assert same_amount(stock["free_qty"], quantity, 3), (
        f'"{product}" should have {quantity:g} units available to sell in "{location}", but has '
        f"{stock['free_qty']:g} ({stock['qty_available']:g} on hand)"
    )


@then(phrase('{quantity:Quantity} {:Units} of "{product:Name}" {:WasWere} scrapped from "{location:Location}"'))
def _(quantity: float, product: str, location: str, odoo, records: Records) -> None:
    """Done scrap orders took this quantity from the location into a scrap location.

    Example: Then 1 unit of "Oak Pallet" was scrapped from "WH/Quarantine"
    """
    product_id, location_id = records.product(product), records.location(location)
    scraps = odoo.env["stock.scrap"].search_read(
        [("product_id", "=", product_id), ("location_id", "=", location_id)],
        ["name", "state", "scrap_qty", "scrap_location_id", "move_ids"],
    )
    done = [scrap for scrap in scraps if scrap["state"] == "done"]
    scrapped = note("scrap_qty", sum(scrap["scrap_qty"] for scrap in done))
    assert same_amount(scrapped, quantity, 3), (
        f'{quantity:g} units of "{product}" should have been scrapped from "{location}", but done scrap orders '
        f"took {scrapped:g} (scrap orders: {[(s['name'], s['state'], s['scrap_qty']) for s in scraps] or 'none'})"
    )
    move_ids = [move for scrap in done for move in scrap["move_ids"]]
    moves = odoo.env["stock.move"].read(move_ids, ["state", "quantity", "location_id", "location_dest_id"])
    moved = sum(
        move["quantity"]
        for move in moves
        if move["state"] == "done"
        and move["location_id"][0] == location_id
        and move["location_dest_id"][0] in {scrap["scrap_location_id"][0] for scrap in done}
    )
    assert same_amount(moved, quantity, 3), (
        f'The scrap orders of "{product}" should have moved {quantity:g} units from "{location}" to the scrap '
        f"location, but moved {moved:g}: {moves}"
    )


@then(
    phrase(
        'the customer has a posted credit note for {quantity:Quantity} {:Units} of "{product:Name}" '
        "worth {amount:Amount} before tax"
    )
)
def _(quantity: float, product: str, amount: float, order: Order, odoo, records: Records) -> None:
    """The invoice's posted credit note: returned quantity, and an untaxed amount of that quantity at the invoiced price.

    Example: Then the customer has a posted credit note for 3 units of "Oak Pallet" worth 135.00 before tax
    """
    invoice = posted_invoice(odoo, order)
    product_id = records.product(product)
    credit_notes = odoo.env["account.move"].search_read(
        [("move_type", "=", "out_refund"), ("reversed_entry_id", "=", invoice["id"])],
        ["name", "state", "amount_untaxed", "invoice_line_ids"],
    )
    posted = [move for move in credit_notes if move["state"] == "posted"]
    assert len(posted) == 1, (
        f"{invoice['name']} should have one posted credit note, but has {len(posted)} "
        f"(credit notes: {[(n['name'], n['state']) for n in credit_notes] or 'none'})"
    )
    credit_note = posted[0]
    lines = [
        line
        for line in odoo.env["account.move.line"].read(
            credit_note["invoice_line_ids"], ["product_id", "quantity", "price_unit", "price_subtotal"]
        )
        if line["product_id"] and line["product_id"][0] == product_id
    ]
    credited = note("credited quantity", sum(line["quantity"] for line in lines))
    assert same_amount(credited, quantity, 3), (
        f'{credit_note["name"]} should credit {quantity:g} units of "{product}", but credits {credited:g}'
    )
    invoiced_prices = {
        line["price_unit"]
        for line in odoo.env["account.move.line"].search_read(
            [("move_id", "=", invoice["id"]), ("product_id", "=", product_id)], ["price_unit"]
        )
    }
    assert len(invoiced_prices) == 1, f'{invoice["name"]} has no single unit price for "{product}": {invoiced_prices}'
    price = invoiced_prices.pop()
    assert same_amount(credit_note["amount_untaxed"], quantity * price), (
        f"{credit_note['name']} should be worth {quantity:g} x {price:.2f} = {quantity * price:.2f} "
        f"before tax, but is worth {credit_note['amount_untaxed']:.2f}"
    )
    assert same_amount(credit_note["amount_untaxed"], amount), (
        f"{credit_note['name']} should be worth {amount:.2f} before tax, but is worth {credit_note['amount_untaxed']:.2f}"
    )
