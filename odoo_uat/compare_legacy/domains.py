"""The data domains of a migration: what a legacy extract of each holds, and how its rows are keyed.

An extract is a CSV file with a header row. Its key columns name a record (a customer by its legacy code, stock by
item and location); the other columns it has, among those of its domain, are compared with Odoo. Numbers compare
within the tolerance a scenario gives; texts after trimming spaces.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataDomain:
    """One data domain: its key columns, the columns an extract may hold (numbers among them), those it must hold."""

    name: str  # as a phrase names it: "open receivables"
    keys: tuple[str, ...]
    columns: tuple[str, ...]
    numbers: frozenset[str] = frozenset()
    required: tuple[str, ...] = ()
    # How Odoo keeps the legacy key, for the reader of the report and docs/upgrade-rehearsal.md.
    where: str = ""

    @property
    def known(self) -> tuple[str, ...]:
        return (*self.keys, *self.columns)


CUSTOMERS = DataDomain(
    "customers",
    ("Code",),
    ("Name", "Email", "Phone", "City", "Country", "Payment terms"),
    required=("Name",),
    where="a contact's Reference (ref) holds the legacy code; extra: contacts with a reference and a customer rank",
)
VENDORS = DataDomain(
    "vendors",
    ("Code",),
    ("Name", "Email", "Phone", "City", "Country", "Payment terms"),
    required=("Name",),
    where="a contact's Reference (ref) holds the legacy code; extra: contacts with a reference and a vendor rank",
)
PRODUCTS = DataDomain(
    "products",
    ("Item",),
    ("Name", "Sales price", "Cost", "Unit", "Barcode", "Category"),
    numbers=frozenset({"Sales price", "Cost"}),
    required=("Name",),
    where="a product's Internal Reference (default_code) holds the legacy item number",
)
UNITS = DataDomain(
    "units of measure",
    ("Unit",),
    ("Rounding",),
    numbers=frozenset({"Rounding"}),
    where="a unit of measure by its name; Odoo's own units are never extra",
)
PRICES = DataDomain(
    "prices",
    ("Item",),
    ("Sales price",),
    numbers=frozenset({"Sales price"}),
    required=("Sales price",),
    where="a product's sales price, by its Internal Reference",
)
LOCATIONS = DataDomain(
    "locations",
    ("Location",),
    ("Type",),
    where='a location by its full name ("WH/Stock/Shelf 1"); Type is internal, view, customer, supplier...; '
    "extra: internal locations",
)
STOCK = DataDomain(
    "stock on hand",
    ("Item", "Location"),
    ("Quantity",),
    numbers=frozenset({"Quantity"}),
    required=("Quantity",),
    where="the quantity on hand of a product (Internal Reference) in a location (full name), that location only",
)
OPEN_SALES = DataDomain(
    "open sales order lines",
    ("Order", "Item"),
    ("Customer", "Quantity", "Unit price"),
    numbers=frozenset({"Quantity", "Unit price"}),
    required=("Quantity",),
    where="a confirmed sales order's Source Document (origin) holds the legacy order number; Quantity is what is "
    "left to deliver; Customer is the customer's legacy code",
)
OPEN_PURCHASES = DataDomain(
    "open purchase order lines",
    ("Order", "Item"),
    ("Vendor", "Quantity", "Unit price"),
    numbers=frozenset({"Quantity", "Unit price"}),
    required=("Quantity",),
    where="a confirmed purchase order's Source Document (origin) holds the legacy order number; Quantity is what "
    "is left to receive; Vendor is the vendor's legacy code",
)
RECEIVABLES = DataDomain(
    "open receivables",
    ("Customer",),
    ("Amount",),
    numbers=frozenset({"Amount"}),
    required=("Amount",),
    where="what a customer (legacy code) owes: the open amount of its posted receivable journal items",
)
PAYABLES = DataDomain(
    "open payables",
    ("Vendor",),
    ("Amount",),
    numbers=frozenset({"Amount"}),
    required=("Amount",),
    where="what we owe a vendor (legacy code): the open amount of its posted payable journal items",
)
COSTS = DataDomain(
    "product costs",
    ("Item",),
    ("Cost",),
    numbers=frozenset({"Cost"}),
    required=("Cost",),
    where="a product's cost (standard_price), by its Internal Reference",
)

DOMAINS: dict[str, DataDomain] = {
    domain.name: domain
    for domain in (
        CUSTOMERS,
        VENDORS,
        PRODUCTS,
        UNITS,
        PRICES,
        LOCATIONS,
        STOCK,
        OPEN_SALES,
        OPEN_PURCHASES,
        RECEIVABLES,
        PAYABLES,
        COSTS,
    )
}
