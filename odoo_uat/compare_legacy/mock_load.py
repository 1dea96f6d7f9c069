"""The mock load of a test run: Odoo seeded over RPC from a legacy extract, as a migration would load it.

Every key and name is made the scenario's own (ScenarioNames.unique: "C001" is "C001 k3x9ab-1" in Odoo), so the
scenario can run again, and in parallel; records it refers to (the customer of an open order, the product of a
stock row) must have been loaded earlier in the scenario from their own extract. Everything is created in a few
calls per extract, and marked as the run's (make clean-server finds it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from odoo_uat.compare_legacy.extract import Extract
from odoo_uat.compare_legacy.reconcile import legacy_number
from odoo_uat.odoo.factories import Factories
from odoo_uat.odoo.seeding import Seeding

PARTNER, PRODUCT, LOCATION = "res.partner", "product.product", "stock.location"
OPENING = "Opening balance"  # the label of an open receivable's or payable's invoice line


class MockLoadError(ValueError):
    """The extract cannot be loaded; the message names the row and the fix."""


@dataclass
class Loader:
    """What a mock load writes with: the factories and seeding flows, the scenario's names, its remembered records."""

    factories: Factories
    seed: Seeding
    unique: Callable[[str], str]  # a legacy key or name -> the one created in Odoo
    real: Callable[[str], str]  # a legacy key or name loaded earlier -> its name in Odoo
    remember: Callable[[str, str, int], Any]  # (model, legacy key, id)

    @property
    def odoo(self) -> Any:
        return self.seed.odoo

    def one(self, model: str, field: str, legacy: str, what: str) -> int:
        """The id of the record loaded earlier under this legacy key (or existing under it)."""
        ids = self.odoo.env[model].search([(field, "=", self.real(legacy))], limit=2)
        if len(ids) != 1:
            raise MockLoadError(
                f"No single {what} {legacy!r} in Odoo ({len(ids)} found): load the extract of {what}s first, in the "
                "same scenario (Given the legacy extract ... is loaded into Odoo)."
            )
        return ids[0]

    def by_name(self, model: str, name: str, what: str) -> int:
        ids = self.odoo.env[model].search([("name", "=", name)], limit=2)
        if len(ids) != 1:
            raise MockLoadError(f"No single {what} named {name!r} in Odoo ({len(ids)} found).")
        return ids[0]


def _partners(vendor: bool) -> Callable[[Loader, Extract], None]:
    def load(loader: Loader, extract: Extract) -> None:
        terms = "property_supplier_payment_term_id" if vendor else "property_payment_term_id"
        values = []
        for (code,), row in extract.rows.items():
            value: dict[str, Any] = {"ref": loader.unique(code), "name": loader.unique(row["Name"])}
            value.update(
                {
                    field: row[column]
                    for column, field in (("Email", "email"), ("Phone", "phone"), ("City", "city"))
                    if row.get(column)
                }
            )
            if row.get("Country"):
                value["country_id"] = loader.odoo.env["res.country"].search(
                    [("code", "=", row["Country"].upper())], limit=1
                )[0]
            if row.get("Payment terms"):
                value[terms] = loader.by_name("account.payment.term", row["Payment terms"], "payment terms")
            values.append(value)
        factory = loader.factories.Vendor if vendor else loader.factories.Customer
        for (code,), record_id in zip(extract.rows, factory.create_rows(values)):
            loader.remember(PARTNER, code, record_id)

    return load


def load_products(loader: Loader, extract: Extract) -> None:
    values = []
    for (item,), row in extract.rows.items():
        value: dict[str, Any] = {"default_code": loader.unique(item), "name": loader.unique(row.get("Name") or item)}
        if row.get("Sales price"):
            value["list_price"] = legacy_number(row["Sales price"])
        if row.get("Cost"):
            value["standard_price"] = legacy_number(row["Cost"])
        if row.get("Barcode"):
            value["barcode"] = loader.unique(row["Barcode"])
        if row.get("Unit"):
            value["uom_id"] = loader.by_name("uom.uom", row["Unit"], "unit of measure")
        if row.get("Category"):
            value["categ_id"] = loader.by_name("product.category", row["Category"], "product category")
        values.append(value)
    for (item,), record_id in zip(extract.rows, loader.factories.Product.create_rows(values)):
        loader.remember(PRODUCT, item, record_id)


def load_locations(loader: Loader, extract: Extract) -> None:
    loader.seed.ensure_storage_locations()
    for (path,), row in extract.rows.items():
        parent, _, name = path.rpartition("/")
        if not parent:
            raise MockLoadError(
                f'Location {path!r}: the mock load creates locations below an existing one ("WH/Stock/Shelf 1").'
            )
        parent_id = loader.one(LOCATION, "complete_name", parent, "location")
        values = {"name": loader.unique(name), "location_id": parent_id, "usage": row.get("Type") or "internal"}
        location = loader.factories.Location(**values)
        loader.remember(LOCATION, path, location)


def load_stock(loader: Loader, extract: Extract) -> None:
    loader.seed.put_on_hand(
        [
            (
                loader.one(PRODUCT, "default_code", item, "product"),
                loader.one(LOCATION, "complete_name", location, "location"),
                legacy_number(row["Quantity"]),
            )
            for (item, location), row in extract.rows.items()
        ]
    )


def _orders(model: str, partner_column: str, ordered: str, confirm: str) -> Callable[[Loader, Extract], None]:
    def load(loader: Loader, extract: Extract) -> None:
        by_order: dict[str, list[tuple[str, dict[str, str]]]] = defaultdict(list)
        for (order, item), row in extract.rows.items():
            by_order[order].append((item, row))
        values = []
        for order, lines in by_order.items():
            partners = {row.get(partner_column) for _, row in lines}
            if len(partners) != 1 or not next(iter(partners)):
                raise MockLoadError(f"Order {order!r}: every line needs the same {partner_column} (a legacy code).")
            line_values = []
            for item, row in lines:
                line = {
                    "product_id": loader.one(PRODUCT, "default_code", item, "product"),
                    ordered: legacy_number(row["Quantity"]),
                }
                if row.get("Unit price"):
                    line["price_unit"] = legacy_number(row["Unit price"])
                line_values.append((0, 0, line))
            partner = loader.one(PARTNER, "ref", next(iter(partners)), partner_column.lower())
            values.append({"partner_id": partner, "origin": loader.unique(order), "order_line": line_values})
        ids = loader.seed.records(model, values)
        getattr(loader.odoo.env[model].browse(ids), confirm)()
        for order, record_id in zip(by_order, ids):
            loader.remember(model, order, record_id)

    return load


def _open_amounts(move_type: str, partner: str) -> Callable[[Loader, Extract], None]:
    def load(loader: Loader, extract: Extract) -> None:
        values = [
            {
                "move_type": move_type,
                "partner_id": loader.one(PARTNER, "ref", code, partner),
                "invoice_date": date.today().isoformat(),  # a vendor bill is posted only with its date
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": OPENING,
                            "quantity": 1,
                            "price_unit": legacy_number(row["Amount"]),
                            "tax_ids": [(6, 0, [])],
                        },
                    )
                ],
            }
            for (code,), row in extract.rows.items()
        ]
        ids = loader.seed.records("account.move", values)
        # An opening balance is what the legacy system says is owed: no credit risk check holds it (OCA
        # account_financial_risk would answer with its risk wizard instead of posting).
        loader.odoo.env["account.move"].with_context(bypass_risk=True).action_post(ids)

    return load


def not_loadable(what: str) -> Callable[[Loader, Extract], None]:
    def load(loader: Loader, extract: Extract) -> None:
        raise MockLoadError(
            f"The mock load does not create {what}: they are configuration, not migrated data. Reconcile them "
            "without loading (Then Odoo holds the ...)."
        )

    return load


LOADERS: dict[str, Callable[[Loader, Extract], None]] = {
    "customers": _partners(vendor=False),
    "vendors": _partners(vendor=True),
    "products": load_products,
    "prices": load_products,
    "product costs": load_products,
    "units of measure": not_loadable("units of measure"),
    "locations": load_locations,
    "stock on hand": load_stock,
    "open sales order lines": _orders("sale.order", "Customer", "product_uom_qty", "action_confirm"),
    "open purchase order lines": _orders("purchase.order", "Vendor", "product_qty", "button_confirm"),
    "open receivables": _open_amounts("out_invoice", "customer"),
    "open payables": _open_amounts("in_invoice", "vendor"),
}


def mock_load(loader: Loader, extract: Extract) -> None:
    """Seed Odoo with the extract's records, as the migration would load them."""
    LOADERS[extract.domain.name](loader, extract)
