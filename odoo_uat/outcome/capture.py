"""Read over RPC, in few calls, what a scenario's documents hold once it ended, and normalise it (normalise.py).

The scenario's documents are found from what it seeded: those of its partners and products (as `make
clean-server` finds them), plus any document it remembered by name. One search_read per kind of document and one
per kind of line, one for the stock moves, one for their values, one or two for the products, one per model
named in a many2many (taxes): about a dozen calls, fewer when a kind has no document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from odoorpc.error import RPCError

from odoo_uat.odoo.compat import Compat
from odoo_uat.outcome.normalise import Normaliser, keyed, numbered
from odoo_uat.outcome.resolve import Resolver, id_of
from odoo_uat.outcome.spec import (
    MOVE,
    MOVE_FIELDS,
    MOVE_KEY,
    PARTNER,
    PICKING,
    PRODUCT,
    PRODUCT_FIELDS,
    Kind,
    kinds,
)

Row = dict[str, Any]
DONE = "done"
KEY_SEPARATOR = " · "


@dataclass
class Roots:
    """What a scenario seeded or remembered: model -> ids (partners and products find its documents)."""

    ids: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, seeded: Mapping[tuple[str, str], int]) -> Roots:
        """From the scenario's (model, name) -> id."""
        found: dict[str, list[int]] = defaultdict(list)
        for (model, _name), record_id in seeded.items():
            if isinstance(record_id, int) and record_id not in found[model]:
                found[model].append(record_id)
        return cls(dict(found))

    def of_model(self, model: str) -> list[int]:
        return list(self.ids.get(model, []))


class FieldTypes:
    """Model -> field -> (type, relation), read once per model and connection (fields_get); and the names of the
    records the documents refer to (accounts, journals, taxes, locations), read once per connection: a scenario
    after the first reads only those it made."""

    def __init__(self, odoo: Any) -> None:
        self.odoo = odoo
        self._known: dict[str, dict[str, dict[str, Any]]] = {}
        self.names: dict[str, dict[int, str]] = {}

    def of(self, model: str) -> dict[str, dict[str, Any]]:
        """The model's fields, {} when the server has no such model (its module is not installed)."""
        if model not in self._known:
            try:
                self._known[model] = self.odoo.env[model].fields_get(attributes=["type", "relation"])
            except RPCError:  # Odoo's answer: no such model on this server (a connection error is raised)
                self._known[model] = {}
        return self._known[model]


class Reader:
    """Reads one scenario's outcome. `calls` counts the RPC calls it made (fields_get, cached, not counted)."""

    def __init__(self, odoo: Any, compat: Compat, types: FieldTypes) -> None:
        self.odoo = odoo
        self.compat = compat
        self.types = types
        self.calls = 0

    def _search_read(self, model: str, domain: list, fields: Iterable[str]) -> list[Row]:
        self.calls += 1
        return self.odoo.env[model].search_read(domain, list(dict.fromkeys(fields)), order="id")

    def _kept(self, model: str, wanted: Mapping[str, str]) -> dict[str, str]:
        """key -> field, for the fields this server has."""
        have = self.types.of(model)
        return {key: name for key, name in wanted.items() if name in have}

    def read(self, roots: Roots, normaliser: Normaliser) -> dict[str, Any]:
        """The scenario's documents, stock moves and products, normalised."""
        partners, products = roots.of_model(PARTNER), roots.of_model(PRODUCT)
        found: dict[str, tuple[Kind, dict[str, str], list[Row]]] = {}
        for kind in kinds(self.compat):
            kept = self._kept(kind.model, kind.fields)
            if not self.types.of(kind.model):
                continue
            domain = self._domain(kind, partners, products, roots.of_model(kind.model))
            if domain is None:
                continue
            rows = self._search_read(kind.model, domain, [*kept.values(), *kind.extra_read, kind.number])
            if rows:
                found[kind.model] = (kind, kept, rows)
        labels = self._labels(found)
        normaliser.placeholders.update(self._numbers(found, labels))
        labels.update(self._about(found, normaliser))  # once the others' numbers read as their labels
        normaliser.placeholders.update(self._numbers(found, labels))
        lines = {
            (kind.model, spec.name): self._lines(spec, [row["id"] for row in rows])
            for kind, _kept, rows in found.values()
            for spec in kind.lines
        }
        moves = self._moves(products, [row["id"] for row in found.get(PICKING, (None, None, []))[2]])
        resolved = Resolver(self, labels)
        batches = [(kind.model, kept, rows) for kind, kept, rows in found.values()]
        batches += [
            (spec.model, *lines[(kind.model, spec.name)]) for kind, _k, _r in found.values() for spec in kind.lines
        ]
        resolved.prefetch([*batches, (MOVE, *moves[:2])])
        documents: dict[str, Any] = {}
        for kind, kept, rows in found.values():
            for row in rows:
                record = resolved.values(kind.model, kept, row, normaliser)
                for spec in kind.lines:
                    line_kept, line_rows = lines[(kind.model, spec.name)]
                    shown = [
                        resolved.values(spec.model, line_kept, line, normaliser)
                        for line in line_rows
                        if id_of(line[spec.parent]) == row["id"]
                    ]
                    record[spec.name] = keyed(shown, lambda line, spec=spec: _key(line, spec.key))
                documents[labels[(kind.model, row["id"])]] = record
        return {
            "documents": dict(sorted(documents.items())),
            "stock moves": self._shown_moves(*moves, resolved, normaliser),
            "products": self._products(products, normaliser),
        }

    @staticmethod
    def _domain(kind: Kind, partners: list[int], products: list[int], remembered: list[int]) -> list | None:
        """Those made from the scenario's partners and products, or that it remembered; None when it has none."""
        parts = [kind.made_from(partners, products)] if partners or products else []
        if remembered:
            parts.append([("id", "in", remembered)])
        return _or(parts) if parts else None

    @staticmethod
    def _labels(found: Mapping[str, tuple[Kind, dict[str, str], list[Row]]]) -> dict[tuple[str, int], str]:
        labels: dict[tuple[str, int], str] = {}
        for model, (kind, _kept, rows) in found.items():
            for record_id, label in numbered((row["id"], kind.label(row)) for row in rows).items():
                labels[(model, record_id)] = label
        return labels

    @staticmethod
    def _numbers(found: Mapping[str, tuple[Kind, dict[str, str], list[Row]]], labels: Mapping) -> dict[str, str]:
        """A document's number -> its label, for the texts that name it."""
        return {
            row[kind.number]: labels[(kind.model, row["id"])]
            for kind, _kept, rows in found.values()
            for row in rows
            if isinstance(row.get(kind.number), str) and row[kind.number] not in ("", "/")
        }

    @staticmethod
    def _about(
        found: Mapping[str, tuple[Kind, dict[str, str], list[Row]]], normaliser: Normaliser
    ) -> dict[tuple[str, int], str]:
        """The labels of the documents known by what they are about ("Journal entry for Landed cost 1"): a run that
        posts one more entry does not renumber the others."""
        labels: dict[tuple[str, int], str] = {}
        for model, (kind, _kept, rows) in found.items():
            taken: set[str] = set()
            for row in rows:
                about = kind.about(row)
                if not about:
                    continue
                base = f"{kind.label(row)} for {normaliser.text(about)}"
                label, n = base, 1
                while label in taken:
                    n += 1
                    label = f"{base} #{n}"
                taken.add(label)
                labels[(model, row["id"])] = label
        return labels

    def _lines(self, spec, parent_ids: list[int]) -> tuple[dict[str, str], list[Row]]:
        kept = self._kept(spec.model, spec.fields)
        if not kept or not parent_ids:
            return kept, []
        return kept, self._search_read(spec.model, [(spec.parent, "in", parent_ids)], [*kept.values(), spec.parent])

    def _moves(self, products: list[int], pickings: list[int]) -> tuple[dict[str, str], list[Row], dict[int, float]]:
        """The stock moves of the scenario's products and transfers, and the value each carries."""
        kept = self._kept(MOVE, MOVE_FIELDS)
        terms = [[(name, "in", ids)] for name, ids in (("product_id", products), ("picking_id", pickings)) if ids]
        if not terms:
            return kept, [], {}
        rows = self._search_read(MOVE, _or(terms), kept.values())
        if rows:
            self.calls += 1
        return kept, rows, self.compat.move_values(self.odoo, [row["id"] for row in rows])

    @staticmethod
    def _shown_moves(
        kept: dict[str, str], rows: list[Row], values: dict[int, float], resolved: Resolver, normaliser: Normaliser
    ) -> dict[str, Any]:
        shown = []
        for row in rows:
            record = resolved.values(MOVE, kept, row, normaliser)
            # Only a done move is valued: 19.0 keeps a value on a move not done yet too (a backorder's is copied).
            done = row.get("state") == DONE
            record["value"] = normaliser.value(float(values.get(row["id"], 0.0))) if done else None
            shown.append(record)
        return keyed(shown, lambda move: _key(move, MOVE_KEY))

    def _products(self, products: list[int], normaliser: Normaliser) -> dict[str, Any]:
        if not products:
            return {}
        kept = self._kept(PRODUCT, PRODUCT_FIELDS)
        self.calls += 2
        rows = self.odoo.env[PRODUCT].read(products, [*kept.values(), "display_name"])
        valued = self.compat.inventory_values(self.odoo, products)
        shown = {}
        for row in rows:
            record = {key: normaliser.value(row.get(name)) for key, name in kept.items()}
            quantity, value = valued.get(row["id"], (0.0, 0.0))
            record["valuation quantity"] = normaliser.value(float(quantity))
            record["valuation value"] = normaliser.value(float(value))
            shown[normaliser.text(row["display_name"])] = record
        return dict(sorted(shown.items()))


def _or(domains: list[list]) -> list:
    """Domains joined with OR (prefix notation)."""
    return ["|"] * (len(domains) - 1) + [term for domain in domains for term in domain]


def _key(row: Mapping[str, Any], fields: tuple[str, ...]) -> str:
    return KEY_SEPARATOR.join(str(row[name]) for name in fields if row.get(name))
