"""What a user sees of models on the fake Odoo (tests/unit/fake_odoo.py): menus, screens, descriptions, field labels
and views, in English and French.

A row's text may be {lang: text}: it is read in the language of the call's context (English without one).
`screens_odoo()` gives a FakeOdoo knowing a few models as Odoo 19.0 names them; tests add fields and views with
`labels(...)` and `views(...)`.
"""

from __future__ import annotations

from typing import Any

from tests.unit.fake_odoo import FakeModel, FakeOdoo, Row

ENGLISH = "en_US"
FRENCH = "fr_FR"


def _in(value: Any, lang: str) -> Any:
    """A {lang: text} value read in `lang` (English when that language has none); any other value as it is."""
    return value.get(lang, value.get(ENGLISH)) if isinstance(value, dict) else value


class Translated(FakeModel):
    """Rows whose texts are {lang: text}, read in the context's language."""

    def search_read(self, domain: list | None = None, fields: list[str] | None = None, **options: Any) -> list[Row]:
        lang = self.context.get("lang", ENGLISH)
        rows = super().search_read(domain, fields, **options)
        return [{name: _in(value, lang) for name, value in row.items()} for row in rows]


class Described(FakeModel):
    """A model's fields (odoo.fields[model][lang]) and default views (odoo.archs[model][kind])."""

    def fields_get(self, allfields: list[str] | None = None, attributes: list[str] | None = None) -> dict[str, Row]:
        lang = self.context.get("lang", ENGLISH)
        return {
            name: {**spec, "string": _in(spec["string"], lang)} for name, spec in self.odoo.fields[self.name].items()
        }

    def get_views(self, views: list, options: dict | None = None) -> dict[str, Any]:
        lang = self.context.get("lang", ENGLISH)
        archs = self.odoo.archs.get(self.name, {})
        models = {model: {"fields": specs} for model, specs in self.odoo.fields.items()}
        return {
            "views": {kind: {"arch": _in(archs.get(kind, f"<{kind}/>"), lang)} for _, kind in views},
            "models": models,
        }


MODELS = [
    {"id": 1, "model": "product.template", "name": {ENGLISH: "Product", FRENCH: "Produit"}},
    {"id": 2, "model": "product.product", "name": {ENGLISH: "Product Variant", FRENCH: "Variante de produit"}},
    {
        "id": 3,
        "model": "stock.warehouse.orderpoint",
        "name": {ENGLISH: "Minimum Inventory Rule", FRENCH: "Règle de stock minimum"},
    },
    {"id": 4, "model": "res.partner", "name": {ENGLISH: "Contact", FRENCH: "Contact"}},
    {"id": 5, "model": "mail.message", "name": {ENGLISH: "Message", FRENCH: "Message"}},
    {"id": 6, "model": "mail.mail", "name": {ENGLISH: "Outgoing Mails", FRENCH: "Courriels sortants"}},
    {"id": 7, "model": "stock.change.product.qty", "name": "Change Product Quantity", "transient": True},
    {"id": 8, "model": "sale.report", "name": {ENGLISH: "Sales Analysis Report", FRENCH: "Analyse des ventes"}},
    {"id": 9, "model": "product.category", "name": {ENGLISH: "Product Category", FRENCH: "Catégorie de produits"}},
    {"id": 10, "model": "account.move", "name": {ENGLISH: "Journal Entry", FRENCH: "Pièce comptable"}},
    {"id": 11, "model": "account.move.line", "name": {ENGLISH: "Journal Item", FRENCH: "Écriture comptable"}},
]
SCREENS = [
    {
        "id": 1,
        "name": {ENGLISH: "Reordering Rules", FRENCH: "Règles de réapprovisionnement"},
        "res_model": "stock.warehouse.orderpoint",
        "view_mode": "list,kanban,form",
    },
    {
        "id": 2,
        "name": {ENGLISH: "Products", FRENCH: "Produits"},
        "res_model": "product.template",
        "view_mode": "kanban",
    },
    {"id": 3, "name": {ENGLISH: "Products", FRENCH: "Produits"}, "res_model": "product.product", "view_mode": "list"},
    {"id": 4, "name": {ENGLISH: "Product Variants"}, "res_model": "product.product", "view_mode": "list,form"},
    {"id": 5, "name": {ENGLISH: "Customers", FRENCH: "Clients"}, "res_model": "res.partner", "view_mode": "list"},
    {"id": 6, "name": {ENGLISH: "Customers"}, "res_model": "sale.report", "view_mode": "graph,pivot"},
    {"id": 7, "name": "Messages", "res_model": "mail.message", "view_mode": "list,form"},
    {"id": 8, "name": "Messages", "res_model": "mail.mail", "view_mode": "list,form"},
    {"id": 9, "name": "Update Quantity", "res_model": "stock.change.product.qty", "view_mode": "form"},
]
MENUS = [
    {"id": 1, "name": {ENGLISH: "Products", FRENCH: "Produits"}, "action": "ir.actions.act_window,2"},
    {"id": 2, "name": {ENGLISH: "Customers", FRENCH: "Clients"}, "action": "ir.actions.act_window,5"},
    {"id": 3, "name": {ENGLISH: "Customers"}, "action": "ir.actions.act_window,6"},
    {"id": 4, "name": "Replenishment", "action": "ir.actions.server,40"},
    {"id": 5, "name": "Inventory", "action": False},
]


def screens_odoo() -> FakeOdoo:
    """A fake Odoo with the menus, screens and models above; add `fields` and `archs` per model."""
    odoo = FakeOdoo({"ir.model": MODELS, "ir.actions.act_window": SCREENS, "ir.ui.menu": MENUS})
    for model in ("ir.model", "ir.actions.act_window", "ir.ui.menu"):
        odoo.models[model] = Translated
    odoo.fields = {}  # type: ignore[attr-defined]
    odoo.archs = {}  # type: ignore[attr-defined]
    return odoo


def describe(odoo: FakeOdoo, model: str, fields: dict[str, Row], archs: dict[str, Any] | None = None) -> None:
    """Give `model` its fields ({name: spec}, "string" maybe {lang: text}) and default views ({kind: arch})."""
    odoo.models[model] = Described
    odoo.fields[model] = fields  # type: ignore[attr-defined]
    odoo.archs[model] = archs or {}  # type: ignore[attr-defined]
