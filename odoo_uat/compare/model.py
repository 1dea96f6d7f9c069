"""The compare of two runs: each scenario's verdict (the same, different, only in one run) and its changes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from odoo_uat.compare.diff import Change, changes
from odoo_uat.compare.settings import CompareSettings

SAME, DIFFERENT, ONLY_BASE, ONLY_HEAD = "same", "different", "only in BASE", "only in HEAD"
VERDICTS = (DIFFERENT, ONLY_BASE, ONLY_HEAD, SAME)  # the order reports list them in


@dataclass(frozen=True)
class ScenarioComparison:
    """One scenario: its verdict, what changed, how it ended in each run, and what either recording noted."""

    id: str
    verdict: str
    changes: tuple[Change, ...] = ()
    base_status: str | None = None
    head_status: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Run:
    """One side of a compare: the folder given, the Odoo versions its records were made on, how many records."""

    folder: Path
    versions: tuple[str, ...]
    records: int


@dataclass(frozen=True)
class Comparison:
    base: Run
    head: Run
    scenarios: tuple[ScenarioComparison, ...]
    notes: tuple[str, ...] = field(default=())

    def count(self, verdict: str) -> int:
        return sum(1 for scenario in self.scenarios if scenario.verdict == verdict)

    @property
    def all_same(self) -> bool:
        return all(scenario.verdict == SAME for scenario in self.scenarios)


def by_id(records: Iterable[tuple[Path, Mapping[str, Any]]]) -> tuple[dict[str, Mapping[str, Any]], list[str]]:
    """Scenario id -> record, and a note for each id recorded twice (the later file kept)."""
    found: dict[str, Mapping[str, Any]] = {}
    notes = []
    for path, record in records:
        identifier = str(record["scenario"]["id"])
        if identifier in found:
            notes.append(f"{identifier}: recorded twice in one run, {path.name} kept")
        found[identifier] = record
    return found, notes


def run_of(folder: Path, records: Mapping[str, Mapping[str, Any]]) -> Run:
    versions = sorted({str(r.get("meta", {}).get("odoo")) for r in records.values() if r.get("meta", {}).get("odoo")})
    return Run(folder, tuple(versions), len(records))


def compare_runs(
    base_folder: Path,
    base_records: Iterable[tuple[Path, Mapping[str, Any]]],
    head_folder: Path,
    head_records: Iterable[tuple[Path, Mapping[str, Any]]],
    settings: CompareSettings,
) -> Comparison:
    """Every scenario recorded in either run, compared."""
    base, base_notes = by_id(base_records)
    head, head_notes = by_id(head_records)
    scenarios = []
    for identifier in sorted(set(base) | set(head)):
        before, after = base.get(identifier), head.get(identifier)
        notes = tuple(
            f"{side}: {note}"
            for side, record in (("BASE", before), ("HEAD", after))
            if record
            for note in record.get("notes") or []
        )
        status = {"base_status": _status(before), "head_status": _status(after), "notes": notes}
        if before is None:
            scenarios.append(ScenarioComparison(identifier, ONLY_HEAD, **status))
        elif after is None:
            scenarios.append(ScenarioComparison(identifier, ONLY_BASE, **status))
        else:
            found = tuple(changes(before, after, settings))
            scenarios.append(ScenarioComparison(identifier, DIFFERENT if found else SAME, found, **status))
    scenarios.sort(key=lambda s: (VERDICTS.index(s.verdict), s.id))
    return Comparison(
        run_of(base_folder, base),
        run_of(head_folder, head),
        tuple(scenarios),
        tuple(f"BASE: {note}" for note in base_notes) + tuple(f"HEAD: {note}" for note in head_notes),
    )


def _status(record: Mapping[str, Any] | None) -> str | None:
    return None if record is None else str(record.get("status"))
