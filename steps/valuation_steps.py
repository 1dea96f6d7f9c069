"""Inventory valuation: costing methods, landed costs on receipts, unit costs and inventory value."""

from __future__ import annotations

from pytest_bdd import given, then, when

from odoo_uat.authoring.params import phrase
from odoo_uat.authoring.tables import table_rows
from odoo_uat.odoo.compat import Compat
from odoo_uat.odoo.factories import Factories
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Document, Records, document, saved_document
from odoo_uat.odoo.seeding import Seeding
from odoo_uat.outcome.readings import note
from odoo_uat.values import parse_number, same_amount
from odoo_uat.web.browser import ActingUsers
from pages.landed_costs import LandedCostForm


@given(phrase('the product category "{category:Name}" is valued automatically at {method:CostingMethod}'))
def _(category: str, method: str, seed: Seeding, records: Records, names: ScenarioNames) -> None:
    """Create a product category whose stock is valued automatically (real time), at average cost or FIFO.

    The stock journal and accounts come from the company's chart of accounts; the step
    fails, naming them, when the chart does not give them.

    Example: Given the product category "Pumps" is valued automatically at average cost (AVCO)
    """
    records.remember("product.category", category, seed.automated_category(names.unique(category), method))


@given(phrase('the landed cost service "{service:Name}" exists'))
def _(service: str, factories: Factories, records: Records, names: ScenarioNames) -> None:
    """Create a service that can be added to receipts as a landed cost (freight, customs duties, insurance).

    Example: Given the landed cost service "Sea Freight" exists
    """
    records.remember("product.product", service, factories.Product(name=names.unique(service), landed_cost=True))


@given(phrase('the following goods were received from "{vendor:Name}":'), target_fixture="receipt")
def _(vendor: str, datatable, seed: Seeding, records: Records) -> Document:
    """Buy goods from a vendor and receive them in full in one receipt, through RPC. Columns: Product, Quantity, Unit price.

    Example: Given the following goods were received from "Hydro Parts":
    """
    rows = table_rows(datatable, ["Product", "Quantity", "Unit price"], required=["Product", "Quantity", "Unit price"])
    lines = [
        (
            records.product(row["Product"], for_writing=True),
            parse_number(row["Quantity"]),
            parse_number(row["Unit price"]),
        )
        for row in rows
    ]
    _order, receipts = seed.received_goods(records.partner(vendor, "vendor", for_writing=True), lines)
    assert len(receipts) == 1, f"Receiving the goods should make one receipt, but made {len(receipts)}"
    return document(seed.odoo, "stock.picking", receipts[0])


@when(
    phrase('I record a landed cost of {amount:Amount} for "{service:Name}" on the receipt, split {split:SplitMethod}'),
    target_fixture="landed_cost",
)
def _(
    amount: float, service: str, split: str, receipt: Document, acting: ActingUsers, odoo, names: ScenarioNames
) -> Document:
    """Create and save a landed cost in the web client: one cost line on the scenario's receipt.

    Example: When I record a landed cost of 200.00 for "Sea Freight" on the receipt, split by quantity
    """
    form = LandedCostForm.new(acting.page)
    form.add_transfer(receipt.name)
    form.add_cost(names.real(service), amount, split)
    form.save()
    return saved_document(odoo, "stock.landed.cost", form)


@when("I validate the landed cost")
def _(landed_cost: Document, acting: ActingUsers) -> None:
    """Validate the landed cost on screen (Odoo splits it over the received products and posts it).

    Example: When I validate the landed cost
    """
    LandedCostForm.open(acting.page, landed_cost.id).validate()


@then(phrase("the landed cost is posted and adds {amount:Amount} to the stock valuation account"))
def _(amount: float, landed_cost: Document, odoo) -> None:
    """The landed cost is validated and its posted journal entry debits the goods' stock valuation account.

    Example: Then the landed cost is posted and adds 200.00 to the stock valuation account
    """
    cost = odoo.env["stock.landed.cost"].read([landed_cost.id], ["state", "account_move_id", "amount_total"])[0]
    assert cost["state"] == "done", f"{landed_cost.name} should be posted (state 'done') but is {cost['state']!r}"
    assert cost["account_move_id"], f"{landed_cost.name} is posted but has no journal entry"
    entry = odoo.env["account.move"].read([cost["account_move_id"][0]], ["name", "state"])[0]
    assert entry["state"] == "posted", (
        f"{entry['name']} of {landed_cost.name} should be posted but is {entry['state']!r}"
    )
    valuation_accounts = _valuation_accounts(odoo, landed_cost.id)
    lines = odoo.env["account.move.line"].search_read(
        [("move_id", "=", cost["account_move_id"][0])], ["account_id", "debit", "credit"]
    )
    added = note(
        "stock valuation", sum(ln["debit"] - ln["credit"] for ln in lines if ln["account_id"][0] in valuation_accounts)
    )
    booked = ", ".join(f"{line['account_id'][1]} {line['debit'] - line['credit']:+.2f}" for line in lines)
    assert same_amount(added, amount), (
        f"{entry['name']} of {landed_cost.name} should add {amount:.2f} to the stock valuation account, "
        f"but adds {added:.2f} (entry lines: {booked})"
    )


@then("the landed cost is split over the products as follows:")
def _(datatable, landed_cost: Document, odoo, records: Records) -> None:
    """The additional cost Odoo gave each product of the receipt. Columns: Product, Additional cost.

    Example: Then the landed cost is split over the products as follows:
    """
    rows = table_rows(datatable, ["Product", "Additional cost"], required=["Product", "Additional cost"])
    adjustments = odoo.env["stock.valuation.adjustment.lines"].search_read(
        [("cost_id", "=", landed_cost.id)], ["product_id", "additional_landed_cost"]
    )
    by_product: dict[int, float] = {}
    for line in adjustments:
        by_product[line["product_id"][0]] = by_product.get(line["product_id"][0], 0.0) + line["additional_landed_cost"]
    actual = (
        ", ".join(f"{line['product_id'][1]} {line['additional_landed_cost']:.2f}" for line in adjustments) or "none"
    )
    for row in rows:
        expected = parse_number(row["Additional cost"])
        got = note(row["Product"], by_product.get(records.product(row["Product"]), 0.0))
        assert same_amount(got, expected), (
            f'{landed_cost.name} should add {expected:.2f} to "{row["Product"]}", but adds {got:.2f} (split: {actual})'
        )


@then(phrase('the unit cost of "{product:Name}" is {amount:Amount}'))
def _(product: str, amount: float, records: Records) -> None:
    """The product's cost (the unit value its next deliveries are valued at), as Odoo computed it.

    Example: Then the unit cost of "Water Pump" is 120.00
    """
    cost = records.read("product.product", records.product(product), ["standard_price"])
    note("cost", cost["standard_price"])
    assert same_amount(cost["standard_price"], amount), (
        f'The unit cost of "{product}" should be {amount:.2f}, but is {cost["standard_price"]:.2f}'
    )


@then(phrase('the inventory value of "{product:Name}" is {amount:Amount} for {quantity:Quantity} units'))
def _(product: str, amount: float, quantity: float, odoo, compat: Compat, records: Records) -> None:
    """The product's stock quantity and value as the inventory valuation counts them (layers on 18.0, moves on 19.0).

    Example: Then the inventory value of "Water Pump" is 1,200.00 for 10 units
    """
    counted, value = compat.inventory_value(odoo, records.product(product))
    note("valuation", {"valuation quantity": counted, "valuation value": value})
    assert same_amount(counted, quantity, 3) and same_amount(value, amount), (
        f'The inventory valuation should hold {quantity:g} units of "{product}" worth '
        f"{amount:,.2f}, but holds {counted:g} units worth {value:,.2f}"
    )


def _valuation_accounts(odoo, landed_cost_id: int) -> set[int]:
    """The stock valuation accounts of the categories of the products a landed cost applies to."""
    products = odoo.env["stock.valuation.adjustment.lines"].search_read(
        [("cost_id", "=", landed_cost_id)], ["product_id"]
    )
    templates = odoo.env["product.product"].read(list({p["product_id"][0] for p in products}), ["categ_id"])
    categories = odoo.env["product.category"].read(
        list({t["categ_id"][0] for t in templates}), ["property_stock_valuation_account_id"]
    )
    return {c["property_stock_valuation_account_id"][0] for c in categories if c["property_stock_valuation_account_id"]}
