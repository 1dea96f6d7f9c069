"""What the Odoo under test tells the recorder: menu paths by XML id, field labels, and the Given rows of picked records."""

from __future__ import annotations

from typing import Any

from odoo_uat.recorder.scenario import STOCK_PHRASE, Seed, Step

PARTNER = "res.partner"
PRODUCTS = ("product.product", "product.template")
# On these models a partner picked is a vendor; anywhere else a customer (sales orders, invoices, contacts).
VENDOR_MODELS = ("purchase.order", "purchase.order.line", "account.move.in")
PRODUCT_KINDS = {"consu": "Goods", "product": "Goods", "service": "Service"}  # 'product' is 16.0's storable
MENU_SEPARATOR = " / "


def number(value: float) -> str:
    """2.0 -> '2.00', as a person types an amount."""
    return f"{value:.2f}"


def quantity(value: float) -> str:
    """10.0 -> '10', 2.5 -> '2.5'."""
    return f"{value:g}"


class OdooResolver:
    """Answers the recorder's questions over RPC, as the administrator, in the role's language."""

    def __init__(self, odoo: Any, lang: str | None = None) -> None:
        self.odoo = odoo
        self.context = {"lang": lang} if lang else {}
        self._fields: dict[str, dict[str, dict[str, Any]]] = {}

    def _model(self, name: str) -> Any:
        return self.odoo.env[name].with_context(**self.context) if self.context else self.odoo.env[name]

    def fields(self, model: str) -> dict[str, dict[str, Any]]:
        """fields_get of a model: string, type, relation."""
        if model not in self._fields:
            self._fields[model] = self._model(model).fields_get(attributes=["string", "type", "relation"])
        return self._fields[model]

    def _field(self, model: str | None, field: str, lines: str | None) -> dict[str, Any]:
        if model is None:
            return {}
        if lines:
            model = self.fields(model).get(lines, {}).get("relation")
            if not model:
                return {}
        return self.fields(model).get(field, {})

    def menu_path(self, xmlid: str) -> str | None:
        module, _, name = xmlid.partition(".")
        found = self.odoo.env["ir.model.data"].search_read(
            [("module", "=", module), ("name", "=", name), ("model", "=", "ir.ui.menu")], ["res_id"]
        )
        if not found:
            return None
        [menu] = self._model("ir.ui.menu").read([found[0]["res_id"]], ["complete_name", "action"])
        if not menu["action"]:
            return None
        return MENU_SEPARATOR.join(part.strip() for part in menu["complete_name"].split("/"))

    def label(self, model: str | None, field: str, lines: str | None = None) -> str:
        return self._field(model, field, lines).get("string") or field

    def relation(self, model: str | None, field: str, lines: str | None = None) -> str | None:
        spec = self._field(model, field, lines)
        return spec.get("relation") if spec.get("type") == "many2one" else None

    def _find(self, model: str, value: str) -> int | None:
        """The record the user picked by this text: by its exact name, else as the dropdown found it."""
        records = self._model(model)
        found = records.search([("name", "=", value)], limit=1)
        if not found:
            found = [pair[0] for pair in records.name_search(value, limit=1)]
        return found[0] if found else None

    def _is_module_data(self, model: str, record_id: int) -> bool:
        """Whether a module installed the record (the company's partner, a default product): nothing to seed."""
        return bool(
            self.odoo.env["ir.model.data"].search_count(
                [("model", "=", model), ("res_id", "=", record_id), ("module", "not like", "odoo_uat%")]
            )
        )

    def seed(self, relation: str, value: str, model: str | None) -> Seed | None:
        if relation != PARTNER and relation not in PRODUCTS:
            return None  # configuration (taxes, units, warehouses): expected to exist in every database
        record_id = self._find(relation, value)
        if record_id is None or self._is_module_data(relation, record_id):
            return None
        if relation == PARTNER:
            return self._partner(record_id, "vendors" if model in VENDOR_MODELS else "customers")
        return self._product(relation, record_id)

    def _partner(self, record_id: int, kind: str) -> Seed:
        [partner] = self._model(PARTNER).read([record_id], ["name", "email"])
        row = [("Name", partner["name"])] + ([("Email", partner["email"])] if partner["email"] else [])
        return Seed(kind, partner["name"], tuple(row))

    def _product(self, model: str, record_id: int) -> Seed | None:
        fields = self.fields(model)
        wanted = [
            name
            for name in ("name", "type", "list_price", "standard_price", "qty_available", "is_storable")
            if name in fields
        ]
        [product] = self._model(model).read([record_id], wanted)
        kind = PRODUCT_KINDS.get(product["type"])
        if kind is None:  # a combo: no seeding phrase creates one
            return None
        row = (
            ("Name", product["name"]),
            ("Type", kind),
            ("Sales price", number(product["list_price"])),
            ("Cost", number(product["standard_price"])),
        )
        on_hand = product.get("qty_available") or 0.0
        givens: tuple[Step, ...] = ()
        if on_hand > 0 and product.get("is_storable", product["type"] == "product"):
            location = self._stock_location()
            if location:
                givens = (Step("given", STOCK_PHRASE.format(product["name"], quantity(on_hand), location)),)
        return Seed("products", product["name"], row, givens)

    def _stock_location(self) -> str | None:
        """The full name of the first warehouse's stock location (WH/Stock)."""
        if "stock.warehouse" not in self.odoo.env:
            return None
        warehouses = self.odoo.env["stock.warehouse"].search_read([], ["lot_stock_id"], limit=1)
        if not warehouses:
            return None
        [location] = self.odoo.env["stock.location"].read([warehouses[0]["lot_stock_id"][0]], ["complete_name"])
        return location["complete_name"]
