"""A legacy extract: a CSV file (comma, semicolon or tab separated; UTF-8, with or without a BOM) read as rows of
{column: value}, with errors that name the file, the line and the fix."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

from odoo_uat.compare_legacy.domains import DataDomain

DELIMITERS = ",;\t|"
Key = tuple[str, ...]


class ExtractError(ValueError):
    """The extract cannot be read as its domain needs; the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Extract:
    """The rows of an extract, by key, and the columns it holds that are compared."""

    path: Path
    domain: DataDomain
    rows: dict[Key, dict[str, str]]
    compared: tuple[str, ...]


def read_extract(path: Path, domain: DataDomain, column: Callable[[str], str] = str) -> Extract:
    """Read the extract of a domain; `column` turns a header cell into the domain's column (a French "Nom")."""
    if not path.is_file():
        raise ExtractError(
            f"The legacy extract {path} does not exist: its path is relative to the feature file's folder."
        )
    text = path.read_text(encoding="utf-8-sig")
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text.strip() else ",", delimiters=DELIMITERS)
    except csv.Error:
        dialect = csv.excel
    lines = list(csv.reader(text.splitlines(), dialect))
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise ExtractError(f"The legacy extract {path} is empty: it needs a header row ({', '.join(domain.known)}).")
    header = [_column(cell.strip(), domain, column, path) for cell in lines[0]]
    missing = [name for name in (*domain.keys, *domain.required) if name not in header]
    if missing:
        raise ExtractError(
            f"The legacy extract {path} of {domain.name} has no column {', '.join(missing)} "
            f"(its header: {', '.join(cell.strip() for cell in lines[0])}; {domain.name} need {', '.join(domain.keys)}"
            f"{', ' + ', '.join(domain.required) if domain.required else ''})."
        )
    rows: dict[Key, dict[str, str]] = {}
    first_line: dict[Key, int] = {}
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
        key = tuple(row[name] for name in domain.keys)
        if not all(key):
            raise ExtractError(f"{path}, line {number}: the key column(s) {', '.join(domain.keys)} must not be empty.")
        if key in rows:
            raise ExtractError(
                f"{path}, line {number}: {' / '.join(key)} is already on line {first_line[key]}; a key is one record."
            )
        rows[key] = row
        first_line[key] = number
    compared = tuple(name for name in domain.columns if name in header)
    return Extract(path, domain, rows, compared)


def _column(cell: str, domain: DataDomain, column: Callable[[str], str], path: Path) -> str:
    """The domain's column a header cell names (any case, or translated); an unknown one lists the closest."""
    by_fold = {name.casefold(): name for name in domain.known}
    for candidate in (cell, column(cell)):
        if candidate.casefold() in by_fold:
            return by_fold[candidate.casefold()]
    close = get_close_matches(cell, domain.known, n=3, cutoff=0.5)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise ExtractError(
        f"The legacy extract {path} has a column {cell!r} that {domain.name} do not have{hint}: "
        f"their columns are {', '.join(domain.known)}."
    )
