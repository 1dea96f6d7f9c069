"""Data: records of any model, by its name and its field labels, seeded through RPC."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pytest_bdd import given

from odoo_uat.authoring.params import phrase
from odoo_uat.authoring.tables import TableError
from odoo_uat.odoo.model_names import FIELD_ATTRIBUTES
from odoo_uat.odoo.names import RECORD_NAME, ScenarioNames
from odoo_uat.odoo.records import Records
from odoo_uat.odoo.seeding import Seeding
from odoo_uat.values import parse_bool, parse_date, parse_number
from pages.components.fields import as_datetime
from pages.components.labels import label_list, normalise_label

CLOSEST_LABELS = 8
UNSUPPORTED_TYPES = {"one2many", "binary", "reference", "many2one_reference", "properties", "json"}
SERVER_DATETIME = "%Y-%m-%d %H:%M:%S"


def field_for(
    label: str, labelled: Iterable[list[tuple[str, str]]], fields: dict[str, dict[str, Any]], model: str
) -> str:
    """The field a column names: its technical name, else the first of `labelled`'s groups (best first) holding a
    label that reads as it (stored, writable fields first)."""
    if label.strip() in fields:
        return label.strip()
    wanted, seen = normalise_label(label), []
    for group in labelled:
        matches = list(
            dict.fromkeys(name for text, name in group if normalise_label(text) == wanted and name in fields)
        )
        seen += group
        if len(matches) > 1:
            writable = [
                name for name in matches if fields[name].get("store", True) and not fields[name].get("readonly")
            ]
            matches = writable or matches
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise TableError(
                f'"{label}" is the label of several fields of {model}: {", ".join(matches)}. '
                "Write the technical name as the column."
            )
    raise TableError(f'{model} has no field "{label}". {closest_labels(wanted, seen, fields)}')


def closest_labels(wanted: str, seen: list[tuple[str, str]], fields: dict[str, dict[str, Any]]) -> str:
    """The labels most like a column that names no field (difflib), else the labels of the fields a table may set."""
    settable = [
        text
        for text, name in seen
        if text
        and not fields.get(name, {}).get("readonly")
        and fields.get(name, {}).get("type") not in UNSUPPORTED_TYPES
    ]
    by_said = {normalise_label(text): text for text in settable}
    near = difflib.get_close_matches(wanted, list(by_said), n=CLOSEST_LABELS, cutoff=0.6)
    if near:
        return (
            f"The closest labels: {label_list(by_said[text] for text in near)}. Write a column title as the screen "
            "shows it, the field's label or its technical name."
        )
    return f"Its fields: {label_list(sorted(by_said.values()))}."


def field_value(
    spec: dict[str, Any],
    text: str,
    records: Records,
    english: dict[str, Any] | None = None,
    lang: str | None = None,
) -> Any:
    """The value to send for a cell, by the field's type (a choice or a record by its name in the file's language or
    English)."""
    kind = spec["type"]
    if kind == "many2one":
        return records.by_display_name(spec["relation"], text, normalise_label, for_writing=True, lang=lang)
    if kind == "many2many":
        return [
            (
                6,
                0,
                [
                    records.by_display_name(
                        spec["relation"], part.strip(), normalise_label, for_writing=True, lang=lang
                    )
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
    """Create records of any model in one call, named as its menu or screen is; columns as its screens label them.

    The model is named as a menu or a screen's title shows it (Reordering Rules, Customers, Products),
    as Odoo describes it (Product Category) or technically (product.category), singular or plural, any
    case. Columns are the labels its list and form show (Min, Max), its fields' labels (Min Quantity) or
    technical names; a label 18.0 and 19.0 write differently works on both. Values follow the field: a
    record by its name, a choice by its label, yes/no, a number, a date like today + 3 days. A Name
    becomes unique to the scenario, so later steps can use it. In a translated file the names and labels
    are read in the file's language (phrase_language), English ones still work.
    Example: Given the following "Reordering Rules" records exist:
    """
    technical = records.model(model, phrase_language)
    if len(datatable) < 2:
        raise TableError("The table needs a header row of field labels and one row per record.")
    fields = records.fields(technical, FIELD_ATTRIBUTES, phrase_language)
    english = records.fields(technical, FIELD_ATTRIBUTES) if phrase_language else fields
    header = [
        field_for(label, records.column_labels(technical, phrase_language), fields, technical) for label in datatable[0]
    ]
    values, scenario_names = [], []
    for row in datatable[1:]:
        record: dict[str, Any] = {}
        for name, cell in zip(header, row):
            if not cell.strip():
                continue
            if name == RECORD_NAME and fields[name]["type"] == "char":
                record[name] = names.unique(cell.strip())
            else:
                record[name] = field_value(fields[name], cell.strip(), records, english.get(name), phrase_language)
        values.append(record)
        scenario_names.append(dict(zip(header, row)).get(RECORD_NAME, "").strip())
    records.remember_all(technical, scenario_names, seed.records(technical, values))
