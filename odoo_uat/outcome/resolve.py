"""A row's relational values as names: a document of the scenario by its label, a record SHOWN by fields of its own
(an account by code and name), others by their display name, all read in one call per model named."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from odoo_uat.outcome.normalise import Normaliser
from odoo_uat.outcome.spec import SHOWN

Row = dict[str, Any]
RELATIONAL = ("many2many", "one2many")


def id_of(value: Any) -> Any:
    """The id of a many2one as search_read gives it ([id, name]), or as given."""
    return value[0] if isinstance(value, (list, tuple)) and value else value


class Resolver:
    """Turns a row's relational values into names: a document of the scenario by its label, a many2many by the names
    of its records (read once per model and outcome)."""

    def __init__(self, reader: Any, labels: Mapping[tuple[str, int], str]) -> None:
        self.reader = reader
        self.labels = labels
        self._names: dict[str, dict[int, str]] = reader.types.names

    def values(self, model: str, kept: Mapping[str, str], row: Row, normaliser: Normaliser) -> dict[str, Any]:
        """The kept fields of a row, normalised."""
        types = self.reader.types.of(model)
        record = {}
        for key, name in kept.items():
            info = types.get(name, {})
            kind, relation, value = info.get("type", ""), info.get("relation"), row.get(name)
            if kind == "many2one" and value and (relation, id_of(value)) in self.labels:
                record[key] = self.labels[(relation, id_of(value))]
            elif kind == "many2one" and value and relation in SHOWN:
                record[key] = normaliser.text(self._names.get(relation, {}).get(id_of(value), f"#{id_of(value)}"))
            elif kind in RELATIONAL and isinstance(value, list):
                record[key] = sorted(self._name(relation, record_id, normaliser) for record_id in value)
            else:
                record[key] = normaliser.value(value, kind)
        return record

    def prefetch(self, batches: Iterable[tuple[str, Mapping[str, str], list[Row]]]) -> None:
        """Read the names of the records the rows' many2many fields hold, and of those SHOWN by fields of their own:
        one call per model named, for every batch of (model, kept fields, rows) at once."""
        wanted: dict[str, set[int]] = defaultdict(set)
        for model, kept, rows in batches:
            types = self.reader.types.of(model)
            for name in kept.values():
                info = types.get(name, {})
                relation = info.get("relation")
                if info.get("type") in RELATIONAL:
                    wanted[relation].update(
                        i for row in rows for i in row.get(name) or () if (relation, i) not in self.labels
                    )
                elif info.get("type") == "many2one" and relation in SHOWN:
                    wanted[relation].update(id_of(row[name]) for row in rows if row.get(name))
        wanted = {relation: ids - set(self._names.get(relation, {})) for relation, ids in wanted.items()}
        for relation, ids in wanted.items():
            if ids:
                self.reader.calls += 1
                fields, shown = SHOWN.get(relation, (("display_name",), lambda row: row["display_name"]))
                names = self._names.setdefault(relation, {})
                for row in self.reader.odoo.env[relation].read(sorted(ids), list(fields)):
                    names[row["id"]] = shown(row)

    def _name(self, relation: str, record_id: int, normaliser: Normaliser) -> str:
        if (relation, record_id) in self.labels:
            return self.labels[(relation, record_id)]
        return normaliser.text(self._names.get(relation, {}).get(record_id, f"#{record_id}"))
