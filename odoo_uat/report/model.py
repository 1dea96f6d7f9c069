"""The exit report as data: verdict, criteria, per-area counts, traceability; renderers only format it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from odoo_uat.report.history import HistoryView
from odoo_uat.report.proofs import FAILED, PASSED, Proof
from odoo_uat.report.requirements import Requirement
from odoo_uat.report.results import Scenario
from odoo_uat.report.speed_budget import SpeedCheck
from odoo_uat.report.waivers import WaiverStatus
from odoo_uat.tags import SEVERITIES, humanise

GO, NO_GO = "GO", "NO-GO"
GO_WITH_WAIVERS = "GO with waivers"  # every criterion met, but only because waivers accept failing scenarios
UNASSIGNED_AREA = "Unassigned"

# Requirement statuses, worst first.
REQ_FAILED, REQ_NO_SCENARIO, REQ_NOT_RUN, REQ_PASSED = "failed", "no scenario", "not run", "passed"


@dataclass(frozen=True)
class Counts:
    """Scenario outcomes; failed includes broken."""

    total: int = 0
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    flaky: int = 0  # passed, but only on a retry (counted in passed too)

    @classmethod
    def of(cls, scenarios: Iterable[Scenario]) -> Counts:
        """Count outcomes of some scenarios."""
        items = list(scenarios)
        return cls(
            total=len(items),
            passed=sum(s.passed for s in items),
            failed=sum(s.failing for s in items),
            skipped=sum(s.skipped for s in items),
            flaky=sum(s.flaky for s in items),
        )

    @property
    def executed(self) -> int:
        """Scenarios that ran (skipped ones excluded)."""
        return self.total - self.skipped

    @property
    def pass_rate(self) -> float | None:
        """Percent of executed scenarios that passed; None when none ran."""
        return 100.0 * self.passed / self.executed if self.executed else None


@dataclass(frozen=True)
class CriterionResult:
    """One exit criterion: what it asks, what was measured, and whether it is met."""

    key: str
    title: str
    required: str
    measured: str
    met: bool
    reason: str  # one sentence for the verdict's "why"
    details: tuple[str, ...] = ()
    waived: bool = False  # met only because waivers accept some failing scenarios


@dataclass(frozen=True)
class AreaSummary:
    """Outcomes in one process area."""

    key: str
    in_scope: bool
    counts: Counts

    @property
    def name(self) -> str:
        """The area as people say it."""
        return area_name(self.key)


@dataclass(frozen=True)
class RequirementTrace:
    """A requirement with the scenarios that cover it."""

    requirement: Requirement
    scenarios: tuple[Scenario, ...]
    last_proof: Proof | None = None  # the last automated proof before this run (history)
    manual: Proof | None = None  # the last manual check recorded for it

    @property
    def status(self) -> str:
        """passed (one passed, none failed; or a fresh passing manual check), failed, not run or no scenario."""
        if any(s.failing for s in self.scenarios) or (self.manual and self.manual.result == FAILED):
            return REQ_FAILED
        if any(s.passed for s in self.scenarios):
            return REQ_PASSED
        if self.manual and self.manual.result == PASSED and self.manual.fresh:
            return REQ_PASSED
        return REQ_NOT_RUN if self.scenarios else REQ_NO_SCENARIO

    @property
    def proven_here(self) -> bool:
        """Whether this run proves it (a passing scenario, none failing)."""
        return any(s.passed for s in self.scenarios) and not any(s.failing for s in self.scenarios)

    @property
    def proof(self) -> Proof | None:
        """The newest proof from before this run, manual or automated (None when proven here or never)."""
        proofs = [p for p in (self.last_proof, self.manual) if p is not None]
        return max(proofs, key=lambda p: p.date) if proofs else None


@dataclass(frozen=True)
class RunInfo:
    """Where and when the suite ran."""

    results_dir: str
    generated: datetime
    wave: str | None = None
    odoo_version: str | None = None
    odoo_edition: str | None = None
    odoo_url: str | None = None
    database: str | None = None
    modules: str | None = None
    framework_version: str | None = None
    git_commit: str | None = None
    started: datetime | None = None
    finished: datetime | None = None
    build_name: str | None = None
    build_url: str | None = None

    @property
    def duration(self) -> timedelta | None:
        """Wall time from the first scenario's start to the last one's end."""
        return self.finished - self.started if self.started and self.finished else None


@dataclass(frozen=True)
class SelectedScenario:
    """A scenario a `--changed` run selected, and why."""

    name: str
    feature: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ImpactSelection:
    """What a `--changed <range>` run selected (reports/impact-selection.json); absent on a full run."""

    revisions: str
    changed_modules: tuple[tuple[str, tuple[str, ...]], ...]  # module, its changed files
    affected_modules: tuple[tuple[str, str], ...]  # module, why ("changed", "depends on …")
    changed_features: tuple[str, ...]
    suite_code_changed: tuple[str, ...]
    notes: tuple[str, ...]
    total: int
    deselected: int
    selected: tuple[SelectedScenario, ...]

    @property
    def partial(self) -> bool:
        """Whether scenarios were left out (a change that selects everything is a full run)."""
        return self.deselected > 0

    @property
    def summary(self) -> str:
        """One sentence: what ran of what, and for which range."""
        ran = f"{self.total - self.deselected} of {self.total}"
        return (
            f"Only the scenarios the changes {self.revisions} can affect ran: {ran} ({self.deselected} deselected);"
            " the process areas and requirements in scope are theirs"
        )


@dataclass(frozen=True)
class RoleGroup:
    """A group a role's user held in the run."""

    xml_id: str
    name: str  # as Odoo shows it, e.g. "Inventory / Administrator"
    administrator: bool = False  # the administrator level of an application, or of Odoo itself

    @property
    def shown(self) -> str:
        """The group as people read it: its name, else its XML id."""
        return self.name or self.xml_id


@dataclass(frozen=True)
class RoleAsRun:
    """A role the run acted as, and every group its user held (implied ones included)."""

    name: str
    login: str
    groups: tuple[RoleGroup, ...]
    default_access: bool = False  # whether it took the database's default access for new users

    @property
    def administrator_of(self) -> tuple[RoleGroup, ...]:
        """The administrator groups among its groups."""
        return tuple(g for g in self.groups if g.administrator)


@dataclass(frozen=True)
class ExitReport:
    """Everything the exit report shows."""

    verdict: str
    reasons: tuple[str, ...]
    notes: tuple[str, ...]
    criteria: tuple[CriterionResult, ...]
    run: RunInfo
    scenarios: tuple[Scenario, ...]
    areas: tuple[AreaSummary, ...]
    requirements: tuple[RequirementTrace, ...]
    unlisted_requirements: tuple[tuple[str, tuple[Scenario, ...]], ...]
    allure_index: str | None  # relative link from the exit report to Allure's index.html
    selection: ImpactSelection | None = None  # set when the run was a `--changed` one
    roles: tuple[RoleAsRun, ...] = ()  # the roles the run acted as, by name
    waivers: tuple[WaiverStatus, ...] = ()  # every waiver of the waiver file, as this run finds it
    history: HistoryView | None = None  # this run against the previous one of the same scope
    run_id: str = ""
    speed: SpeedCheck | None = None  # this run's scenarios against the speed baseline (odoo_uat/speed_budget.py)

    @property
    def go(self) -> bool:
        """Whether the verdict lets UAT be signed off (GO, or GO with waivers)."""
        return self.verdict in (GO, GO_WITH_WAIVERS)

    @property
    def counts(self) -> Counts:
        """Outcomes of all scenarios in scope."""
        return Counts.of(self.scenarios)

    @property
    def failures(self) -> list[Scenario]:
        """Failed and broken scenarios, most severe first."""
        return sorted((s for s in self.scenarios if s.failing), key=_severity_order)

    @property
    def skipped(self) -> list[Scenario]:
        """Scenarios that did not run."""
        return [s for s in self.scenarios if s.skipped]

    @property
    def flaky(self) -> list[Scenario]:
        """Scenarios that passed only on a retry (RETRIES=, pytest-rerunfailures)."""
        return [s for s in self.scenarios if s.flaky]

    @property
    def known_defects(self) -> list[Scenario]:
        """Scenarios tagged @defect:<ticket>."""
        return sorted((s for s in self.scenarios if s.defects), key=lambda s: (s.defects, s.name))

    def allure_link(self, scenario: Scenario) -> str | None:
        """Relative link to the scenario in the Allure report (Allure 3 routes by #<test result id>)."""
        return f"{self.allure_index}#{scenario.allure_id}" if self.allure_index else None


def area_name(key: str) -> str:
    """Humanised process-area name; scenarios outside any area folder are "Unassigned"."""
    return humanise(key) if key else UNASSIGNED_AREA


def defect_status(scenario: Scenario) -> str:
    """What a known-defect scenario's outcome means for its ticket."""
    if scenario.passed:
        return "looks fixed: retest and close the ticket"
    if scenario.failing:
        return "still failing (known defect)"
    return "not run"


def _severity_order(scenario: Scenario) -> tuple[int, str, str, str]:
    rank = SEVERITIES.index(scenario.severity) if scenario.severity in SEVERITIES else len(SEVERITIES)
    return rank, scenario.process_area, scenario.feature, scenario.name
