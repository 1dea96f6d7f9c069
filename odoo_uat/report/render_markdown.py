"""The exit report as Markdown, for tickets, wikis and pull requests."""

from __future__ import annotations

from collections.abc import Sequence

from odoo_uat.report import text
from odoo_uat.report.model import GO, GO_WITH_WAIVERS, ExitReport, RequirementTrace, area_name, defect_status
from odoo_uat.report.render_tracking import CHANGES
from odoo_uat.report.results import Scenario

MET, NOT_MET, WAIVED = "✅", "❌", "⚠️"


def render_markdown(report: ExitReport) -> str:
    """Render the whole report; the verdict and its reasons come first."""
    icon = {GO: MET, GO_WITH_WAIVERS: WAIVED}.get(report.verdict, NOT_MET)
    lines = [
        f"# UAT exit: {icon} {report.verdict}",
        "",
        f"**{text.verdict_sentence(report)}** — {text.context_line(report.run)}",
        "",
        "## Why",
        "",
        *(f"- {r}" for r in report.reasons),
    ]
    if report.notes:
        lines += ["", "Also worth knowing:", "", *(f"- {n}" for n in report.notes)]
    counts = report.counts
    lines += [
        "",
        f"**{counts.total}** scenarios · **{counts.passed}** passed · **{counts.failed}** failed · "
        f"**{counts.skipped}** skipped · **{counts.flaky}** flaky · pass rate **{text.format_rate(counts.pass_rate)}**",
        "",
        "## Exit criteria",
        "",
        _table(
            ["", "Criterion", "Required", "Measured"],
            [
                [WAIVED if c.waived else MET if c.met else NOT_MET, c.title, c.required, c.measured]
                for c in report.criteria
            ],
        ),
        "",
        "## Process areas",
        "",
        _table(
            ["Process area", "In scope", "Scenarios", "Passed", "Failed", "Skipped", "Pass rate"],
            [
                [
                    a.name,
                    "yes" if a.in_scope else "no",
                    a.counts.total,
                    a.counts.passed,
                    a.counts.failed,
                    a.counts.skipped,
                    text.format_rate(a.counts.pass_rate) if a.counts.executed else "**no scenario executed**",
                ]
                for a in report.areas
            ],
        ),
        "",
        "## Failed scenarios",
        "",
    ]
    lines.append(
        _table(
            ["Severity", "Process area", "Feature", "Scenario", "Category", "Failed at", "Message", "Allure"],
            [
                [
                    s.severity,
                    _area(s),
                    s.feature,
                    s.title,
                    s.category or "",
                    text.failure_point(s),
                    f"`{text.first_line(s.message)}`" if s.message else "",
                    _link(report, s),
                ]
                for s in report.failures
            ],
        )
        if report.failures
        else "No scenario failed."
    )
    lines += ["", "## Known defects", ""]
    lines.append(
        _table(
            ["Ticket", "Scenario", "Outcome", "Meaning"],
            [
                [", ".join(s.defects), s.title, text.status_label(s.status), defect_status(s)]
                for s in report.known_defects
            ],
        )
        if report.known_defects
        else "No scenario is tagged @defect."
    )
    lines += _tracking(report)
    lines += ["", "## Requirements traceability", ""]
    if report.requirements:
        lines.append(
            _table(
                ["Requirement", "Title", "Process area", "Scenarios", "Status", "Last proof"],
                [
                    [
                        t.requirement.id,
                        t.requirement.title,
                        t.requirement.process_area,
                        "<br>".join(f"{s.title} ({text.status_label(s.status)})" for s in t.scenarios) or "**none**",
                        t.status,
                        _proof(t, report.run_id),
                    ]
                    for t in report.requirements
                ],
            )
        )
    else:
        lines.append("No requirements file is configured (`requirements` in `[tool.odoo-uat.exit-criteria]`).")
    if unlisted := text.unlisted_requirements(report):
        lines += ["", unlisted]
    lines += ["", "## Skipped scenarios", ""]
    lines.append(
        _table(
            ["Process area", "Feature", "Scenario", "Reason"],
            [[_area(s), s.feature, s.title, s.skip_reason] for s in report.skipped],
        )
        if report.skipped
        else "No scenario was skipped."
    )
    lines += ["", "## Flaky scenarios", ""]
    lines.append(
        _table(
            ["Process area", "Feature", "Scenario", "Tries"],
            [[_area(s), s.feature, s.title, str(s.attempts)] for s in report.flaky],
        )
        if report.flaky
        else "No scenario needed a retry to pass."
    )
    lines += _selection(report)
    lines += _roles(report)
    facts = text.run_facts(report.run) + ([speed] if (speed := text.speed_fact(report)) else [])
    lines += ["", "## Run", "", _table(["", ""], [[k, v] for k, v in facts]), ""]
    if rows := text.speed_rows(report):
        lines += [_table(text.SPEED_COLUMNS, rows), ""]
    return "\n".join(lines)


def _roles(report: ExitReport) -> list[str]:
    """Each role the run acted as: its login and every group its user held, administrator groups in bold."""
    lines = ["", f"## {text.ROLES_AS_RUN}", ""]
    if not report.roles:
        return [*lines, text.NO_ROLES]
    rows = [
        [
            text.role_label(role),
            f"`{role.login}`",
            ", ".join(f"**{text.group_label(g)}**" if g.administrator else g.shown for g in role.groups),
        ]
        for role in report.roles
    ]
    return [*lines, text.ROLES_AS_RUN_INTRO, "", _table(["Role", "Login", "Groups"], rows)]


def _selection(report: ExitReport) -> list[str]:
    """The section of a `--changed` run: what changed, what it affects, which scenarios ran and why."""
    selection = report.selection
    if selection is None:
        return []
    lines = ["", "## Scenarios selected by the change", "", f"{selection.summary}.", ""]
    facts = [
        ["Changed modules", ", ".join(name for name, _ in selection.changed_modules) or "none"],
        ["Affected modules", ", ".join(f"{name} ({why})" for name, why in selection.affected_modules) or "none"],
    ]
    if selection.changed_features:
        facts.append(["Changed feature files", ", ".join(selection.changed_features)])
    if selection.suite_code_changed:
        facts.append(["Suite code changed (every scenario runs)", ", ".join(selection.suite_code_changed)])
    facts += [["Note", note] for note in selection.notes]
    lines += [_table(["", ""], facts), ""]
    lines.append(
        _table(
            ["Feature", "Scenario", "Why it ran"],
            [[s.feature, s.name, "<br>".join(s.reasons)] for s in selection.selected],
        )
        if selection.selected
        else "The change selected no scenario."
    )
    return lines


def _area(scenario: Scenario) -> str:
    return area_name(scenario.process_area)


def _link(report: ExitReport, scenario: Scenario) -> str:
    link = report.allure_link(scenario)
    return f"[open]({link})" if link else ""


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _proof(trace: RequirementTrace, run_id: str) -> str:
    if trace.proven_here:
        again = trace.last_proof
        stale = again is not None and again.run_id == run_id and again.stale
        return f"this run (**stale**: {again.stale})" if stale and again else "this run"
    proof = trace.proof
    if proof is None:
        return "never proven"
    return f"{'**stale**: ' + proof.stale + ' — ' if proof.stale else 'fresh: '}{proof.summary}"


def _tracking(report: ExitReport) -> list[str]:
    """Waivers, and what changed since the previous run of the same scope."""
    lines = ["", "## Waivers", ""]
    if report.waivers:
        lines.append(
            _table(
                [
                    "Waiver",
                    "Owner",
                    "Reason",
                    "Covers",
                    "Failing scenarios covered",
                    "Expires",
                    "Days left",
                    "In this run",
                ],
                [
                    [
                        w.waiver.id,
                        w.waiver.owner,
                        w.waiver.reason,
                        ", ".join(w.waiver.covers),
                        "<br>".join(s.title for s in w.scenarios) or "none",
                        w.waiver.expires.isoformat(),
                        w.days_left,
                        f"{w.state}: {w.problem}" if w.problem else w.state,
                    ]
                    for w in report.waivers
                ],
            )
        )
    else:
        lines.append("No waiver.")
    view = report.history
    if view is None:
        return lines
    lines += ["", "## Since the previous run", ""]
    if view.previous is None:
        lines.append(f"First run of this scope ({view.scope}): nothing to compare with yet.")
    else:
        lines.append(f"Compared with run {view.previous.run_id}, the previous run of {view.scope}.")
        lines.append("")
        for title, attr, _ in CHANGES:
            found = getattr(view, attr)
            lines.append(f"- **{title}** ({len(found)}){': ' + '; '.join(found) if found else ''}")
    rates = ", ".join(f"{run_id} {text.format_rate(rate)}" for run_id, _, rate in view.chart)
    lines += ["", f"Pass rate over the runs of this scope: {rates}"]
    return lines
