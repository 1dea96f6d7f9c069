"""Wording and formatting shared by the HTML, Markdown and JSON renderers."""

from __future__ import annotations

from datetime import datetime, timedelta

from odoo_uat.report.model import GO, GO_WITH_WAIVERS, ExitReport, RoleAsRun, RoleGroup, RunInfo
from odoo_uat.report.results import Scenario

STATUS_LABELS = {"passed": "Passed", "failed": "Failed", "broken": "Broken", "skipped": "Skipped"}
MESSAGE_LIMIT = 240
UNLISTED_REQUIREMENTS = "Tagged in scenarios but missing from the requirements file: "
ROLES_AS_RUN = "Roles as run"
ROLES_AS_RUN_INTRO = (
    "The groups each role's user held in this run, those its groups imply included: the rights its scenarios "
    "acted with. Administrator groups are marked; a role holds one only when roles.toml gives it."
)
NO_ROLES = "No role user acted in this run (or the run did not record its roles)."
ADMINISTRATOR = "administrator"
DEFAULT_ACCESS_TAKEN = "with the database's default access for new users (default_access = true)"


def verdict_sentence(report: ExitReport) -> str:
    """The line next to the verdict, e.g. "UAT cannot be signed off: 2 of 5 exit criteria are not met"."""
    prefix = {GO: "UAT can be signed off", GO_WITH_WAIVERS: "UAT can be signed off with waivers"}.get(
        report.verdict, "UAT cannot be signed off"
    )
    return f"{prefix}: {criteria_sentence(report)}"


def criteria_sentence(report: ExitReport) -> str:
    """How many criteria hold, e.g. "2 of 5 exit criteria are not met"."""
    if not report.scenarios:
        return "there are no scenario results to judge"
    if report.verdict == GO:
        return f"all {len(report.criteria)} exit criteria are met"
    if report.verdict == GO_WITH_WAIVERS:
        waived = sum(c.waived for c in report.criteria)
        return f"all {len(report.criteria)} exit criteria are met, {waived} of them only with waivers"
    unmet = sum(not c.met for c in report.criteria)
    return f"{unmet} of {len(report.criteria)} exit criteria {'is' if unmet == 1 else 'are'} not met"


def context_line(run: RunInfo) -> str:
    """What was tested, e.g. "Wave 2 · Odoo 19.0 community · database uat · 2026-11-22 09:14 UTC"."""
    parts = [f"Wave {run.wave}" if run.wave else "All waves"]
    if run.odoo_version:
        parts.append(" ".join(p for p in ("Odoo", run.odoo_version, run.odoo_edition) if p))
    if run.database:
        parts.append(f"database {run.database}")
    parts.append(format_time(run.started) if run.started else "no run recorded")
    return " · ".join(parts)


def run_facts(run: RunInfo) -> list[tuple[str, str]]:
    """Label/value pairs for the run details table, in display order."""
    facts = [
        ("Wave", run.wave or "all waves"),
        ("Odoo version", " ".join(p for p in (run.odoo_version, run.odoo_edition) if p) or "not recorded"),
        ("Odoo server", run.odoo_url or "not recorded"),
        ("Database", run.database or "not recorded"),
        ("Started", format_time(run.started) if run.started else "not recorded"),
        ("Finished", format_time(run.finished) if run.finished else "not recorded"),
        ("Duration", format_duration(run.duration) if run.duration is not None else "not recorded"),
        ("CI build", run.build_name or "not run in CI"),
        ("odoo-uat version", run.framework_version or "not recorded"),
        ("Git commit", run.git_commit or "not recorded"),
        ("Results", run.results_dir),
        ("Report generated", format_time(run.generated)),
    ]
    if run.modules:
        facts.insert(4, ("Installed modules", run.modules))
    return facts


def speed_fact(report: ExitReport) -> tuple[str, str] | None:
    """The run section's speed budget line (None when the report was built without the check)."""
    if report.speed is None:
        return None
    notes = [n for n in report.speed.notes if report.speed.has_baseline]
    return (SPEED_BUDGET, "; ".join([report.speed.summary, *notes]))


SPEED_BUDGET = "Speed budget"
SPEED_COLUMNS = ["Over budget", "Baseline", "Now", "Slower by"]


def speed_rows(report: ExitReport) -> list[list[str]]:
    """Name, baseline, now, +% of each scenario over budget, slowest first."""
    over = report.speed.over if report.speed is not None else ()
    return [[o.name, o.shown(o.baseline), o.shown(o.now), f"+{o.percent:.0f} %"] for o in over]


def status_label(status: str) -> str:
    """Human label of an Allure status."""
    return STATUS_LABELS.get(status, status.capitalize())


def first_line(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """The first non-empty line of a message, shortened."""
    line = next((ln.strip() for ln in message.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def failure_point(scenario: Scenario) -> str:
    """Where it failed: the Gherkin step, or before the first step (a fixture or setup error)."""
    return scenario.failing_step or "before the first step (setup)"


def format_time(moment: datetime) -> str:
    """A timestamp in the reader's terms: local date and time with the zone."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()


def format_duration(duration: timedelta) -> str:
    """A short duration such as "1 h 05 min", "3 min 12 s" or "0.4 s"."""
    seconds = duration.total_seconds()
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(int(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def format_rate(rate: float | None) -> str:
    """A pass rate such as "96.2 %", or "–" when nothing ran."""
    return "–" if rate is None else f"{rate:.1f} %".replace(".0 %", " %")


def unlisted_requirements(report: ExitReport) -> str | None:
    """The sentence naming requirement ids tagged in scenarios but missing from the requirements file, None when none are."""
    if not report.unlisted_requirements:
        return None
    return UNLISTED_REQUIREMENTS + ", ".join(
        f"{rid} ({len(s)} scenario{'s' if len(s) != 1 else ''})" for rid, s in report.unlisted_requirements
    )


def group_label(group: RoleGroup) -> str:
    """A role's group as the report shows it, e.g. "Inventory / Administrator (administrator)"."""
    return f"{group.shown} ({ADMINISTRATOR})" if group.administrator else group.shown


def role_label(role: RoleAsRun) -> str:
    """A role as the report names it, saying when it took the database's default access."""
    return f"{role.name} ({DEFAULT_ACCESS_TAKEN})" if role.default_access else role.name
