"""Seeding flows: the business state a scenario starts from, made over RPC on the factories.

Each flow takes ids (the record service turns a scenario's names into them) and returns what a
later step needs. What a flow creates is marked as the run's, as everything a factory creates.
A flow changes the records it is given (their stock, their balance, their settings): a step finds
them with `for_writing=True`, the scenario's own or an exact name, never a partial match.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext
from typing import Any

from odoo_uat.odoo.company_settings import CompanySettings
from odoo_uat.odoo.factories import Factories
from odoo_uat.odoo.records import Document, Order, document
from odoo_uat.odoo.warehouses import Warehouses

STORAGE_LOCATIONS = "group_stock_multi_locations"  # "Storage Locations" on the Settings screen (stock)
INVENTORY_MODE = {"inventory_mode": True}
EARLIER_GOODS = "Goods delivered earlier"
# OCA account_financial_risk / sale_financial_risk: what a partner's risk adds up.
RISK_INCLUDES = ("risk_invoice_open_include", "risk_invoice_unpaid_include", "risk_sale_order_include")
STOCK_JOURNAL = "property_stock_journal"


class SeedingError(RuntimeError):
    """Odoo did not reach the state a seeding flow makes (it asked a question, or lacks a setting)."""


class Seeding:
    """The seeding flows, on factories bound to one connection."""

    def __init__(self, factories: Factories, settings: CompanySettings | None = None) -> None:
        self.factories = factories
        self.connection = factories.connection
        self.odoo = factories.connection.odoo
        # The company settings, saved under the run's settings lock; alone (make bench), without one.
        self.settings = settings or CompanySettings(self.odoo, nullcontext())
        self.warehouses = Warehouses(factories, self.settings)  # a scenario's own warehouses and locations

    def records(self, model: str, values: list[dict[str, Any]]) -> list[int]:
        """Records of any model, in one RPC call (for models no factory covers)."""
        return self.connection.create(model, values)

    def update(self, model: str, record_id: int, values: dict[str, Any]) -> None:
        """Set fields of an existing record (a customer's limits, a setting on the company)."""
        self.odoo.env[model].write([record_id], values)

    def put_on_hand(self, stock: Iterable[tuple[int, int, float]]) -> None:
        """Set (product id, location id, quantity) on hand, in two RPC calls for the whole list."""
        values = [
            {"product_id": product, "location_id": location, "inventory_quantity": quantity}
            for product, location, quantity in stock
        ]
        if values:
            quants = self.odoo.env["stock.quant"].with_context(**INVENTORY_MODE).create(values)
            self.odoo.env["stock.quant"].browse(
                quants if isinstance(quants, list) else [quants]
            ).action_apply_inventory()

    def put_lot_on_hand(
        self, product: int, lot: str, location: int, quantity: float, lot_values: dict[str, Any] | None = None
    ) -> int:
        """Create a lot (serial number) of the product, with `lot_values` (its expiration date), and set its quantity
        on hand in a location; the lot's id."""
        lot_id = self.connection.create("stock.lot", [{"name": lot, "product_id": product, **(lot_values or {})}])[0]
        quant = (
            self.odoo.env["stock.quant"]
            .with_context(**INVENTORY_MODE)
            .create({"product_id": product, "location_id": location, "lot_id": lot_id, "inventory_quantity": quantity})
        )
        self.odoo.env["stock.quant"].browse(quant if isinstance(quant, list) else [quant]).action_apply_inventory()
        return lot_id

    def ensure_storage_locations(self) -> None:
        """Turn on the company setting Storage Locations (and the internal transfer types it brings), as its Save does.

        Through the company settings (odoo_uat/odoo/company_settings.py): only turned on, nothing written when it is
        on, and saved under the lock every worker takes, so that no save undoes another scenario's setting.
        """
        self.settings.turn_on([STORAGE_LOCATIONS])

    def quarantine_location(self, parent_id: int, name: str) -> int:
        """An internal location for goods awaiting inspection (Storage Locations turned on for it)."""
        self.ensure_storage_locations()
        return self.factories.Location(name=name, location_id=parent_id)

    def sold_shipped_invoiced(self, customer_id: int, product_id: int, quantity: float) -> Order:
        """A sales order confirmed, shipped in full and its invoice posted."""
        env = self.odoo.env
        order_id = self.factories.SaleOrder(
            partner_id=customer_id, order_line=[(0, 0, {"product_id": product_id, "product_uom_qty": quantity})]
        )
        env["sale.order"].action_confirm([order_id])
        for picking in env["stock.picking"].search(
            [("sale_id", "=", order_id), ("picking_type_code", "=", "outgoing")]
        ):
            self.validate(picking, f"Shipping sales order {order_id}", "is there enough stock of the product?")
        invoicing = env["sale.advance.payment.inv"].with_context(
            active_model="sale.order", active_ids=[order_id], active_id=order_id
        )
        invoicing.create_invoices([invoicing.create({})])
        order = env["sale.order"].read([order_id], ["invoice_ids", "name"])[0]
        env["account.move"].action_post(order["invoice_ids"])
        return Order(order_id, order["name"])

    def unpaid_invoice(self, customer_id: int, amount: float) -> Document:
        """A posted customer invoice of exactly this amount (one line, no tax), left unpaid."""
        invoice_id = self.factories.CustomerInvoice(
            partner_id=customer_id,
            invoice_line_ids=[
                (0, 0, {"name": EARLIER_GOODS, "quantity": 1, "price_unit": amount, "tax_ids": [(6, 0, [])]})
            ],
        )
        self.odoo.env["account.move"].action_post([invoice_id])
        return document(self.odoo, "account.move", invoice_id)

    def received_goods(
        self, vendor_id: int, lines: Iterable[tuple[int, float, float]], picking_type_id: int | None = None
    ) -> tuple[int, list[int]]:
        """Buy (product id, quantity, unit price) lines from a vendor and receive them in full.

        Returns the purchase order id and its validated receipts' ids.
        """
        env = self.odoo.env
        values: dict[str, Any] = {
            "partner_id": vendor_id,
            "order_line": [
                (0, 0, {"product_id": product, "product_qty": quantity, "price_unit": price})
                for product, quantity, price in lines
            ],
        }
        if picking_type_id:
            values["picking_type_id"] = picking_type_id
        order_id = self.factories.PurchaseOrder(**values)
        env["purchase.order"].button_confirm([order_id])
        receipts = env["stock.picking"].search([("purchase_id", "=", order_id), ("picking_type_code", "=", "incoming")])
        for receipt in receipts:
            self.validate(receipt, f"Validating receipt {receipt}", "the goods should be received in full")
        return order_id, receipts

    def validate(self, picking_id: int, doing: str, hint: str) -> None:
        """Validate a transfer in full; a wizard instead of a done transfer is an error saying what asked."""
        answer = self.odoo.env["stock.picking"].button_validate([picking_id])
        if isinstance(answer, dict):
            raise SeedingError(f"{doing} asked a question ({answer.get('res_model')}): {hint}")

    def automated_category(self, name: str, costing_method: str) -> int:
        """A product category valued automatically (real time) at this costing method, its accounts checked."""
        category_id = self.factories.ProductCategory(name=name, automated=True, property_cost_method=costing_method)
        fields = [
            "property_valuation",
            "property_cost_method",
            STOCK_JOURNAL,
            *self.connection.compat.category_stock_account_fields,
        ]
        values = self.odoo.env["product.category"].read([category_id], fields)[0]
        missing = [field for field in fields if not values[field]]
        if missing:
            raise SeedingError(
                f'The product category "{name}" is missing {", ".join(missing)} after creation: the company has no '
                "default stock journal or stock accounts. Install a chart of accounts (Accounting settings) first."
            )
        return category_id

    def enable_credit_limits(self) -> None:
        """Turn on Accounting > Settings > Sales Credit Limit for the company (once)."""
        env = self.odoo.env
        company = env["res.users"].read([env.uid], ["company_id"])[0]["company_id"][0]
        if not env["res.company"].read([company], ["account_use_credit_limit"])[0]["account_use_credit_limit"]:
            env["res.company"].write([company], {"account_use_credit_limit": True})

    def count_risk_of_open_documents(self, partner_id: int) -> None:
        """Make the partner's risk (OCA financial risk) add up open and overdue invoices and confirmed orders."""
        self.update("res.partner", partner_id, {field: True for field in RISK_INCLUDES})


def shipped_delivery(odoo, order: Order) -> int:
    """The sales order's one shipped delivery."""
    deliveries = odoo.env["stock.picking"].search_read(
        [("sale_id", "=", order.id), ("picking_type_code", "=", "outgoing"), ("state", "=", "done")], ["name"]
    )
    if len(deliveries) != 1:
        raise AssertionError(
            f"{order.name} should have one shipped delivery to return goods from, but has {len(deliveries)}: "
            + ", ".join(d["name"] for d in deliveries)
        )
    return deliveries[0]["id"]
