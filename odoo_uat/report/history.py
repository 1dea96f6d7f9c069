"""History: what each run found, kept as one JSON file per run, and what changed since the previous run.

Every exit report writes <history dir>/<run id>.json (scenario outcomes, requirements proven, commit,
Odoo version, languages) and compares the run with the previous run of the same scope: the same wave
and the same process areas. The pass rate of those runs is the exit report's chart. Allure 3 keeps its
own history (reports/allure-history.jsonl) for its report; this one is the exit report's and the
requirement freshness's (odoo_uat/signoff/freshness.py reads it).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from odoo_uat.report.results import Scenario

SCHEMA_VERSION = 1
CHART_RUNS = 20  # runs shown in the pass-rate chart
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class RunRecord:
    """One run as the history keeps it."""

    run_id: str
    generated: str  # ISO 8601
    scope: str
    wave: str | None
    commit: str | None
    odoo_version: str | None
    pass_rate: float | None
    scenarios: Mapping[str, str]  # scenario key -> status
    requirements: Mapping[str, Mapping[str, Any]]  # id -> {"status", "features", "languages"}
    data: Mapping[str, Any]  # the whole record as written

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> RunRecord:
        """Read a record written by record_data()."""
        return cls(
            run_id=str(data["run_id"]),
            generated=str(data["generated"]),
            scope=str(data.get("scope", "")),
            wave=data.get("wave"),
            commit=data.get("commit"),
            odoo_version=data.get("odoo_version"),
            pass_rate=data.get("pass_rate"),
            scenarios=dict(data.get("scenarios", {})),
            requirements=dict(data.get("requirements", {})),
            data=data,
        )


@dataclass(frozen=True)
class HistoryView:
    """This run against the previous run of the same scope, and the pass rate of the runs of that scope."""

    scope: str
    previous: RunRecord | None
    new_failures: tuple[str, ...] = ()
    regressed: tuple[str, ...] = ()  # failed once, was fixed, fails again
    fixed: tuple[str, ...] = ()
    still_failing: tuple[str, ...] = ()
    new_scenarios: tuple[str, ...] = ()
    removed_scenarios: tuple[str, ...] = ()
    chart: tuple[tuple[str, str, float | None], ...] = ()  # (run id, generated, pass rate), oldest first


def scenario_key(scenario: Scenario) -> str:
    """How a scenario is known from run to run: its feature file and its title."""
    return f"{scenario.feature}: {scenario.title}"


def scenario_language(scenario: Scenario) -> str:
    """The language the scenario is written in: the feature file's suffix (quote_to_ship.fr.feature), else English."""
    parts = Path(scenario.feature).name.split(".")
    return parts[-2] if len(parts) > 2 else DEFAULT_LANGUAGE


def scope_of(wave: str | None, areas: Iterable[str], changed: str | None = None) -> str:
    """The scope runs are compared within: the wave and the process areas run (and a --changed range)."""
    scope = f"wave {wave}" if wave else "all waves"
    scope += ": " + (", ".join(sorted({a for a in areas if a})) or "no process area")
    return scope + (f" (changes {changed})" if changed else "")


def record_data(
    run_id: str,
    generated: datetime,
    scope: str,
    scenarios: Sequence[Scenario],
    run: Mapping[str, Any],
    pass_rate: float | None,
) -> dict[str, Any]:
    """The history record of a run. run: wave, commit, odoo_version, started."""
    requirements: dict[str, dict[str, Any]] = {}
    for rid in sorted({r for s in scenarios for r in s.requirements}):
        mine = [s for s in scenarios if rid in s.requirements]
        status = "failed" if any(s.failing for s in mine) else "passed" if any(s.passed for s in mine) else "not run"
        requirements[rid] = {
            "status": status,
            "features": sorted({s.feature for s in mine}),
            "languages": sorted({scenario_language(s) for s in mine}),
        }
    return {
        "schema_version": SCHEMA_VERSION,
        "run_id": run_id,
        "generated": generated.isoformat(),
        "scope": scope,
        **dict(run),
        "pass_rate": pass_rate,
        "scenarios": {scenario_key(s): s.status for s in scenarios},
        "requirements": requirements,
    }


def load_history(directory: Path) -> list[RunRecord]:
    """Every run recorded in directory, oldest first; unreadable files are skipped (named by problems())."""
    records = []
    for path in sorted(directory.glob("*.json")) if directory.is_dir() else ():
        try:
            records.append(RunRecord.from_data(json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(records, key=lambda r: r.generated)


def write_record(directory: Path, data: Mapping[str, Any]) -> Path:
    """Write (or rewrite, when the same run is reported again) the run's record."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{_safe(str(data['run_id']))}.json"
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def compare(current: Mapping[str, Any], history: Sequence[RunRecord]) -> HistoryView:
    """This run (record_data()) against the last earlier run of the same scope."""
    scope, run_id = current["scope"], current["run_id"]
    earlier = [r for r in history if r.scope == scope and r.run_id != run_id and r.generated < current["generated"]]
    chart = tuple(
        (r.run_id, str(r.data.get("started") or r.generated), r.pass_rate) for r in earlier[-(CHART_RUNS - 1) :]
    ) + ((run_id, current.get("started") or current["generated"], current["pass_rate"]),)
    if not earlier:
        return HistoryView(scope, None, chart=chart)
    previous, now = earlier[-1], current["scenarios"]
    before = previous.scenarios
    failed_once = {k for r in earlier[:-1] for k, status in r.scenarios.items() if _failing(status)}
    failing_now = sorted(k for k, status in now.items() if _failing(status))
    return HistoryView(
        scope=scope,
        previous=previous,
        new_failures=tuple(k for k in failing_now if not _failing(before.get(k)) and k not in failed_once),
        regressed=tuple(k for k in failing_now if not _failing(before.get(k)) and k in failed_once),
        fixed=tuple(sorted(k for k, status in now.items() if status == "passed" and _failing(before.get(k)))),
        still_failing=tuple(k for k in failing_now if _failing(before.get(k))),
        new_scenarios=tuple(sorted(set(now) - set(before))),
        removed_scenarios=tuple(sorted(set(before) - set(now))),
        chart=chart,
    )


def _failing(status: str | None) -> bool:
    return status in ("failed", "broken")


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in name)
