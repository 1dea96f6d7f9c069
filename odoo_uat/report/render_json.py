"""The exit report as JSON, for dashboards and CI gates."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from odoo_uat.report.model import ExitReport, ImpactSelection, defect_status
from odoo_uat.report.results import Scenario

SCHEMA_VERSION = 1


def render_json(report: ExitReport) -> str:
    """Serialise the report; times are ISO 8601, percentages are numbers."""
    run = report.run
    counts = report.counts
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "verdict": report.verdict,
        "run_id": report.run_id,
        "reasons": list(report.reasons),
        "notes": list(report.notes),
        "criteria": [
            {
                "key": c.key,
                "title": c.title,
                "required": c.required,
                "measured": c.measured,
                "met": c.met,
                "details": list(c.details),
            }
            for c in report.criteria
        ],
        "totals": {**_counts(counts), "pass_rate": counts.pass_rate},
        "run": {
            "wave": run.wave,
            "odoo_version": run.odoo_version,
            "odoo_edition": run.odoo_edition,
            "odoo_url": run.odoo_url,
            "database": run.database,
            "modules": run.modules,
            "framework_version": run.framework_version,
            "git_commit": run.git_commit,
            "started": run.started.isoformat() if run.started else None,
            "finished": run.finished.isoformat() if run.finished else None,
            "duration_seconds": run.duration.total_seconds() if run.duration is not None else None,
            "build_name": run.build_name,
            "build_url": run.build_url,
            "results_dir": run.results_dir,
            "generated": run.generated.isoformat(),
            "speed_budget": _speed(report),
        },
        "process_areas": [
            {"key": a.key, "name": a.name, "in_scope": a.in_scope, **_counts(a.counts), "pass_rate": a.counts.pass_rate}
            for a in report.areas
        ],
        "failures": [{**_scenario(report, s), "category": s.category} for s in report.failures],
        "skipped": [{**_scenario(report, s), "reason": s.skip_reason} for s in report.skipped],
        "flaky": [_scenario(report, s) for s in report.flaky],
        "known_defects": [
            {**_scenario(report, s), "tickets": list(s.defects), "meaning": defect_status(s)}
            for s in report.known_defects
        ],
        "requirements": [
            {
                "id": t.requirement.id,
                "title": t.requirement.title,
                "process_area": t.requirement.process_area,
                "waves": list(t.requirement.waves),
                "status": t.status,
                "scenarios": [_scenario(report, s) for s in t.scenarios],
                "proven_by_this_run": t.proven_here,
                "last_proof": dataclasses.asdict(t.proof) if t.proof else None,
            }
            for t in report.requirements
        ],
        "unlisted_requirements": [
            {"id": rid, "scenarios": [_scenario(report, s) for s in scenarios]}
            for rid, scenarios in report.unlisted_requirements
        ],
        "selection": _selection(report.selection),
        "waivers": [
            {
                "id": w.waiver.id,
                "owner": w.waiver.owner,
                "reason": w.waiver.reason,
                "covers": list(w.waiver.covers),
                "expires": w.waiver.expires.isoformat(),
                "days_left": w.days_left,
                "state": w.state,
                "problem": w.problem or None,
                "failing_scenarios": [s.title for s in w.scenarios],
            }
            for w in report.waivers
        ],
        "since_previous_run": _history(report),
        "roles": [
            {
                "name": role.name,
                "login": role.login,
                "default_access": role.default_access,
                "groups": [{"xml_id": g.xml_id, "name": g.name, "administrator": g.administrator} for g in role.groups],
            }
            for role in report.roles
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _history(report: ExitReport) -> dict[str, Any] | None:
    view = report.history
    if view is None:
        return None
    data = {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(view).items() if k != "previous"}
    data["previous_run"] = view.previous.run_id if view.previous else None
    return data


def _counts(counts: Any) -> dict[str, int]:
    return {
        "total": counts.total,
        "passed": counts.passed,
        "failed": counts.failed,
        "skipped": counts.skipped,
        "flaky": counts.flaky,
    }


def _scenario(report: ExitReport, scenario: Scenario) -> dict[str, Any]:
    return {
        "name": scenario.title,
        "feature": scenario.feature,
        "process_area": scenario.process_area,
        "severity": scenario.severity,
        "status": scenario.status,
        "failing_step": scenario.failing_step,
        "message": scenario.message or None,
        "attempts": scenario.attempts,
        "flaky": scenario.flaky,
        "requirements": list(scenario.requirements),
        "records": [{"name": n, "url": u} for n, u in scenario.record_links],
        "allure": report.allure_link(scenario),
        "full_name": scenario.full_name,
    }


def _speed(report: ExitReport) -> dict[str, Any] | None:
    """The run's scenarios against the speed baseline; None when the report was built without the check."""
    check = report.speed
    if check is None:
        return None
    return {
        "summary": check.summary,
        "odoo_series": check.series,
        "baseline_recorded": check.recorded,
        "mode": check.mode,
        "margin_percent": check.margin,
        "compared": check.compared,
        "failed": check.failed,
        "notes": list(check.notes),
        "over": [
            {"name": o.name, "baseline": o.baseline, "now": o.now, "unit": o.unit, "percent": round(o.percent, 1)}
            for o in check.over
        ],
    }


def _selection(selection: ImpactSelection | None) -> dict[str, Any] | None:
    """What a `--changed` run selected, None on a full run."""
    if selection is None:
        return None
    return {
        "revisions": selection.revisions,
        "changed_modules": {name: list(files) for name, files in selection.changed_modules},
        "affected_modules": dict(selection.affected_modules),
        "changed_features": list(selection.changed_features),
        "suite_code_changed": list(selection.suite_code_changed),
        "notes": list(selection.notes),
        "total": selection.total,
        "deselected": selection.deselected,
        "selected": [{"name": s.name, "feature": s.feature, "reasons": list(s.reasons)} for s in selection.selected],
    }
