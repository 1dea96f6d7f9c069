"""Assemble the exit report from results, requirements and the exit criteria."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from odoo_uat.report import metadata
from odoo_uat.report.config import ExitCriteria
from odoo_uat.report.criteria import evaluate
from odoo_uat.report.history import RunRecord, compare, record_data, scope_of
from odoo_uat.report.model import (
    GO,
    GO_WITH_WAIVERS,
    NO_GO,
    AreaSummary,
    Counts,
    CriterionResult,
    ExitReport,
    ImpactSelection,
    RequirementTrace,
    RoleAsRun,
    RoleGroup,
    RunInfo,
    SelectedScenario,
)
from odoo_uat.report.proofs import Freshness
from odoo_uat.report.requirements import Requirement
from odoo_uat.report.results import RunResults, Scenario
from odoo_uat.report.selection import SELECTION_FILE
from odoo_uat.report.waivers import Waiver, judge_waivers, waived_scenarios

ALLURE_INDEX = "index.html"


def build_report(
    results: RunResults,
    criteria: ExitCriteria,
    requirements: Sequence[Requirement] | None,
    *,
    wave: str | None = None,
    output_dir: Path,
    allure_report: Path | None = None,
    now: datetime | None = None,
    selection_file: Path | None = None,
    waivers: Sequence[Waiver] = (),
    freshness: Freshness | None = None,
    history: Sequence[RunRecord] | None = None,
) -> ExitReport:
    """Evaluate the exit criteria; wave defaults to the one the run recorded.

    selection_file: what a `--changed` run selected (default: impact-selection.json in output_dir).
    waivers: accepted known defects; freshness: the last proofs before this run; history: earlier runs
    (None: no comparison).
    """
    now = now or datetime.now(UTC)
    try:
        selection, selection_problem = load_selection(selection_file or output_dir / SELECTION_FILE), None
    except ValueError as error:
        selection, selection_problem = None, str(error)
    wave = wave if wave is not None else results.environment.get(metadata.WAVE) or None
    in_wave = [s for s in results.scenarios if wave is None or wave in s.waves]
    scoped_requirements = [r for r in requirements or () if r.in_scope(wave)]
    scoped_areas = {r.process_area for r in scoped_requirements if r.process_area} | set(criteria.process_areas)
    if selection is not None and selection.partial:
        # A --changed run is judged on what the change can affect: the requirements its scenarios trace
        # and their process areas; the rest is the full run's to prove (on the merge to main).
        traced = {rid for s in in_wave for rid in s.requirements}
        scoped_requirements = [r for r in scoped_requirements if r.id in traced]
        scoped_areas = {s.process_area for s in in_wave if s.process_area}
    traces = _traces(scoped_requirements, in_wave, freshness) if requirements is not None else None
    areas = _areas(in_wave, scoped_areas)
    checked = evaluate(criteria, in_wave, areas, traces)
    statuses = judge_waivers(waivers, in_wave, now.date(), criteria.unwaivable_severities)
    waived = waived_scenarios(statuses)
    if waived and not all(c.met for c in checked):
        checked = _with_waivers(criteria, checked, in_wave, scoped_areas, scoped_requirements, freshness, waived)
    reasons = [c.reason for c in checked if not c.met] + [w.problem for w in statuses if w.blocks]
    if not results.scenarios:
        reasons.insert(
            0, f"No scenario results found in {results.directory}: the suite did not run or wrote its results elsewhere"
        )
    elif not in_wave:
        reasons.insert(0, f"None of the {len(results.scenarios)} scenario results belongs to wave {wave}")
    with_waivers = waived and any(c.waived for c in checked)
    verdict = NO_GO if reasons else GO_WITH_WAIVERS if with_waivers else GO
    if verdict == GO_WITH_WAIVERS:
        holding = [w.waiver.id for w in statuses if w.waiver.id and w.scenarios and not w.blocks]
        reasons = [
            f"All {len(checked)} exit criteria are met, {len(waived)} failing scenario"
            f"{'s' if len(waived) != 1 else ''} accepted by waiver {', '.join(holding)}"
        ]
    elif verdict == GO:
        reasons = [f"All {len(checked)} exit criteria are met"]
        if selection is not None and selection.partial:
            reasons = [f"{reasons[0]} for the scope of the change {selection.revisions}"]
    notes = _notes(results.scenarios, in_wave, wave, scoped_requirements)
    if selection is not None:
        notes.insert(0, selection.summary)
    if selection_problem:
        notes.insert(0, selection_problem)
    roles, unreadable = roles_as_run(results.environment)
    notes += unreadable
    notes += [
        f"Waiver {w.waiver.id} covers no failing scenario: remove it once its defect is closed"
        for w in statuses
        if not w.scenarios and not w.blocks
    ]
    run = _run_info(results, in_wave, wave, now)
    run_id = results.environment.get(metadata.RUN_ID) or f"report-{now.strftime('%Y%m%dT%H%M%SZ')}"
    view = None
    if history is not None:
        view = compare(history_record(run_id, run, in_wave, selection), history)
    return ExitReport(
        verdict=verdict,
        reasons=tuple(reasons),
        notes=tuple(notes),
        criteria=tuple(checked),
        run=run,
        scenarios=tuple(in_wave),
        areas=tuple(areas),
        requirements=tuple(traces or ()),
        unlisted_requirements=tuple(_unlisted(requirements, in_wave)),
        allure_index=_allure_index(allure_report, output_dir),
        selection=selection,
        roles=tuple(roles),
        waivers=tuple(statuses),
        history=view,
        run_id=run_id,
    )


def history_record(
    run_id: str, run: RunInfo, scenarios: Sequence[Scenario], selection: ImpactSelection | None
) -> dict[str, Any]:
    """What the history keeps of this run (odoo_uat/report/history.py)."""
    changed = selection.revisions if selection is not None and selection.partial else None
    facts = {
        "wave": run.wave,
        "commit": run.git_commit,
        "odoo_version": " ".join(p for p in (run.odoo_version, run.odoo_edition) if p) or None,
        "started": run.started.isoformat() if run.started else None,
    }
    scope = scope_of(run.wave, (s.process_area for s in scenarios), changed)
    return record_data(run_id, run.generated, scope, scenarios, facts, Counts.of(scenarios).pass_rate)


def _with_waivers(
    criteria: ExitCriteria,
    checked: Sequence[CriterionResult],
    scenarios: Sequence[Scenario],
    scoped_areas: set[str],
    requirements: Sequence[Requirement],
    freshness: Freshness | None,
    waived: set[str],
) -> list[CriterionResult]:
    """The criteria judged with the waived scenarios counted as passed; each one met only so is marked waived."""
    accepted = [dataclasses.replace(s, status="passed") if s.uuid in waived else s for s in scenarios]
    traces = _traces(requirements, accepted, freshness) if criteria.every_requirement_passed else None
    again = {c.key: c for c in evaluate(criteria, accepted, _areas(accepted, scoped_areas), traces)}
    result = []
    for c in checked:
        other = again.get(c.key)
        if c.met or other is None or not other.met:
            result.append(c)
        else:
            result.append(
                dataclasses.replace(
                    c, met=True, waived=True, measured=f"{c.measured}; with the waived: {other.measured}"
                )
            )
    return result


def load_selection(path: Path) -> ImpactSelection | None:
    """The selection a `--changed` run wrote (odoo_uat/plugins/impact_selection.py); None when there is none."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise ValueError(
            f"What the --changed run selected is unknown: {path} cannot be read ({error}); delete it, "
            "or run the suite with --changed again"
        ) from None
    if not isinstance(data, dict):
        raise ValueError(f"{path} does not hold a --changed selection (a JSON object); delete it")
    return ImpactSelection(
        revisions=str(data.get("revisions", "")),
        changed_modules=tuple((name, tuple(files)) for name, files in data.get("changed_modules", {}).items()),
        affected_modules=tuple(data.get("affected_modules", {}).items()),
        changed_features=tuple(data.get("changed_features", ())),
        suite_code_changed=tuple(data.get("suite_code_changed", ())),
        notes=tuple(data.get("notes", ())),
        total=int(data.get("total", 0)),
        deselected=int(data.get("deselected", 0)),
        selected=tuple(
            SelectedScenario(str(s.get("name", "")), str(s.get("feature", "")), tuple(s.get("reasons", ())))
            for s in data.get("selected", ())
        ),
    )


def roles_as_run(environment: Mapping[str, str]) -> tuple[list[RoleAsRun], list[str]]:
    """The roles the run acted as, from the run metadata (metadata.write_role_as_run), by name; and a note for
    each that cannot be read."""
    roles, notes = [], []
    for key, value in environment.items():
        if not key.startswith(metadata.ROLE_AS_RUN):
            continue
        name = key[len(metadata.ROLE_AS_RUN) :]
        try:
            data = json.loads(value)
            administrators = set(data.get("administrators", ()))
            groups = [
                RoleGroup(str(xml_id), str(shown or ""), xml_id in administrators)
                for xml_id, shown in dict(data.get("groups", {})).items()
            ]
            login, default_access = str(data["login"]), bool(data.get("default_access", False))
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            notes.append(f'The groups the role "{name}" held in the run cannot be read from the run metadata ({error})')
            continue
        groups.sort(key=lambda g: (g.shown.casefold(), g.xml_id))
        roles.append(RoleAsRun(name, login, tuple(groups), default_access))
    return sorted(roles, key=lambda r: r.name.casefold()), notes


def _traces(
    requirements: Sequence[Requirement], scenarios: Sequence[Scenario], freshness: Freshness | None = None
) -> list[RequirementTrace]:
    return [
        RequirementTrace(
            r,
            tuple(s for s in scenarios if r.id in s.requirements),
            last_proof=freshness.automated.get(r.id) if freshness else None,
            manual=freshness.manual.get(r.id) if freshness else None,
        )
        for r in requirements
    ]


def _areas(scenarios: Sequence[Scenario], in_scope: set[str]) -> list[AreaSummary]:
    keys = sorted({s.process_area for s in scenarios} | in_scope, key=lambda k: (k == "", k))
    return [AreaSummary(k, k in in_scope, Counts.of(s for s in scenarios if s.process_area == k)) for k in keys]


def _unlisted(
    requirements: Sequence[Requirement] | None, scenarios: Sequence[Scenario]
) -> list[tuple[str, tuple[Scenario, ...]]]:
    if requirements is None:
        return []
    known = {r.id for r in requirements}
    tagged = sorted({rid for s in scenarios for rid in s.requirements} - known)
    return [(rid, tuple(s for s in scenarios if rid in s.requirements)) for rid in tagged]


def _notes(
    all_scenarios: Sequence[Scenario],
    scenarios: Sequence[Scenario],
    wave: str | None,
    requirements: Sequence[Requirement],
) -> list[str]:
    notes = []
    if wave is not None and (other := len(all_scenarios) - len(scenarios)):
        notes.append(f"{other} scenario results outside wave {wave} were left out")
    if still := sorted({t for s in scenarios if s.failing for t in s.defects}):
        notes.append(f"Known defects still failing: {', '.join(still)}")
    if fixed := sorted({t for s in scenarios if s.passed for t in s.defects}):
        notes.append(f"Known defects whose scenario now passes (retest and close): {', '.join(fixed)}")
    if skipped := sum(s.skipped for s in scenarios):
        notes.append(
            f"{skipped} scenario{'s' if skipped != 1 else ''} skipped; skipped scenarios do not count as failures"
        )
    if flaky := sum(s.flaky for s in scenarios):
        notes.append(
            f"{flaky} scenario{'s' if flaky != 1 else ''} passed only after a retry (flaky): see Flaky scenarios"
        )
    return notes


def _run_info(results: RunResults, scenarios: Sequence[Scenario], wave: str | None, now: datetime) -> RunInfo:
    env: Mapping[str, str] = results.environment
    executor: Mapping[str, Any] = results.executor or {}
    starts = [s.start for s in scenarios if s.start]
    stops = [s.stop for s in scenarios if s.stop]
    return RunInfo(
        results_dir=str(results.directory),
        generated=now,
        wave=wave,
        odoo_version=env.get(metadata.ODOO_VERSION),
        odoo_edition=env.get(metadata.ODOO_EDITION),
        odoo_url=env.get(metadata.ODOO_URL),
        database=env.get(metadata.DATABASE),
        modules=env.get(metadata.MODULES),
        framework_version=env.get(metadata.FRAMEWORK_VERSION),
        git_commit=env.get(metadata.GIT_COMMIT),
        started=_time(min(starts)) if starts else None,
        finished=_time(max(stops)) if stops else None,
        build_name=executor.get("buildName"),
        build_url=executor.get("buildUrl"),
    )


def _time(millis: int) -> datetime:
    return datetime.fromtimestamp(millis / 1000, tz=UTC)


def _allure_index(allure_report: Path | None, output_dir: Path) -> str | None:
    if allure_report is None or not (allure_report / ALLURE_INDEX).is_file():
        return None
    return Path(os.path.relpath(allure_report / ALLURE_INDEX, output_dir)).as_posix()
