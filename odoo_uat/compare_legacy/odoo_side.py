"""What Odoo holds of a data domain, read only, keyed as the extract keys it: {key: {column: value}}.

Each reader looks for the extract's keys and, to find the extra records, for every record of the domain that
carries a legacy key (a reference, an internal reference, a source document) — in a test run, only those of the
scenario (KeyMap.token). Two to four search_read calls per domain, whatever the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from odoo_uat.compare_legacy.extract import Key

Rows = dict[Key, dict[str, Any]]
OPEN = 1e-9  # a line with more than this left to deliver or receive is open


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class KeyMap:
    """How a legacy key or name is written in Odoo and back: as is for a migrated database; with the scenario's unique
    names after a mock load, whose token then also bounds where extra records are looked for."""

    to_odoo: Callable[[str], str] = _same
    to_legacy: Callable[[str], str] = _same
    token: str | None = None

    def scope(self, field: str) -> list:
        """The domain terms (ANDed) of the records that carry a legacy key in `field`."""
        return [(field, "!=", False), *([(field, "ilike", self.token)] if self.token else [])]


def _and(terms: list) -> list:
    return ["&"] * (len(terms) - 1) + terms


def _either(term: tuple, others: list) -> list:
    """term OR (the others ANDed), in Odoo's prefix notation."""
    return ["|", term, *_and(others)]


def _name(value: Any) -> str:
    """A many2one's name ([id, name]), "" when empty."""
    return value[1] if isinstance(value, (list, tuple)) and len(value) > 1 else ""


def _firsts(keys: Iterable[Key], keymap: KeyMap, index: int = 0) -> list[str]:
    return sorted({keymap.to_odoo(key[index]) for key in keys})


def _partners(rank: str, terms: str) -> Callable[[Any, KeyMap, list[Key]], Rows]:
    def read(odoo: Any, keymap: KeyMap, keys: list[Key]) -> Rows:
        found = odoo.env["res.partner"].search_read(
            _either(("ref", "in", _firsts(keys, keymap)), [(rank, ">", 0), *keymap.scope("ref")]),
            ["ref", "name", "email", "phone", "city", "country_code", terms],
        )
        return {
            (keymap.to_legacy(row["ref"]),): {
                "Name": keymap.to_legacy(row["name"] or ""),
                "Email": row["email"],
                "Phone": row["phone"],
                "City": row["city"],
                "Country": row["country_code"],
                "Payment terms": _name(row[terms]),
            }
            for row in found
        }

    return read


def _products(odoo: Any, keymap: KeyMap, keys: list[Key], index: int = 0) -> list[dict[str, Any]]:
    return odoo.env["product.product"].search_read(
        _either(("default_code", "in", _firsts(keys, keymap, index)), keymap.scope("default_code")),
        ["default_code", "name", "list_price", "standard_price", "uom_id", "barcode", "categ_id"],
    )


def read_products(odoo: Any, keymap: KeyMap, keys: list[Key]) -> Rows:
    return {
        (keymap.to_legacy(row["default_code"]),): {
            "Name": keymap.to_legacy(row["name"] or ""),
            "Sales price": row["list_price"],
            "Cost": row["standard_price"],
            "Unit": _name(row["uom_id"]),
            "Barcode": keymap.to_legacy(row["barcode"] or ""),
            "Category": keymap.to_legacy(_name(row["categ_id"])),
        }
        for row in _products(odoo, keymap, keys)
    }


def read_units(odoo: Any, keymap: KeyMap, keys: list[Key]) -> Rows:
    found = odoo.env["uom.uom"].search_read([("name", "in", _firsts(keys, keymap))], ["name", "rounding"])
    return {(keymap.to_legacy(row["name"]),): {"Rounding": row["rounding"]} for row in found}


def read_locations(odoo: Any, keymap: KeyMap, keys: list[Key]) -> Rows:
    found = odoo.env["stock.location"].search_read(
        _either(
            ("complete_name", "in", _firsts(keys, keymap)), [("usage", "=", "internal"), *keymap.scope("complete_name")]
        ),
        ["complete_name", "usage"],
    )
    return {(keymap.to_legacy(row["complete_name"]),): {"Type": row["usage"]} for row in found}


def read_stock(odoo: Any, keymap: KeyMap, keys: list[Key]) -> Rows:
    codes = {row["id"]: keymap.to_legacy(row["default_code"]) for row in _products(odoo, keymap, keys)}
    quants = odoo.env["stock.quant"].search_read(
        [("product_id", "in", sorted(codes)), ("location_id.usage", "=", "internal")],
        ["product_id", "location_id", "quantity"],
    )
    found: Rows = {}
    for quant in quants:
        key = (codes[quant["product_id"][0]], keymap.to_legacy(_name(quant["location_id"])))
        found.setdefault(key, {"Quantity": 0.0})["Quantity"] += quant["quantity"]
    found = {key: row for key, row in found.items() if abs(row["Quantity"]) > OPEN}
    for key in keys:  # a product Odoo has, with nothing in that location: 0 on hand
        if key[0] in codes.values():
            found.setdefault(key, {"Quantity": 0.0})
    return found


def _open_lines(
    model: str, order_model: str, partner: str, ordered: str, done: str, states: list[str], column: str
) -> Callable[[Any, KeyMap, list[Key]], Rows]:
    def read(odoo: Any, keymap: KeyMap, keys: list[Key]) -> Rows:
        lines = odoo.env[model].search_read(
            [
                ("order_id.state", "in", states),
                *_either(("order_id.origin", "in", _firsts(keys, keymap)), keymap.scope("order_id.origin")),
            ],
            ["order_id", "product_id", ordered, done, "price_unit", partner],
        )
        lines = [line for line in lines if line[ordered] - line[done] > OPEN and line["product_id"]]
        origins = _read(odoo, order_model, [line["order_id"][0] for line in lines], "origin")
        codes = _read(odoo, "product.product", [line["product_id"][0] for line in lines], "default_code")
        refs = _read(odoo, "res.partner", [line[partner][0] for line in lines if line[partner]], "ref")
        found: Rows = {}
        for line in lines:
            key = (keymap.to_legacy(origins[line["order_id"][0]]), keymap.to_legacy(codes[line["product_id"][0]]))
            row = found.setdefault(
                key,
                {
                    column: keymap.to_legacy(refs.get(line[partner][0] if line[partner] else 0, "")),
                    "Quantity": 0.0,
                    "Unit price": line["price_unit"],
                },
            )
            row["Quantity"] += line[ordered] - line[done]
        return found

    return read


def _read(odoo: Any, model: str, ids: list[int], field: str) -> dict[int, str]:
    """id -> a text field of those records, in one call ("" when empty)."""
    if not ids:
        return {}
    return {row["id"]: row[field] or "" for row in odoo.env[model].read(sorted(set(ids)), [field])}


def _open_amounts(account_type: str, sign: float) -> Callable[[Any, KeyMap, list[Key]], Rows]:
    def read(odoo: Any, keymap: KeyMap, keys: list[Key]) -> Rows:
        items = odoo.env["account.move.line"].search_read(
            [
                ("account_id.account_type", "=", account_type),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                *_either(("partner_id.ref", "in", _firsts(keys, keymap)), keymap.scope("partner_id.ref")),
            ],
            ["partner_id", "amount_residual"],
        )
        refs = _read(odoo, "res.partner", [item["partner_id"][0] for item in items if item["partner_id"]], "ref")
        totals: dict[int, float] = defaultdict(float)
        for item in items:
            if item["partner_id"]:
                totals[item["partner_id"][0]] += sign * item["amount_residual"]
        return {(keymap.to_legacy(refs[p]),): {"Amount": total} for p, total in totals.items() if abs(total) > OPEN}

    return read


READERS: dict[str, Callable[[Any, KeyMap, list[Key]], Rows]] = {
    "customers": _partners("customer_rank", "property_payment_term_id"),
    "vendors": _partners("supplier_rank", "property_supplier_payment_term_id"),
    "products": read_products,
    "prices": read_products,
    "product costs": read_products,
    "units of measure": read_units,
    "locations": read_locations,
    "stock on hand": read_stock,
    "open sales order lines": _open_lines(
        "sale.order.line", "sale.order", "order_partner_id", "product_uom_qty", "qty_delivered", ["sale"], "Customer"
    ),
    "open purchase order lines": _open_lines(
        "purchase.order.line",
        "purchase.order",
        "partner_id",
        "product_qty",
        "qty_received",
        ["purchase", "done"],
        "Vendor",
    ),
    "open receivables": _open_amounts("asset_receivable", 1.0),
    "open payables": _open_amounts("liability_payable", -1.0),
}


def read_odoo(odoo: Any, domain: str, keymap: KeyMap, keys: Iterable[Key]) -> Rows:
    """Odoo's records of a domain: those of the extract's keys, and the extra ones that carry a legacy key."""
    return READERS[domain](odoo, keymap, list(keys))
