"""Data: customers, vendors, products and stock, seeded through RPC."""
from __future__ import annotations

from pytest_bdd import given, parsers

from odoo_uat.authoring.tables import table_rows
from odoo_uat.authoring.values import parse_number
from odoo_uat.odoo.factories import (
    CustomerFactory,
    ProductFactory,
    VendorFactory,
    create_many,
    put_on_hand,
)
from odoo_uat.odoo.lookup import find_one
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import product_id_for

PRODUCT_TYPES = {"goods": {}, "storable": {}, "service": {"service": True}, "consumable": {"is_storable": False}}


@given("the following customers exist:")
def _(datatable, odoo, names: ScenarioNames, seeded: dict[tuple[str, str], int]) -> None:
    """Create customers in one call. Columns: Name, Email, Credit limit, Payment terms.

    Example: Given the following customers exist:
    """
    rows = table_rows(datatable, ["Name", "Email", "Credit limit", "Payment terms"], required=["Name"])
    values = []
    for row in rows:
        value = {"name": names.unique(row["Name"])}
        if "Email" in row:
            value["email"] = row["Email"]
        if "Credit limit" in row:
            value["credit_limit"] = parse_number(row["Credit limit"])
            value["use_partner_credit_limit"] = True
        if "Payment terms" in row:
            value["property_payment_term_id"] = find_one(
                odoo, "account.payment.term", row["Payment terms"], what="payment terms")
        values.append(value)
    _remember(seeded, "res.partner", rows, create_many(CustomerFactory, values))


@given("the following vendors exist:")
def _(datatable, names: ScenarioNames, seeded: dict[tuple[str, str], int]) -> None:
    """Create vendors in one call. Columns: Name, Email.

    Example: Given the following vendors exist:
    """
    rows = table_rows(datatable, ["Name", "Email"], required=["Name"])
    values = [{"name": names.unique(row["Name"]), **({"email": row["Email"]} if "Email" in row else {})}
              for row in rows]
    _remember(seeded, "res.partner", rows, create_many(VendorFactory, values))


@given("the following products exist:")
def _(datatable, odoo, names: ScenarioNames, seeded: dict[tuple[str, str], int]) -> None:
    """Create products in one call. Columns: Name, Type (Goods/Service), Sales price, Cost, Category, Vendor, Internal reference.

    Example: Given the following products exist:
    """
    rows = table_rows(datatable, ["Name", "Type", "Sales price", "Cost", "Category", "Vendor", "Internal reference"],
                      required=["Name"])
    values = []
    for row in rows:
        kind = row.get("Type", "Goods").casefold()
        if kind not in PRODUCT_TYPES:
            raise ValueError(f"Product type {row['Type']!r} is unknown: use Goods or Service.")
        value = {"name": names.unique(row["Name"]), **PRODUCT_TYPES[kind]}
        if "Sales price" in row:
            value["list_price"] = parse_number(row["Sales price"])
        if "Cost" in row:
            value["standard_price"] = parse_number(row["Cost"])
        if "Internal reference" in row:
            value["default_code"] = row["Internal reference"]
        if "Category" in row:
            value["categ_id"] = _category(odoo, names.real(row["Category"]))
        if "Vendor" in row:
            vendor = seeded.get(("res.partner", row["Vendor"])) or find_one(odoo, "res.partner", names.real(row["Vendor"]),
                                                          what="vendor")
            value["seller_ids"] = [(0, 0, {"partner_id": vendor, "price": value.get("standard_price", 0.0)})]
        values.append(value)
    _remember(seeded, "product.product", rows, create_many(ProductFactory, values))


@given(parsers.parse('"{product}" has {quantity:g} units on hand in "{location}"'))
def _(product: str, quantity: float, location: str, odoo, names: ScenarioNames, seeded: dict[tuple[str, str], int]) -> None:
    """Set the quantity on hand of a product in a location (by its full name, e.g. WH/Stock).

    Example: Given "Oak Pallet" has 10 units on hand in "WH/Stock"
    """
    product_id = product_id_for(odoo, names, seeded, product)
    location_id = find_one(odoo, "stock.location", location, field="complete_name", what="location")
    put_on_hand([(product_id, location_id, quantity)])


def _remember(seeded: dict[tuple[str, str], int], model: str, rows: list[dict[str, str]], ids: list[int]) -> None:
    seeded.update({(model, row["Name"]): record_id for row, record_id in zip(rows, ids)})


def _category(odoo, name: str) -> int:
    """A product category by its full name ('All / Saleable') or its own name."""
    try:
        return find_one(odoo, "product.category", name, field="complete_name", what="product category")
    except LookupError:
        return find_one(odoo, "product.category", name, what="product category")
