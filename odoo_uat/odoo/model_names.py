"""What a user calls a model and its fields: menu names, screen titles, column labels, in the user's language.

A records table names its model as the user sees it: a menu ("Customers"), a screen's title ("Reordering
Rules", a window action's name), Odoo's description ("Product") or the technical name, in any case, singular
or plural. Its columns are the labels a screen shows (a view's `string=`, "Min"), the field's label ("Min
Quantity") or the technical name. Odoo's menus, window actions, models, fields and views are read as the
administrator once per connection (so once per worker) and language: a step asks them again for free.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from odoo_uat.values import folded

WINDOW_ACTION = "ir.actions.act_window"
SCREEN_VIEWS = {"list", "form", "kanban"}  # a screen that lists or edits records (a report's graph is not one)
LIST_AND_FORM = (("list",), ("form",))  # Odoo 18.0 and 19.0 both call the list view "list"
FORM = (("form",),)
SUBVIEWS = {"list", "form", "kanban"}  # a one2many's own view written inside its parent's form
FIELD_ATTRIBUTES = ["string", "type", "relation", "selection", "readonly", "store", "required"]
VIEW_OPTIONS = {"load_filters": False, "toolbar": False}
# Endings that make a plural, in the suite's languages: rule/rules, tax/taxes, Regel/Regeln, Produkt/Produkte,
# product/producten, ubicación/ubicaciones (accents aside), bateau/bateaux, Bild/Bilder; category/categories apart.
PLURAL_ENDINGS = ("s", "es", "x", "n", "en", "e", "er")
TOKENS = re.compile(r"\w+|[^\w\s]")
CLOSEST = 8
SOURCES = ("menu", "description", "screen")  # which name wins when several name different models

# Columns that Odoo 18.0 and 19.0 label differently, where neither version's field labels nor views give the
# other one's: either label names the field on both (English labels, read on both versions' fields_get and
# default views). (model, or None for every model; one label; the other).
LABELS_ACROSS_VERSIONS: tuple[tuple[str | None, str, str], ...] = (
    (None, "Unit", "Unit of Measure"),  # product_uom, uom_id, product_uom_id: "Unit" on 19.0
    (None, "Cost Method", "Costing Method"),  # a product's or category's costing method: "Cost Method" on 19.0
    ("product.supplierinfo", "Unit Price", "Price"),  # a vendor pricelist line's price: "Price" on 18.0
    ("product.supplierinfo", "Lead Time", "Delivery Lead Time"),
    ("stock.warehouse.orderpoint", "Vendor Pricelist", "Supplier"),
    ("stock.quant", "Counted", "Counted Quantity"),
    ("stock.quant", "Scheduled", "Scheduled Date"),
    ("stock.move", "Price Unit", "Unit Price"),
    ("purchase.order", "Source", "Source Document"),
    ("account.move", "Reviewed", "Checked"),
)

Labelled = list[tuple[str, str]]  # (label as Odoo shows it, technical field name)


class UnknownName(LookupError):
    """No model (or more than one) has the name a scenario gave."""


@dataclass(frozen=True)
class ModelName:
    """One name a user may give a model: a menu's, a description, a screen's title."""

    text: str
    model: str
    source: str  # one of SOURCES


def words(text: str) -> list[str]:
    """A name's words and signs ("Lots/Serial Numbers": lots, /, serial, numbers), case and accents aside."""
    plain = unicodedata.normalize("NFKD", folded(text))
    return TOKENS.findall("".join(char for char in plain if not unicodedata.combining(char)))


def plural_of(one: str, other: str) -> bool:
    """Whether `other` is `one` in the plural (or the same word)."""
    if one == other:
        return True
    if one.endswith("y") and other == one[:-1] + "ies":
        return True
    return len(one) > 2 and other.startswith(one) and other[len(one) :] in PLURAL_ENDINGS


def same_name(wanted: str, name: str) -> bool:
    """Whether two names differ at most by singular and plural, case and accents ("Reordering Rule(s)")."""
    asked, known = words(wanted), words(name)
    return len(asked) == len(known) and all(
        plural_of(one, other) or plural_of(other, one) for one, other in zip(asked, known)
    )


def resolve(wanted: str, names: list[ModelName], descriptions: dict[str, str]) -> str | None:
    """The one model `names` give `wanted`: exact names before singular/plural ones, a menu before a description
    before a screen's title; None when none does. Several models for the best match is an error naming them."""
    for matches in (lambda text: folded(text) == folded(wanted), lambda text: same_name(wanted, text)):
        for source in SOURCES:
            found = sorted({name.model for name in names if name.source == source and matches(name.text)})
            if len(found) == 1:
                return found[0]
            if found:
                listed = ", ".join(f'"{descriptions.get(model, model)}" ({model})' for model in found)
                first = found[0]
                raise UnknownName(
                    f'"{wanted}" names several models: {listed}. Write the model\'s description or technical '
                    f'name instead, e.g. "{descriptions.get(first, first)}" or "{first}".'
                )
    return None


def closest(wanted: str, names: list[ModelName]) -> list[ModelName]:
    """The names most like `wanted` (difflib), then the ones holding it; each name of a model once."""
    unique: dict[tuple[str, str], ModelName] = {}
    for name in names:
        unique.setdefault((folded(name.text), name.model), name)
    texts = list(dict.fromkeys(text for text, _ in unique))
    near = difflib.get_close_matches(folded(wanted), texts, n=CLOSEST, cutoff=0.6)
    near += [text for text in texts if folded(wanted) in text and text not in near]
    rank = {text: index for index, text in enumerate(near)}
    ranked = sorted(
        (name for (text, _), name in unique.items() if text in rank), key=lambda name: rank[folded(name.text)]
    )
    return ranked[:CLOSEST]


def view_labels(arch: str, model: str, relations: dict[str, dict[str, Any]]) -> dict[str, Labelled]:
    """model -> (label, field) of each `string=` of a view's fields and labels, a one2many's own views included."""
    found: dict[str, Labelled] = {}

    def walk(node: ElementTree.Element, model: str) -> None:
        for child in node:
            name, string = child.get("name") or child.get("for"), child.get("string")
            if child.tag in ("field", "label") and name and string and string.strip():
                found.setdefault(model, []).append((string.strip(), name))
            if child.tag == "field":
                relation = relations.get(model, {}).get(name or "", {}).get("relation")
                for sub in child:
                    if sub.tag in SUBVIEWS and relation:
                        walk(sub, relation)
            else:
                walk(child, model)

    walk(ElementTree.fromstring(arch), model)
    return found


def aliases(model: str, english: Labelled) -> Labelled:
    """(the other version's label, field) for the fields LABELS_ACROSS_VERSIONS names by their label here."""
    by_label: dict[str, set[str]] = {}
    for label, field in english:
        by_label.setdefault(folded(label), set()).add(field)
    found: Labelled = []
    for scope, one, other in LABELS_ACROSS_VERSIONS:
        if scope in (None, model):
            found += [(other, field) for field in sorted(by_label.get(folded(one), ()))]
            found += [(one, field) for field in sorted(by_label.get(folded(other), ()))]
    return found


class ModelNames:
    """The names Odoo shows for models and fields, read once per connection and language."""

    _by_connection: WeakKeyDictionary[Any, ModelNames] = WeakKeyDictionary()

    @classmethod
    def of(cls, odoo: Any) -> ModelNames:
        """The names of this connection's Odoo, shared by every scenario the connection (the worker) runs."""
        if odoo not in cls._by_connection:
            cls._by_connection[odoo] = cls(odoo)
        return cls._by_connection[odoo]

    def __init__(self, odoo: Any) -> None:
        self.odoo = odoo
        self._names: dict[str | None, list[ModelName]] = {}
        self._descriptions: dict[str | None, dict[str, str]] = {}
        self._fields: dict[tuple[str, str | None, tuple[str, ...]], dict[str, dict[str, Any]]] = {}
        self._views: dict[tuple[str, tuple, str | None], dict[str, Labelled]] = {}
        self._owners: dict[str, list[str]] = {}
        self._transient: set[str] = set()  # wizards' models: no screen of theirs names a model

    def _in(self, model: str, lang: str | None) -> Any:
        """The odoorpc model answering in a language, or as it is."""
        return self.odoo.env[model].with_context(lang=lang) if lang else self.odoo.env[model]

    def descriptions(self, lang: str | None) -> dict[str, str]:
        """Technical name -> Odoo's description of every model, in `lang`."""
        if lang not in self._descriptions:
            rows = self._in("ir.model", lang).search_read([], ["model", "name", "transient"])
            self._descriptions[lang] = {row["model"]: row["name"] for row in rows}
            self._transient |= {row["model"] for row in rows if row.get("transient")}
        return self._descriptions[lang]

    def names(self, lang: str | None) -> list[ModelName]:
        """Every name of a model in `lang`: the menus and screen titles of its list and form screens (not a
        wizard's), its description."""
        if lang not in self._names:
            descriptions = self.descriptions(lang)
            screens = {
                row["id"]: row
                for row in self._in(WINDOW_ACTION, lang).search_read([], ["name", "res_model", "view_mode"])
                if row["res_model"] in descriptions
                and row["res_model"] not in self._transient
                and SCREEN_VIEWS & set((row.get("view_mode") or "").split(","))
            }
            menus = self._in("ir.ui.menu", lang).search_read([], ["name", "action"])
            self._names[lang] = [
                *(
                    ModelName(menu["name"], screens[action]["res_model"], "menu")
                    for menu in menus
                    if (action := _action_id(menu["action"])) in screens
                ),
                *(ModelName(text, model, "description") for model, text in descriptions.items()),
                *(ModelName(row["name"], row["res_model"], "screen") for row in screens.values()),
            ]
        return self._names[lang]

    def model(self, text: str, lang: str | None = None) -> str:
        """The technical name of the model a user names in `lang` (English names still work)."""
        wanted = text.strip()
        if wanted in self.descriptions(None):
            return wanted
        for language in dict.fromkeys((lang, None)):
            found = resolve(wanted, self.names(language), self.descriptions(lang))
            if found:
                return found
        near = closest(wanted, self.names(lang))
        listed = ", ".join(f'"{name.text}" ({name.model})' for name in near) or "none"
        raise UnknownName(
            f'No model "{text}"{f" (in {lang})" if lang else ""}. The closest names: {listed}. Write the model as a '
            "menu or a screen's title shows it, its description or its technical name."
        )

    def fields(self, model: str, attributes: Iterable[str], lang: str | None = None) -> dict[str, dict[str, Any]]:
        """What Odoo says of each field of a model (fields_get), its labels in `lang`."""
        key = (model, lang, tuple(attributes))
        if key not in self._fields:
            self._fields[key] = self._in(model, lang).fields_get(attributes=list(attributes))
        return self._fields[key]

    def owners(self, model: str) -> list[str]:
        """The models whose form holds this model's records as lines (a sales order for its lines)."""
        if model not in self._owners:
            specs = self.fields(model, FIELD_ATTRIBUTES)
            parents = [name for name, spec in specs.items() if spec.get("type") == "many2one" and spec.get("required")]
            rows = self.odoo.env["ir.model.fields"].search_read(
                [("ttype", "=", "one2many"), ("relation", "=", model), ("relation_field", "in", parents)], ["model"]
            )
            self._owners[model] = sorted({row["model"] for row in rows} - {model})
        return self._owners[model]

    def _view_labels(self, model: str, views: tuple, lang: str | None) -> dict[str, Labelled]:
        """model -> (label, field) of the `string=`s of a model's default views (get_views, once per run)."""
        key = (model, views, lang)
        if key not in self._views:
            answer = self._in(model, lang).get_views([[False, kind] for (kind,) in views], VIEW_OPTIONS)
            relations = {name: spec.get("fields", {}) for name, spec in answer.get("models", {}).items()}
            found: dict[str, Labelled] = {}
            for view in answer.get("views", {}).values():
                for labelled, pairs in view_labels(view["arch"], model, relations).items():
                    found.setdefault(labelled, []).extend(pairs)
            self._views[key] = found
        return self._views[key]

    def screen_labels(self, model: str, lang: str | None = None) -> Labelled:
        """(label, field) of the `string=`s of the model's list and form, and of its lines in its owner's form."""
        found = list(self._view_labels(model, LIST_AND_FORM, lang).get(model, []))
        for owner in self.owners(model):
            found += self._view_labels(owner, FORM, lang).get(model, [])
        return found

    def column_labels(self, model: str, lang: str | None = None) -> Iterator[Labelled]:
        """(label, field) pairs of the model, best first: the fields' labels in `lang`, the screens' labels, then in
        English, then the other Odoo version's labels. Views are read only when a column needs them."""
        yield self.field_labels(model, lang)
        yield self.screen_labels(model, lang)
        if lang:
            yield self.field_labels(model, None)
            yield self.screen_labels(model, None)
        yield aliases(model, self.field_labels(model, None) + self.screen_labels(model, None))

    def field_labels(self, model: str, lang: str | None = None) -> Labelled:
        """(label, field) of each field of the model, its label in `lang`."""
        return [(spec.get("string") or "", name) for name, spec in self.fields(model, FIELD_ATTRIBUTES, lang).items()]


def _action_id(reference: str | bool) -> int | None:
    """The id in a menu's action reference, "ir.actions.act_window,42"."""
    kind, _, number = str(reference or "").partition(",")
    return int(number) if kind == WINDOW_ACTION and number.isdigit() else None
