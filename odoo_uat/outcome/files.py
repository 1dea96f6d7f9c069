"""Where outcome records are kept, under which name, and how a compare finds them again.

A run keeps them in <its reports folder>/outcomes/, next to its Allure results (reports/outcomes/, a shard's
reports/shards/k-of-N/outcomes/), one JSON file per scenario named after the scenario's id (feature file and
scenario name, the same on every run and every Odoo version).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from slugify import slugify

OUTCOMES = "outcomes"
REPORTS = Path("reports")  # the run's reports folder when no Allure results folder is given
ALLURE_RESULTS = "allure-results"
SUFFIX = ".json"
MAX_SLUG = 100
HASH_SIZE = 8
FORMAT = 1  # the layout of a record; a compare refuses records of another layout


def outcomes_root(allure_results: str | Path | None) -> Path:
    """<the run's reports folder>/outcomes: next to the Allure results (reports/, or a shard's folder)."""
    reports = Path(allure_results).parent if allure_results else REPORTS
    return reports / OUTCOMES


def scenario_id(feature: str, scenario: str, example: str | None = None) -> str:
    """A scenario's id across runs: "order_to_cash/quote_to_ship.feature: Ship a confirmed order in full"; an
    Examples row whose values are not in the scenario's name adds its id ("[1]")."""
    return f"{feature}: {scenario}" + (f" [{example}]" if example else "")


def file_name(identifier: str) -> str:
    """The file of a scenario's record: its id made safe for a path, and a short hash that keeps ids apart."""
    digest = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:HASH_SIZE]
    return f"{slugify(identifier, max_length=MAX_SLUG, word_boundary=True)}-{digest}{SUFFIX}"


def write(folder: Path, record: Mapping[str, Any]) -> Path:
    """Write one scenario's record (sorted keys, so two records diff line by line too); returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(record["scenario"]["id"])
    text = json.dumps({"format": FORMAT, **record}, indent=2, sort_keys=True, ensure_ascii=False, default=str)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def outcome_folders(results: Path) -> list[Path]:
    """The outcome folders a results folder stands for: itself when it holds records, its outcomes/ (or the one
    next to it when it is an Allure results folder), else every outcomes/ below it (the shards of a run)."""
    if not results.is_dir():
        return []
    candidates = [results / OUTCOMES]
    if results.name == ALLURE_RESULTS:
        candidates.append(results.parent / OUTCOMES)
    for candidate in candidates:
        if candidate.is_dir():
            return [candidate]
    if any(results.glob(f"*{SUFFIX}")) and results.name == OUTCOMES:
        return [results]
    return sorted(path for path in results.rglob(OUTCOMES) if path.is_dir())


def records(results: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every outcome record a results folder holds, with its path; a file that is no record is skipped."""
    for folder in outcome_folders(results):
        for path in sorted(folder.glob(f"*{SUFFIX}")):
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(record, dict) and isinstance(record.get("scenario"), dict) and "id" in record["scenario"]:
                yield path, record


def clean(folder: Path) -> None:
    """Remove the records an earlier run left in the folder (as --clean-alluredir does for the Allure results)."""
    if folder.is_dir():
        for path in folder.glob(f"*{SUFFIX}"):
            path.unlink(missing_ok=True)
