"""Gherkin tables as rows of {column: value}, with errors that list the columns a step knows."""
from __future__ import annotations

from typing import Iterable


class TableError(ValueError):
    """A step's table has a column the step does not know, or misses a required one."""


def table_rows(datatable: list[list[str]], known: Iterable[str], required: Iterable[str] = ()) -> list[dict[str, str]]:
    """The table's rows keyed by header; header names compare case-insensitively."""
    if not datatable or len(datatable) < 2:
        raise TableError("The table needs a header row and at least one row of values.")
    by_fold = {name.casefold(): name for name in known}
    header = [cell.strip() for cell in datatable[0]]
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
        {column: value.strip() for column, value in zip(columns, row) if value.strip() != ""}
        for row in datatable[1:]
    ]
