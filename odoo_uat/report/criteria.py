"""Evaluate each configured exit criterion against the scenarios in scope."""

from __future__ import annotations

from collections.abc import Sequence

from odoo_uat.report.categories import ENVIRONMENT_PROBLEMS
from odoo_uat.report.config import ExitCriteria
from odoo_uat.report.model import (
    REQ_PASSED,
    AreaSummary,
    Counts,
    CriterionResult,
    RequirementTrace,
    area_name,
)
from odoo_uat.report.results import Scenario

MAX_NAMED = 5  # names listed in a reason before "and N more"


def evaluate(
    criteria: ExitCriteria,
    scenarios: Sequence[Scenario],
    areas: Sequence[AreaSummary],
    requirements: Sequence[RequirementTrace] | None,
) -> list[CriterionResult]:
    """Results of every enabled criterion, in the order the report shows them."""
    results = []
    if criteria.must_pass_severities:
        results.append(must_pass(scenarios, criteria.must_pass_severities))
    if criteria.min_pass_rate is not None:
        results.append(pass_rate(scenarios, criteria.min_pass_rate))
    if criteria.max_environment_problems is not None:
        results.append(environment_problems(scenarios, criteria.max_environment_problems))
    if criteria.max_flaky is not None:
        results.append(flaky(scenarios, criteria.max_flaky))
    if criteria.every_process_area_executed:
        results.append(areas_executed(areas))
    if criteria.every_requirement_passed and requirements is not None:
        results.append(requirements_passed(requirements))
    return results


def must_pass(scenarios: Sequence[Scenario], severities: Sequence[str]) -> CriterionResult:
    """All scenarios of the given severities pass (skipped ones are reported, not counted)."""
    scoped = [s for s in scenarios if s.severity in severities]
    counts = Counts.of(scoped)
    failing = [s for s in scoped if s.failing]
    label = " and ".join(severities) if len(severities) < 3 else ", ".join(severities)
    skipped = f", {counts.skipped} skipped" if counts.skipped else ""
    return CriterionResult(
        key="must_pass_severities",
        title=f"All {label} scenarios pass",
        required="none failed",
        measured=f"{counts.passed} of {counts.executed} passed{skipped}",
        met=not failing,
        reason=(
            f"{_count(len(failing), '/'.join(severities) + ' scenario')} failed: {_names(failing)}"
            if failing
            else f"All {counts.executed} {label} scenarios passed"
        ),
        details=tuple(s.title for s in failing),
    )


def pass_rate(scenarios: Sequence[Scenario], minimum: float) -> CriterionResult:
    """At least `minimum` percent of executed scenarios pass."""
    counts = Counts.of(scenarios)
    rate = counts.pass_rate
    measured = (
        f"{_percent(rate)} ({counts.passed} of {counts.executed})" if rate is not None else "no scenario executed"
    )
    met = rate is not None and rate >= minimum
    if rate is None:
        reason = "No scenario was executed, so no pass rate can be measured"
    elif met:
        reason = f"{_percent(rate)} of executed scenarios passed"
    else:
        reason = f"Only {_percent(rate)} of executed scenarios passed; at least {_percent(minimum)} required"
    return CriterionResult(
        key="min_pass_rate",
        title=f"At least {_percent(minimum)} of executed scenarios pass",
        required=f"≥ {_percent(minimum)}",
        measured=measured,
        met=met,
        reason=reason,
    )


def environment_problems(scenarios: Sequence[Scenario], maximum: int) -> CriterionResult:
    """At most `maximum` scenarios broken by the environment (unreachable or slow Odoo)."""
    broken = [s for s in scenarios if s.category == ENVIRONMENT_PROBLEMS]
    return _at_most(
        "max_environment_problems",
        broken,
        maximum,
        title="No scenario broken by the environment"
        if maximum == 0
        else f"At most {maximum} scenarios broken by the environment",
        over=f"{_count(len(broken), 'scenario')} broken by the environment (Odoo could not be prepared, "
        f"was unreachable or too slow): {_names(broken)}. Fix the environment and run again",
        within="No environment problem beyond the limit",
    )


def flaky(scenarios: Sequence[Scenario], maximum: int) -> CriterionResult:
    """At most `maximum` scenarios that passed only on a retry (RETRIES=, pytest-rerunfailures)."""
    unstable = [s for s in scenarios if s.flaky]
    return _at_most(
        "max_flaky",
        unstable,
        maximum,
        title="No scenario passed only on a retry" if maximum == 0 else f"At most {maximum} flaky scenarios",
        over=f"{_count(len(unstable), 'scenario')} passed only on a retry: {_names(unstable)}. "
        "Find why the first try failed (docs/flakes.md); a retry is no fix",
        within=f"{_count(len(unstable), 'flaky scenario')}, within the limit of {maximum}",
    )


def _at_most(
    key: str, found: Sequence[Scenario], maximum: int, *, title: str, over: str, within: str
) -> CriterionResult:
    """A criterion met while at most `maximum` scenarios are found; `over` and `within` say why it is or is not."""
    return CriterionResult(
        key=key,
        title=title,
        required=f"≤ {maximum}",
        measured=str(len(found)),
        met=len(found) <= maximum,
        reason=over if len(found) > maximum else within,
        details=tuple(s.title for s in found),
    )


def areas_executed(areas: Sequence[AreaSummary]) -> CriterionResult:
    """Every process area in scope has at least one executed scenario."""
    scoped = [a for a in areas if a.in_scope]
    missing = [a for a in scoped if a.counts.executed == 0]
    if not scoped:
        measured, reason = (
            "no process area in scope",
            "No process area is in scope (no requirements file or process_areas)",
        )
    else:
        measured = f"{len(scoped) - len(missing)} of {len(scoped)} areas"
        reason = (
            f"{_count(len(missing), 'process area')} in scope without an executed scenario: "
            + ", ".join(a.name for a in missing)
            if missing
            else f"All {len(scoped)} process areas in scope were exercised"
        )
    return CriterionResult(
        key="every_process_area_executed",
        title="Every process area in scope has an executed scenario",
        required="all areas",
        measured=measured,
        met=not missing,
        reason=reason,
        details=tuple(area_name(a.key) for a in missing),
    )


def requirements_passed(traces: Sequence[RequirementTrace]) -> CriterionResult:
    """Every in-scope requirement has a passing scenario and none failing."""
    open_ = [t for t in traces if t.status != REQ_PASSED]
    details = tuple(f"{t.requirement.id}: {t.status}" for t in open_)
    return CriterionResult(
        key="every_requirement_passed",
        title="Every requirement in scope has a passing scenario",
        required="all requirements",
        measured=f"{len(traces) - len(open_)} of {len(traces)} passed",
        met=not open_,
        reason=(
            f"{_count(len(open_), 'requirement')} without a passing scenario: "
            + _listed([f"{t.requirement.id} ({t.status})" for t in open_])
            if open_
            else f"All {len(traces)} requirements in scope passed"
        ),
        details=details,
    )


def _names(scenarios: Sequence[Scenario]) -> str:
    return _listed([s.title for s in scenarios])


def _listed(names: Sequence[str]) -> str:
    shown = ", ".join(names[:MAX_NAMED])
    return f"{shown} and {len(names) - MAX_NAMED} more" if len(names) > MAX_NAMED else shown


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _percent(value: float) -> str:
    return f"{value:.1f} %".replace(".0 %", " %")
