"""Inventory valuation: costing methods, landed costs on receipts, unit costs and inventory value."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from odoo_uat.authoring.tables import table_rows
from odoo_uat.authoring.values import parse_number, same_amount
from odoo_uat.odoo.compat import Compat
from odoo_uat.odoo.factories import (
    ProductCategoryFactory,
    ProductFactory,
    receive_purchase,
)
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import (
    Document,
    Seeded,
    product_id_for,
    saved_document,
    vendor_id_for,
)
from odoo_uat.web.browser import ActingUsers
from pages.landed_costs import LandedCostForm

AMOUNT = r"(?P<amount>-?[\d,]+(?:\.\d+)?)"
COSTING_METHODS = {"average cost": "average", "avco": "average", "fifo": "fifo", "first in, first out": "fifo"}
AUTOMATED = "real_time"  # 'Automated' on 18.0, 'Perpetual' on 19.0: the same key on both
# What a scenario says after "split" -> the split method's label on screen (the same on 18.0 and 19.0).
SPLIT_METHODS = {"by quantity": "By Quantity", "by current cost": "By Current Cost", "by weight": "By Weight",
                 "by volume": "By Volume", "equally": "Equal"}



@given(parsers.re(r'the product category "(?P<category>[^"]+)" is valued automatically at '
                  r'(?P<method>average cost|AVCO|FIFO|first in, first out)(?: \((?:AVCO|FIFO)\))?'))
def _(category: str, method: str, odoo, compat: Compat, names: ScenarioNames, seeded: Seeded,
      factories_bound) -> None:
    """Create a product category whose stock is valued automatically (real time), at average cost or FIFO.

    The stock journal and accounts come from the company's chart of accounts; the step
    fails, naming them, when the chart does not give them.

    Example: Given the product category "Pumps" is valued automatically at average cost (AVCO)
    """
    category_id = ProductCategoryFactory(name=names.unique(category), property_valuation=AUTOMATED,
                                         property_cost_method=COSTING_METHODS[method.casefold()])
    seeded[("product.category", category)] = category_id
    fields = ["property_valuation", "property_cost_method", "property_stock_journal",
              *compat.category_stock_account_fields]
    values = odoo.env["product.category"].read([category_id], fields)[0]
    missing = [name for name in fields if not values[name]]
    assert not missing, (
        f'The product category "{category}" is missing {", ".join(missing)} after creation: the company has no '
        "default stock journal or stock accounts. Install a chart of accounts (Accounting settings) first.")


@given(parsers.re(r'the landed cost service "(?P<service>[^"]+)" exists'))
def _(service: str, names: ScenarioNames, seeded: Seeded, factories_bound) -> None:
    """Create a service that can be added to receipts as a landed cost (freight, customs duties, insurance).

    Example: Given the landed cost service "Sea Freight" exists
    """
    seeded[("product.product", service)] = ProductFactory(
        name=names.unique(service), service=True, landed_cost_ok=True, standard_price=0.0)


@given(parsers.re(r'the following goods were received from "(?P<vendor>[^"]+)":'), target_fixture="receipt")
def _(vendor: str, datatable, odoo, names: ScenarioNames, seeded: Seeded, factories_bound) -> Document:
    """Buy goods from a vendor and receive them in full in one receipt, through RPC. Columns: Product, Quantity, Unit price.

    Example: Given the following goods were received from "Hydro Parts":
    """
    rows = table_rows(datatable, ["Product", "Quantity", "Unit price"], required=["Product", "Quantity", "Unit price"])
    lines = [(product_id_for(odoo, names, seeded, row["Product"]), parse_number(row["Quantity"]),
              parse_number(row["Unit price"])) for row in rows]
    _order, receipts = receive_purchase(vendor_id_for(odoo, names, seeded, vendor), lines)
    assert len(receipts) == 1, f"Receiving the goods should make one receipt, but made {len(receipts)}"
    return Document(receipts[0], odoo.env["stock.picking"].read(receipts, ["name"])[0]["name"])


@when(parsers.re(rf'I record a landed cost of {AMOUNT} for "(?P<service>[^"]+)" on the receipt, '
                 rf'split (?P<split>{"|".join(SPLIT_METHODS)})'),
      target_fixture="landed_cost")
def _(amount: str, service: str, split: str, receipt: Document, acting: ActingUsers, odoo,
      names: ScenarioNames) -> Document:
    """Create and save a landed cost in the web client: one cost line on the scenario's receipt.

    Example: When I record a landed cost of 200.00 for "Sea Freight" on the receipt, split by quantity
    """
    form = LandedCostForm.new(acting.page)
    form.add_transfer(receipt.name)
    form.add_cost(names.real(service), parse_number(amount), SPLIT_METHODS[split])
    form.save()
    return saved_document(odoo, "stock.landed.cost", form)


@when("I validate the landed cost")
def _(landed_cost: Document, acting: ActingUsers) -> None:
    """Validate the landed cost on screen (Odoo splits it over the received products and posts it).

    Example: When I validate the landed cost
    """
    LandedCostForm.open(acting.page, landed_cost.id).validate()


@then(parsers.re(rf'the landed cost is posted and adds {AMOUNT} to the stock valuation account'))
def _(amount: str, landed_cost: Document, odoo) -> None:
    """The landed cost is validated and its posted journal entry debits the goods' stock valuation account.

    Example: Then the landed cost is posted and adds 200.00 to the stock valuation account
    """
    expected = parse_number(amount)
    cost = odoo.env["stock.landed.cost"].read([landed_cost.id], ["state", "account_move_id", "amount_total"])[0]
    assert cost["state"] == "done", f"{landed_cost.name} should be posted (state 'done') but is {cost['state']!r}"
    assert cost["account_move_id"], f"{landed_cost.name} is posted but has no journal entry"
    entry = odoo.env["account.move"].read([cost["account_move_id"][0]], ["name", "state"])[0]
    assert entry["state"] == "posted", f"{entry['name']} of {landed_cost.name} should be posted but is {entry['state']!r}"
    valuation_accounts = _valuation_accounts(odoo, landed_cost.id)
    lines = odoo.env["account.move.line"].search_read(
        [("move_id", "=", cost["account_move_id"][0])], ["account_id", "debit", "credit"])
    added = sum(line["debit"] - line["credit"] for line in lines if line["account_id"][0] in valuation_accounts)
    booked = ", ".join(f"{line['account_id'][1]} {line['debit'] - line['credit']:+.2f}" for line in lines)
    assert same_amount(added, expected), (
        f"{entry['name']} of {landed_cost.name} should add {expected:.2f} to the stock valuation account, "
        f"but adds {added:.2f} (entry lines: {booked})")


@then("the landed cost is split over the products as follows:")
def _(datatable, landed_cost: Document, odoo, names: ScenarioNames, seeded: Seeded) -> None:
    """The additional cost Odoo gave each product of the receipt. Columns: Product, Additional cost.

    Example: Then the landed cost is split over the products as follows:
    """
    rows = table_rows(datatable, ["Product", "Additional cost"], required=["Product", "Additional cost"])
    adjustments = odoo.env["stock.valuation.adjustment.lines"].search_read(
        [("cost_id", "=", landed_cost.id)], ["product_id", "additional_landed_cost"])
    by_product: dict[int, float] = {}
    for line in adjustments:
        by_product[line["product_id"][0]] = by_product.get(line["product_id"][0], 0.0) + line["additional_landed_cost"]
    actual = ", ".join(f"{line['product_id'][1]} {line['additional_landed_cost']:.2f}" for line in adjustments) or "none"
    for row in rows:
        expected = parse_number(row["Additional cost"])
        got = by_product.get(product_id_for(odoo, names, seeded, row["Product"]), 0.0)
        assert same_amount(got, expected), (
            f'{landed_cost.name} should add {expected:.2f} to "{row["Product"]}", but adds {got:.2f} '
            f"(split: {actual})")


@then(parsers.re(rf'the unit cost of "(?P<product>[^"]+)" is {AMOUNT}'))
def _(product: str, amount: str, odoo, names: ScenarioNames, seeded: Seeded) -> None:
    """The product's cost (the unit value its next deliveries are valued at), as Odoo computed it.

    Example: Then the unit cost of "Water Pump" is 120.00
    """
    expected = parse_number(amount)
    cost = odoo.env["product.product"].read([product_id_for(odoo, names, seeded, product)], ["standard_price"])[0]
    assert same_amount(cost["standard_price"], expected), (
        f'The unit cost of "{product}" should be {expected:.2f}, but is {cost["standard_price"]:.2f}')


@then(parsers.re(rf'the inventory value of "(?P<product>[^"]+)" is {AMOUNT} for '
                 r'(?P<quantity>\d+(?:\.\d+)?) units'))
def _(product: str, amount: str, quantity: str, odoo, compat: Compat, names: ScenarioNames, seeded: Seeded) -> None:
    """The product's stock quantity and value as the inventory valuation counts them (layers on 18.0, moves on 19.0).

    Example: Then the inventory value of "Water Pump" is 1,200.00 for 10 units
    """
    expected_value, expected_quantity = parse_number(amount), parse_number(quantity)
    counted, value = compat.inventory_value(odoo, product_id_for(odoo, names, seeded, product))
    assert same_amount(counted, expected_quantity, 3) and same_amount(value, expected_value), (
        f'The inventory valuation should hold {expected_quantity:g} units of "{product}" worth '
        f"{expected_value:,.2f}, but holds {counted:g} units worth {value:,.2f}")


def _valuation_accounts(odoo, landed_cost_id: int) -> set[int]:
    """The stock valuation accounts of the categories of the products a landed cost applies to."""
    products = odoo.env["stock.valuation.adjustment.lines"].search_read(
        [("cost_id", "=", landed_cost_id)], ["product_id"])
    templates = odoo.env["product.product"].read(list({p["product_id"][0] for p in products}), ["categ_id"])
    categories = odoo.env["product.category"].read(list({t["categ_id"][0] for t in templates}),
                                                   ["property_stock_valuation_account_id"])
    return {c["property_stock_valuation_account_id"][0] for c in categories if c["property_stock_valuation_account_id"]}
