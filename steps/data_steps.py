"""Data: customers, vendors, products and stock, seeded through RPC."""

from __future__ import annotations

import re

from pytest_bdd import given

from odoo_uat.authoring.i18n import REGISTERED
from odoo_uat.authoring.params import phrase
from odoo_uat.authoring.tables import TableError, table_rows
from odoo_uat.odoo.company_settings import CompanySettings, is_on
from odoo_uat.odoo.factories import Factories
from odoo_uat.odoo.model_names import FIELD_ATTRIBUTES
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Records
from odoo_uat.odoo.seeding import Seeding
from odoo_uat.values import parse_number
from steps.records_steps import field_value

PARTNER = "res.partner"
PRODUCT = "product.product"
# A table's product Type -> the ProductFactory trait it stands for (a language file's [values.Type] translates them).
PRODUCT_TYPES = {"goods": {}, "storable": {}, "service": {"service": True}, "consumable": {"consumable": True}}
TYPE_COLUMN = "Type"
# Table columns set as the product form sets them: a choice by its label (in the file's language or English),
# routes by their names, comma-separated (records_steps.field_value, as any "records exist" table does).
PRODUCT_FIELDS = {"Tracking": "tracking", "Invoicing Policy": "invoice_policy", "Routes": "route_ids"}
CUSTOMER_FIELDS = {"Pricelist": "property_product_pricelist"}
BARCODE_COLUMN = "Barcode"
NOT_TRACKED = "none"
# Tracking by lots or serial numbers shows on screens only once this company setting is on (stock's res.config.settings).
LOTS_SETTING = "group_stock_production_lot"
LOTS_SETTING_LABEL = "Lots & Serial Numbers"
# product_expiry: the product form's "Expiration Date" (ticked, shown for tracked products) and its "<days> days after
# receipt" (expiration_time); the column gives the days, and ticks the box with them.
EXPIRY_COLUMN = "Expiration Date"
EXPIRY_FIELDS = ("use_expiration_date", "expiration_time")
LEADING_DAYS = re.compile(r"^\s*(\d+)\b")


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


def labelled_values(
    row: dict[str, str], columns: dict[str, str], model: str, records: Records, language: str | None
) -> dict[str, object]:
    """The values of a row's columns that name fields of `model` (column -> field), each as its field takes it."""
    wanted = [column for column in columns if column in row]
    if not wanted:
        return {}
    fields = records.fields(model, FIELD_ATTRIBUTES, language)
    english = records.fields(model, FIELD_ATTRIBUTES) if language else fields
    values = {}
    for column in wanted:
        name = columns[column]
        if name not in fields:
            raise TableError(f'The column "{column}" needs the field {name} of {model}: is its Odoo module installed?')
        try:
            values[name] = field_value(fields[name], row[column], records, english.get(name))
        except TableError as error:
            raise TableError(f'Column "{column}", row "{row.get("Name", "")}": {error}') from None
    return values


def require_lots_setting(values: list[dict], company_settings: CompanySettings) -> None:
    """Products tracked by lots or serial numbers need the company setting on: else an error with the step to add."""
    if all(value.get("tracking", NOT_TRACKED) == NOT_TRACKED for value in values):
        return
    if not is_on(company_settings.values([LOTS_SETTING]).get(LOTS_SETTING)):
        raise TableError(
            f'Products tracked by lots or serial numbers need the setting "{LOTS_SETTING_LABEL}": write '
            f'`Given the setting "{LOTS_SETTING_LABEL}" is on` before the products table.'
        )


def expiry_values(row: dict[str, str], records: Records) -> dict[str, object]:
    """The product's expiration dates from the column Expiration Date: its days after receipt, e.g. "30" or
    "30 days after receipt" (product_expiry installed, the product tracked by lots or serial numbers)."""
    if EXPIRY_COLUMN not in row:
        return {}
    name, text = row.get("Name", ""), row[EXPIRY_COLUMN]
    if not all(field in records.fields(PRODUCT, FIELD_ATTRIBUTES) for field in EXPIRY_FIELDS):
        raise TableError(
            f'The column "{EXPIRY_COLUMN}" needs the Odoo module product_expiry: add it to `modules` in '
            "[tool.odoo-uat] of pyproject.toml and tag the scenario @requires_module:product_expiry."
        )
    days = LEADING_DAYS.match(text)
    if days is None:
        raise TableError(
            f'Column "{EXPIRY_COLUMN}", row "{name}": "{text}" is not a number of days. Write the days after receipt '
            'a lot expires, as the product form shows them: "30" or "30 days after receipt".'
        )
    return dict(zip(EXPIRY_FIELDS, (True, int(days.group(1))), strict=True))


def require_tracking_for_expiry(values: list[dict], rows: list[dict[str, str]]) -> None:
    """Expiration dates are a tracked product's (the product form shows them only then): else an error."""
    for value, row in zip(values, rows, strict=True):
        if value.get(EXPIRY_FIELDS[0]) and value.get("tracking", NOT_TRACKED) == NOT_TRACKED:
            raise TableError(
                f'Row "{row.get("Name", "")}": a product with an "{EXPIRY_COLUMN}" is tracked by lots or serial '
                'numbers: give it a Tracking ("By Lots" or "By Unique Serial Number").'
            )


@given("the following customers exist:")
def _(
    datatable,
    factories: Factories,
    records: Records,
    names: ScenarioNames,
    phrase_language: str | None = None,
) -> None:
    """Create customers in one call. Columns: Name, Email, Credit limit, Payment terms, Pricelist.

    Pricelist: a price list by its name (one the scenario created, or its name as Odoo shows it).
    Example: Given the following customers exist:
    """
    rows = table_rows(
        datatable, ["Name", "Email", "Credit limit", "Payment terms", *CUSTOMER_FIELDS], required=["Name"]
    )
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
        value.update(labelled_values(row, CUSTOMER_FIELDS, PARTNER, records, phrase_language))
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
def _(
    datatable,
    factories: Factories,
    records: Records,
    names: ScenarioNames,
    company_settings: CompanySettings,
    phrase_language: str | None = None,
) -> None:
    """Create products in one call.

    Columns: Name, Type, Sales price, Cost, Category, Vendor, Internal reference, Tracking, Invoicing Policy, Routes, Barcode, Expiration Date.

    Type is Goods, Service or Consumable. Tracking and Invoicing Policy are written as the product form shows their choices (By Lots, By Unique Serial
    Number, By Quantity; Ordered quantities, Delivered quantities), Routes as route names, comma-separated. A
    Barcode is made unique to the scenario, as a Name is. Tracking by lots or serial numbers needs the setting
    "Lots & Serial Numbers" on first. Expiration Date (module product_expiry, a tracked product) is the days after
    receipt a lot expires ("30", or "30 days after receipt" as the product form shows it).
    Example: Given the following products exist:
    """
    rows = table_rows(
        datatable,
        ["Name", "Type", "Sales price", "Cost", "Category", "Vendor", "Internal reference", *PRODUCT_FIELDS]
        + [BARCODE_COLUMN, EXPIRY_COLUMN],
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
        if BARCODE_COLUMN in row:  # Odoo refuses a barcode twice: a scenario run again needs its own
            value["barcode"] = names.unique(row[BARCODE_COLUMN])
        value.update(labelled_values(row, PRODUCT_FIELDS, PRODUCT, records, phrase_language))
        value.update(expiry_values(row, records))
        values.append(value)
    require_tracking_for_expiry(values, rows)
    require_lots_setting(values, company_settings)
    records.remember_all(PRODUCT, [row["Name"] for row in rows], factories.Product.create_rows(values))


@given(phrase('"{product:Name}" has {quantity:Quantity} units on hand in "{location:Location}"'))
def _(product: str, quantity: float, location: str, seed: Seeding, records: Records) -> None:
    """Set the quantity on hand of a product in a location (by its full name, e.g. WH/Stock).

    Example: Given "Oak Pallet" has 10 units on hand in "WH/Stock"
    """
    seed.put_on_hand(
        [(records.product(product, for_writing=True), records.location(location, for_writing=True), quantity)]
    )
