"""An extract and Odoo's records of its domain compared: each mismatch (key, column, legacy value, Odoo value), the
records missing from Odoo, those Odoo has and the extract has not, and the whole comparison as a CSV file."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from odoo_uat.compare_legacy.extract import Extract, Key
from odoo_uat.values import parse_number

KEY_SEPARATOR = " / "
MATCH, MISMATCH, MISSING, EXTRA = "match", "mismatch", "missing in Odoo", "extra in Odoo"
EVIDENCE_HEADER = ("Key", "Column", "Legacy", "Odoo", "Result")
UNSAFE = re.compile(r"[^\w.-]+")
LISTED = 20  # mismatches a failure message lists (the evidence has them all)


@dataclass(frozen=True)
class Mismatch:
    key: str
    column: str
    legacy: str
    odoo: str


@dataclass(frozen=True)
class Reconciliation:
    """The comparison of one extract with Odoo."""

    extract: Extract
    tolerance: float
    rows: tuple[tuple[str, str, str, str, str], ...]  # Key, Column, Legacy, Odoo, Result: the evidence
    mismatches: tuple[Mismatch, ...]
    missing: tuple[str, ...]
    extra: tuple[str, ...]
    matched: int

    @property
    def ok(self) -> bool:
        return not (self.mismatches or self.missing or self.extra)

    def summary(self) -> str:
        """ "customers of customers.csv: 12 records, 11 the same, 1 with mismatches, 0 missing in Odoo, 0 extra"."""
        differing = len({mismatch.key for mismatch in self.mismatches})
        return (
            f"{self.extract.domain.name} of {self.extract.path.name}: {len(self.extract.rows)} records, "
            f"{self.matched} the same, {differing} with mismatches, {len(self.missing)} missing in Odoo, "
            f"{len(self.extra)} extra in Odoo" + (f" (tolerance {self.tolerance:g})" if self.tolerance else "")
        )

    def failure(self) -> str:
        """What the scenario's failure says: the summary, each mismatch, the keys missing and extra."""
        lines = [f"Odoo does not hold the {self.summary()}."]
        lines += [
            f"  {m.key}: {m.column} is {m.legacy!r} in the extract, {m.odoo!r} in Odoo"
            for m in self.mismatches[:LISTED]
        ]
        if len(self.mismatches) > LISTED:
            lines.append(f"  ... and {len(self.mismatches) - LISTED} more mismatches (see the attached comparison)")
        if self.missing:
            lines.append(
                f"  missing in Odoo: {', '.join(self.missing[:LISTED])}{' ...' if len(self.missing) > LISTED else ''}"
            )
        if self.extra:
            lines.append(
                f"  extra in Odoo: {', '.join(self.extra[:LISTED])}{' ...' if len(self.extra) > LISTED else ''}"
            )
        return "\n".join(lines)

    def evidence_csv(self) -> str:
        """The full comparison, one row per compared value, missing and extra record."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(EVIDENCE_HEADER)
        writer.writerows(self.rows)
        return buffer.getvalue()


def key_text(key: Key) -> str:
    return KEY_SEPARATOR.join(key)


def shown(value: Any) -> str:
    """An Odoo value as the extract would write it: no value is empty, a number without trailing zeros."""
    if value is None or value is False:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".") or "0"
    return str(value).strip()


def legacy_number(text: str) -> float:
    """A number as an extract writes it: "1234.567" as a machine writes it, else "1 234,50" or "1,234.50" as a person
    does (odoo_uat.values.parse_number); empty is 0."""
    if not text.strip():
        return 0.0
    try:
        return float(text.strip())
    except ValueError:
        return parse_number(text)


def same(legacy: str, odoo: Any, number: bool, tolerance: float) -> bool:
    """Whether a legacy value and Odoo's agree: numbers within the tolerance (an empty legacy number is 0), texts
    once trimmed."""
    if number:
        try:
            expected = legacy_number(legacy)
        except ValueError:
            return False
        actual = float(odoo or 0.0)
        return abs(expected - actual) <= tolerance + 1e-9
    return legacy.strip() == shown(odoo)


def reconcile(extract: Extract, odoo: Mapping[Key, Mapping[str, Any]], tolerance: float = 0.0) -> Reconciliation:
    """Compare the extract's rows with Odoo's (both by the extract's keys)."""
    rows: list[tuple[str, str, str, str, str]] = []
    mismatches: list[Mismatch] = []
    missing: list[str] = []
    matched = 0
    numbers = extract.domain.numbers
    for key, legacy in extract.rows.items():
        name = key_text(key)
        if key not in odoo:
            missing.append(name)
            rows.append((name, "", "", "", MISSING))
            continue
        agrees = True
        for column in extract.compared:
            value = odoo[key].get(column)
            if same(legacy.get(column, ""), value, column in numbers, tolerance):
                rows.append((name, column, legacy.get(column, ""), shown(value), MATCH))
            else:
                agrees = False
                mismatches.append(Mismatch(name, column, legacy.get(column, ""), shown(value)))
                rows.append((name, column, legacy.get(column, ""), shown(value), MISMATCH))
        if not extract.compared:
            rows.append((name, "", "", "", MATCH))
        matched += agrees
    extra = sorted(key_text(key) for key in odoo if key not in extract.rows)
    rows += [(name, "", "", "", EXTRA) for name in extra]
    return Reconciliation(extract, tolerance, tuple(rows), tuple(mismatches), tuple(missing), tuple(extra), matched)


def evidence_file(folder: Path, extract: Extract) -> Path:
    """Where a reconciliation's CSV is kept: <folder>/<domain>-<extract's file name>.csv."""
    return folder / f"{UNSAFE.sub('-', extract.domain.name)}-{extract.path.stem}.csv"
