"""Data: records of any model, by its name and its field labels, seeded through RPC."""
from __future__ import annotations

import re
from typing import Any

from pytest_bdd import given, parsers

from odoo_uat.authoring.tables import TableError
from odoo_uat.authoring.values import parse_bool, parse_number
from odoo_uat.odoo.factories import mark_seeded
from odoo_uat.odoo.names import RECORD_NAME, ScenarioNames
from pages.components.fields import as_datetime, parse_date
from pages.components.labels import label_list, normalise_label

FIELD_ATTRIBUTES = ["string", "type", "relation", "selection", "readonly", "store"]
UNSUPPORTED_TYPES = {"one2many", "binary", "reference", "many2one_reference", "properties", "json"}
CHOICES_LISTED = 8
SERVER_DATETIME = "%Y-%m-%d %H:%M:%S"


def model_named(odoo, text: str) -> str:
    """The technical name of a model given as Odoo shows it ('Product Category') or as 'product.category'."""
    models = odoo.env["ir.model"]
    found = models.search_read(["|", ("model", "=", text.strip()), ("name", "=ilike", text.strip())], ["model", "name"])
    exact = [row for row in found if row["model"] == text.strip()]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0]["model"]
    if found:
        listed = ", ".join(f'"{row["name"]}" ({row["model"]})' for row in found)
        raise LookupError(f'"{text}" names several models: {listed}. Write the technical name.')
    like = models.search_read([("name", "ilike", text.strip())], ["model", "name"], limit=CHOICES_LISTED)
    listed = ", ".join(f'"{row["name"]}" ({row["model"]})' for row in like) or "none"
    raise LookupError(f'No model "{text}". Models with a name like it: {listed}.')


def field_for(label: str, fields: dict[str, dict[str, Any]], model: str) -> str:
    """The field a column names: its technical name, or its label (stored, writable fields first)."""
    if label.strip() in fields:
        return label.strip()
    wanted = normalise_label(label)
    matches = [name for name, spec in fields.items() if normalise_label(spec.get("string") or "") == wanted]
    if len(matches) > 1:
        writable = [name for name in matches if fields[name].get("store", True) and not fields[name].get("readonly")]
        matches = writable or matches
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise TableError(f'"{label}" is the label of several fields of {model}: {", ".join(matches)}. '
                         "Write the technical name as the column.")
    writable = sorted(spec.get("string") or name for name, spec in fields.items()
                      if not spec.get("readonly") and spec.get("type") not in UNSUPPORTED_TYPES)
    raise TableError(f'{model} has no field "{label}". Its fields: {label_list(writable)}.')


def record_id(odoo, model: str, name: str, seeded: dict[tuple[str, str], int], names: ScenarioNames) -> int:
    """The id of the `model` record whose display name is `name` (as the scenario calls it)."""
    if (model, name) in seeded:
        return seeded[(model, name)]
    real = names.real(name)
    found = odoo.env[model].name_search(real, [], "ilike", CHOICES_LISTED)
    wanted = normalise_label(real)
    exact = [rid for rid, shown in found if normalise_label(shown) == wanted]
    coded = [rid for rid, shown in found if normalise_label(re.sub(r"^\[[^\]]*\]\s*", "", shown)) == wanted]
    chosen = exact or coded or (found and len(found) == 1 and [found[0][0]]) or []
    if len(chosen) == 1:
        return chosen[0]
    listed = label_list(shown for _, shown in found)
    raise LookupError(f'No single {model} named "{real}" (found: {listed}).')


def field_value(odoo, spec: dict[str, Any], text: str, seeded: dict[tuple[str, str], int],
                names: ScenarioNames) -> Any:
    """The value to send for a cell, by the field's type."""
    kind = spec["type"]
    if kind == "many2one":
        return record_id(odoo, spec["relation"], text, seeded, names)
    if kind == "many2many":
        return [(6, 0, [record_id(odoo, spec["relation"], part.strip(), seeded, names)
                        for part in text.split(",") if part.strip()])]
    if kind == "selection":
        for key, shown in spec.get("selection") or ():
            if normalise_label(shown) == normalise_label(text) or key == text:
                return key
        raise TableError(f'"{text}" is not a choice of "{spec["string"]}": '
                         f'{label_list(shown for _, shown in spec.get("selection") or ())}.')
    if kind == "boolean":
        return parse_bool(text)
    if kind == "integer":
        return int(parse_number(text))
    if kind in ("float", "monetary"):
        return parse_number(text)
    if kind == "date":
        return parse_date(text).strftime("%Y-%m-%d")
    if kind == "datetime":
        return as_datetime(parse_date(text)).strftime(SERVER_DATETIME)
    if kind in UNSUPPORTED_TYPES:
        raise TableError(f'"{spec["string"]}" ({kind}) cannot be given in a table.')
    return names.real(text)


@given(parsers.parse('the following "{model}" records exist:'))
def _(model: str, datatable: list[list[str]], odoo, names: ScenarioNames,
      seeded: dict[tuple[str, str], int]) -> None:
    """Create records of any model in one call; columns are its field labels (or technical names).

    The model is named as Odoo shows it (Product Category) or technically (product.category). Values
    follow the field: a record by its name, a choice by its label, yes/no, a number, a date like
    today + 3 days. A Name becomes unique to the scenario, so later steps can use it.
    Example: Given the following "Product Category" records exist:
    """
    technical = model_named(odoo, model)
    if len(datatable) < 2:
        raise TableError("The table needs a header row of field labels and one row per record.")
    fields = odoo.env[technical].fields_get(attributes=FIELD_ATTRIBUTES)
    header = [field_for(label, fields, technical) for label in datatable[0]]
    values, scenario_names = [], []
    for row in datatable[1:]:
        record: dict[str, Any] = {}
        for name, cell in zip(header, row):
            if not cell.strip():
                continue
            if name == RECORD_NAME and fields[name]["type"] == "char":
                record[name] = names.unique(cell.strip())
            else:
                record[name] = field_value(odoo, fields[name], cell.strip(), seeded, names)
        values.append(record)
        scenario_names.append(dict(zip(header, row)).get(RECORD_NAME, "").strip())
    ids = odoo.env[technical].create(values)
    mark_seeded(technical, ids if isinstance(ids, list) else [ids])
    for scenario_name, record_id_ in zip(scenario_names, ids if isinstance(ids, list) else [ids]):
        if scenario_name:
            seeded[(technical, scenario_name)] = record_id_
