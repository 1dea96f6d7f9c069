"""Data: customers, vendors, products and stock, seeded through RPC."""

from __future__ import annotations

from pytest_bdd import given

from odoo_uat.authoring.i18n import REGISTERED
from odoo_uat.authoring.params import phrase
from odoo_uat.authoring.tables import table_rows
from odoo_uat.odoo.factories import Factories
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Records
from odoo_uat.odoo.seeding import Seeding
from odoo_uat.values import parse_number

PARTNER = "res.partner"
PRODUCT = "product.product"
# A table's product Type -> the ProductFactory trait it stands for (a language file's [values.Type] translates them).
PRODUCT_TYPES = {"goods": {}, "storable": {}, "service": {"service": True}, "consumable": {"consumable": True}}
TYPE_COLUMN = "Type"


def product_traits(written: str) -> dict[str, bool]:
    """The factory traits of a product Type as a table writes it: Goods, Service, Consumable, or their translation."""
    kind = REGISTERED.value(TYPE_COLUMN, written).casefold()
    if kind not in PRODUCT_TYPES:
        translated = ", ".join(REGISTERED.values_of(TYPE_COLUMN))
        raise ValueError(
            f"Product type {written!r} is unknown: use Goods, Service or Consumable"
            + (f" (or {translated})" if translated else "")
            + "."
        )
    return PRODUCT_TYPES[kind]


@given("the following customers exist:")
def _(datatable, factories: Factories, records: Records, names: ScenarioNames) -> None:
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
            value["property_payment_term_id"] = records.id(
                "account.payment.term", row["Payment terms"], "payment terms", for_writing=True
            )
        values.append(value)
    records.remember_all(PARTNER, [row["Name"] for row in rows], factories.Customer.create_rows(values))


@given("the following vendors exist:")
def _(datatable, factories: Factories, records: Records, names: ScenarioNames) -> None:
    """Create vendors in one call. Columns: Name, Email.

    Example: Given the following vendors exist:
    """
    rows = table_rows(datatable, ["Name", "Email"], required=["Name"])
    values = [
        {"name": names.unique(row["Name"]), **({"email": row["Email"]} if "Email" in row else {})} for row in rows
    ]
    records.remember_all(PARTNER, [row["Name"] for row in rows], factories.Vendor.create_rows(values))


@given("the following products exist:")
def _(datatable, factories: Factories, records: Records, names: ScenarioNames) -> None:
    """Create products in one call. Columns: Name, Type (Goods/Service/Consumable), Sales price, Cost, Category, Vendor, Internal reference.

    Example: Given the following products exist:
    """
    rows = table_rows(
        datatable,
        ["Name", "Type", "Sales price", "Cost", "Category", "Vendor", "Internal reference"],
        required=["Name"],
    )
    values = []
    for row in rows:
        value = {"name": names.unique(row["Name"]), **product_traits(row.get(TYPE_COLUMN, "Goods"))}
        if "Sales price" in row:
            value["list_price"] = parse_number(row["Sales price"])
        if "Cost" in row:
            value["standard_price"] = parse_number(row["Cost"])
        if "Internal reference" in row:
            value["default_code"] = row["Internal reference"]
        if "Category" in row:
            value["categ_id"] = records.category(row["Category"], for_writing=True)
        if "Vendor" in row:
            value["vendor_id"] = records.partner(row["Vendor"], "vendor", for_writing=True)
        values.append(value)
    records.remember_all(PRODUCT, [row["Name"] for row in rows], factories.Product.create_rows(values))


@given(phrase('"{product:Name}" has {quantity:Quantity} units on hand in "{location:Location}"'))
def _(product: str, quantity: float, location: str, seed: Seeding, records: Records) -> None:
    """Set the quantity on hand of a product in a location (by its full name, e.g. WH/Stock).

    Example: Given "Oak Pallet" has 10 units on hand in "WH/Stock"
    """
    seed.put_on_hand(
        [(records.product(product, for_writing=True), records.location(location, for_writing=True), quantity)]
    )
