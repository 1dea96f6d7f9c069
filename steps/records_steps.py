"""Data: records of any model, by its name and its field labels, seeded through RPC."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given

from odoo_uat.authoring.params import phrase
from odoo_uat.authoring.tables import TableError
from odoo_uat.odoo.names import RECORD_NAME, ScenarioNames
from odoo_uat.odoo.records import Records
from odoo_uat.odoo.seeding import Seeding
from odoo_uat.values import parse_bool, parse_date, parse_number
from pages.components.fields import as_datetime
from pages.components.labels import label_list, normalise_label

FIELD_ATTRIBUTES = ["string", "type", "relation", "selection", "readonly", "store"]
UNSUPPORTED_TYPES = {"one2many", "binary", "reference", "many2one_reference", "properties", "json"}
SERVER_DATETIME = "%Y-%m-%d %H:%M:%S"


def field_for(
    label: str, fields: dict[str, dict[str, Any]], model: str, english: dict[str, dict[str, Any]] | None = None
) -> str:
    """The field a column names: its technical name, or its label in the file's language (fields), else in
    English (stored, writable fields first)."""
    if label.strip() in fields:
        return label.strip()
    wanted = normalise_label(label)
    matches = [name for name, spec in fields.items() if normalise_label(spec.get("string") or "") == wanted]
    if not matches and english:
        matches = [name for name, spec in english.items() if normalise_label(spec.get("string") or "") == wanted]
    if len(matches) > 1:
        writable = [name for name in matches if fields[name].get("store", True) and not fields[name].get("readonly")]
        matches = writable or matches
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise TableError(
            f'"{label}" is the label of several fields of {model}: {", ".join(matches)}. '
            "Write the technical name as the column."
        )
    writable = sorted(
        spec.get("string") or name
        for name, spec in fields.items()
        if not spec.get("readonly") and spec.get("type") not in UNSUPPORTED_TYPES
    )
    raise TableError(f'{model} has no field "{label}". Its fields: {label_list(writable)}.')


def field_value(spec: dict[str, Any], text: str, records: Records, english: dict[str, Any] | None = None) -> Any:
    """The value to send for a cell, by the field's type (a choice by its label in the file's language or English)."""
    kind = spec["type"]
    if kind == "many2one":
        return records.by_display_name(spec["relation"], text, normalise_label, for_writing=True)
    if kind == "many2many":
        return [
            (
                6,
                0,
                [
                    records.by_display_name(spec["relation"], part.strip(), normalise_label, for_writing=True)
                    for part in text.split(",")
                    if part.strip()
                ],
            )
        ]
    if kind == "selection":
        for key, shown in [*(spec.get("selection") or ()), *((english or {}).get("selection") or ())]:
            if normalise_label(shown) == normalise_label(text) or key == text:
                return key
        raise TableError(
            f'"{text}" is not a choice of "{spec["string"]}": '
            f"{label_list(shown for _, shown in spec.get('selection') or ())}."
        )
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
    return records.names.real(text)


@given(phrase('the following "{model:Model}" records exist:'))
def _(
    model: str,
    datatable: list[list[str]],
    names: ScenarioNames,
    records: Records,
    seed: Seeding,
    phrase_language: str | None = None,
) -> None:
    """Create records of any model in one call; columns are its field labels (or technical names).

    The model is named as Odoo shows it (Product Category) or technically (product.category). Values
    follow the field: a record by its name, a choice by its label, yes/no, a number, a date like
    today + 3 days. A Name becomes unique to the scenario, so later steps can use it. In a translated
    file the model and the labels are read in the file's language (phrase_language), English ones still work.
    Example: Given the following "Product Category" records exist:
    """
    technical = records.model(model, phrase_language)
    if len(datatable) < 2:
        raise TableError("The table needs a header row of field labels and one row per record.")
    fields = records.fields(technical, FIELD_ATTRIBUTES, phrase_language)
    english = records.fields(technical, FIELD_ATTRIBUTES) if phrase_language else fields
    header = [field_for(label, fields, technical, english) for label in datatable[0]]
    values, scenario_names = [], []
    for row in datatable[1:]:
        record: dict[str, Any] = {}
        for name, cell in zip(header, row):
            if not cell.strip():
                continue
            if name == RECORD_NAME and fields[name]["type"] == "char":
                record[name] = names.unique(cell.strip())
            else:
                record[name] = field_value(fields[name], cell.strip(), records, english.get(name))
        values.append(record)
        scenario_names.append(dict(zip(header, row)).get(RECORD_NAME, "").strip())
    records.remember_all(technical, scenario_names, seed.records(technical, values))
