"""Gherkin tables as rows of {column: value}, with errors that list the columns a step knows."""

from __future__ import annotations

from collections.abc import Iterable

from odoo_uat.authoring.i18n import REGISTERED


class TableError(ValueError):
    """A step's table has a column the step does not know, or misses a required one."""


def table_rows(datatable: list[list[str]], known: Iterable[str], required: Iterable[str] = ()) -> list[dict[str, str]]:
    """The table's rows keyed by header; header names compare case-insensitively, in any registered language."""
    if not datatable or len(datatable) < 2:
        raise TableError("The table needs a header row and at least one row of values.")
    by_fold = {name.casefold(): name for name in known}
    header = [_english(cell.strip(), by_fold) for cell in datatable[0]]
    unknown = [cell for cell in header if cell.casefold() not in by_fold]
    if unknown:
        raise TableError(
            f"Unknown column(s) {', '.join(repr(c) for c in unknown)}. This step knows: {', '.join(by_fold.values())}."
        )
    columns = [by_fold[cell.casefold()] for cell in header]
    missing = [name for name in required if name not in columns]
    if missing:
        raise TableError(f"The table needs the column(s) {', '.join(missing)}.")
    return [
        {column: value.strip() for column, value in zip(columns, row) if value.strip() != ""} for row in datatable[1:]
    ]


def _english(column: str, by_fold: dict[str, str]) -> str:
    """The column as the step knows it: itself, or the English column a language file translates it from."""
    if column.casefold() in by_fold:
        return column
    return REGISTERED.column(column) or column
