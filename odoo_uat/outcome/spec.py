"""What an outcome record reads: per kind of business document, its model, its fields and its lines.

Keys are the field names of the newest Odoo version; where 18.0 names a field otherwise the field comes from
`Compat` (odoo_uat/odoo/compat.py), so a record of 18.0 and one of 19.0 have the same keys. A field a server
does not have is left out of its records (and shows as "only in one" in a compare).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from odoo_uat.odoo.compat import Compat

Domain = list
Row = Mapping[str, Any]

SALE, PURCHASE, PICKING, INVOICE = "sale.order", "purchase.order", "stock.picking", "account.move"
LANDED_COST, MOVE, PRODUCT, PARTNER = "stock.landed.cost", "stock.move", "product.product", "res.partner"

PICKING_LABELS = {
    "incoming": "Receipt",
    "outgoing": "Delivery",
    "internal": "Internal transfer",
    "dropship": "Dropship",
}
ENTRY = "Journal entry"
MOVE_LABELS = {
    "out_invoice": "Customer invoice",
    "out_refund": "Credit note",
    "in_invoice": "Vendor bill",
    "in_refund": "Vendor refund",
    "out_receipt": "Sales receipt",
    "in_receipt": "Purchase receipt",
    "entry": "Journal entry",
}


@dataclass(frozen=True)
class Lines:
    """The lines of a document: their model, the field naming their document, the fields making a line's readable
    key ("Oak Pallet"), and the fields kept (key -> field name)."""

    name: str
    model: str
    parent: str
    key: tuple[str, ...]
    fields: Mapping[str, str]


@dataclass(frozen=True)
class Kind:
    """A kind of document: its model, how the scenario's are found from its partners (P) and products (Q), how one is
    labelled ("Sales order"), the field holding its number, the fields kept and its lines."""

    model: str
    made_from: Callable[[list[int], list[int]], Domain]
    label: Callable[[Row], str]
    fields: Mapping[str, str]
    lines: tuple[Lines, ...] = ()
    number: str = "name"
    extra_read: tuple[str, ...] = field(default=())  # read for the label only, not kept
    # The text a document is better known by than by its place in the creation order (a journal entry by what it
    # records: "Journal entry for Receipt 1 - Water Pump"), None to number it.
    about: Callable[[Row], str | None] = field(default=lambda row: None)


def _entry_about(row: Row) -> str | None:
    """A journal entry (not an invoice or bill) is known by its reference: what it records."""
    return (row.get("ref") or None) if row.get("move_type") == "entry" else None


def _same(*names: str) -> dict[str, str]:
    return {name: name for name in names}


def _either(field_a: str, field_b: str) -> Callable[[list[int], list[int]], Domain]:
    def domain(partners: list[int], products: list[int]) -> Domain:
        return ["|", (field_a, "in", partners), (field_b, "in", products)]

    return domain


def _order(
    kind: str, label: str, status: str, line_model: str, quantities: tuple[str, str], taxes: str, uom: str
) -> Kind:
    """A sales or purchase order and its lines: the same fields but for the model, the status of what was moved,
    the lines' ordered and moved quantities, and the version's names of the taxes and unit fields."""
    header = ("state", "partner_id", "origin", "amount_untaxed", "amount_tax", "amount_total", "invoice_status")
    prices = ("qty_invoiced", "price_unit", "discount", "price_subtotal", "price_tax", "price_total")
    return Kind(
        kind,
        _either("partner_id", "order_line.product_id"),
        lambda row: label,
        _same(*header, status, "date_order"),
        (
            Lines(
                "lines",
                line_model,
                "order_id",
                ("product_id", "name"),
                {**_same("product_id", "display_type", *quantities, *prices), "tax_ids": taxes, "product_uom_id": uom},
            ),
        ),
    )


def kinds(compat: Compat) -> tuple[Kind, ...]:
    """The documents an outcome record reads on a server of this version, in the order they are read."""
    order_line_uom = compat.order_line_uom_field
    return (
        _order(
            SALE,
            "Sales order",
            "delivery_status",
            "sale.order.line",
            ("product_uom_qty", "qty_delivered"),
            compat.sale_line_taxes_field,
            order_line_uom,
        ),
        _order(
            PURCHASE,
            "Purchase order",
            "receipt_status",
            "purchase.order.line",
            ("product_qty", "qty_received"),
            compat.purchase_line_taxes_field,
            order_line_uom,
        ),
        Kind(
            PICKING,
            _either("partner_id", "move_ids.product_id"),
            lambda row: PICKING_LABELS.get(row.get("picking_type_code") or "", "Transfer"),
            _same(
                "state",
                "picking_type_id",
                "partner_id",
                "origin",
                "location_id",
                "location_dest_id",
                "backorder_id",
                "scheduled_date",
                "date_done",
            ),
            extra_read=("picking_type_code",),
        ),
        Kind(
            INVOICE,
            _either("partner_id", "line_ids.product_id"),
            lambda row: MOVE_LABELS.get(row.get("move_type") or "", ENTRY),
            _same(
                "move_type",
                "state",
                "payment_state",
                "partner_id",
                "journal_id",
                "ref",
                "invoice_origin",
                "invoice_date",
                "invoice_date_due",
                "invoice_payment_term_id",
                "amount_untaxed",
                "amount_tax",
                "amount_total",
                "amount_residual",
            ),
            about=_entry_about,
            lines=(
                Lines(
                    "lines",
                    "account.move.line",
                    "move_id",
                    ("display_type", "product_id", "tax_line_id"),
                    _same(
                        "account_id",
                        "product_id",
                        "display_type",
                        "tax_line_id",
                        "name",
                        "quantity",
                        "price_unit",
                        "discount",
                        "tax_ids",
                        "debit",
                        "credit",
                        "amount_currency",
                    ),
                ),
            ),
        ),
        Kind(
            LANDED_COST,
            lambda partners, products: [
                "|",
                ("cost_lines.product_id", "in", products),
                ("valuation_adjustment_lines.product_id", "in", products),
            ],
            lambda row: "Landed cost",
            _same("state", "picking_ids", "amount_total", "account_journal_id", "account_move_id", "date"),
            (
                Lines(
                    "cost lines",
                    "stock.landed.cost.lines",
                    "cost_id",
                    ("product_id",),
                    _same("product_id", "price_unit", "split_method", "account_id"),
                ),
                Lines(
                    "valuation adjustments",
                    "stock.valuation.adjustment.lines",
                    "cost_id",
                    ("product_id",),
                    _same("product_id", "quantity", "former_cost", "additional_landed_cost", "final_cost"),
                ),
            ),
        ),
    )


# Every stock move of the scenario's products (in transfers or not: an inventory adjustment too), keyed by
# "<product> · <its transfer>"; "value" is the inventory value it carries (Compat.move_values).
MOVE_FIELDS = _same(
    "product_id",
    "state",
    "location_id",
    "location_dest_id",
    "product_uom_qty",
    "quantity",
    "picking_id",
    "origin",
    "reference",
)
MOVE_KEY = ("product_id", "picking_id")
# The scenario's products after it: unit cost, on hand, and the inventory valuation's quantity and value.
PRODUCT_FIELDS = _same("standard_price", "qty_available")


def _location(row: Row) -> str:
    """A warehouse's location by its full name ("WH/Stock"); a partner or virtual location by its own name
    ("Customers"): 19.0 has no "Partners" and "Virtual Locations" parents above them."""
    return row["complete_name"] if row.get("usage") in ("internal", "view") else row["name"]


# Records a many2one shows by fields of their own, the same on 18.0 and 19.0, rather than by their display name:
# 19.0 shows an account's code only to users of the accounting groups, and names some journals otherwise ("Sales"
# for 18.0's "Customer Invoices"; the code is INV on both).
SHOWN: dict[str, tuple[tuple[str, ...], Callable[[Row], str]]] = {
    "account.account": (("code", "name"), lambda row: " ".join(str(p) for p in (row.get("code"), row["name"]) if p)),
    "account.journal": (("code",), lambda row: str(row["code"])),
    "stock.location": (("complete_name", "name", "usage"), _location),
}
