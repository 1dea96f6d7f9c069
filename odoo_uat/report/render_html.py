"""The exit report as one self-contained HTML page: verdict first, then why, then the evidence."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from importlib import resources
from string import Template

from odoo_uat.report import text
from odoo_uat.report.model import GO, GO_WITH_WAIVERS, ExitReport, area_name, defect_status
from odoo_uat.report.render_tracking import history_section, proof_cell, sign_off_section, waivers_section
from odoo_uat.report.results import Scenario

TEMPLATE = "exit-report.html"


def render_html(report: ExitReport) -> str:
    """Fill the page template; every value is escaped here, the template holds only markup."""
    template = Template(resources.files("odoo_uat.report").joinpath("templates", TEMPLATE).read_text(encoding="utf-8"))
    verdict_class = {GO: "go", GO_WITH_WAIVERS: "waived"}.get(report.verdict, "nogo")
    return template.substitute(
        title=_e(f"UAT exit: {report.verdict} — {text.context_line(report.run)}"),
        verdict=_e(report.verdict),
        verdict_class=verdict_class,
        sentence=_e(text.verdict_sentence(report)),
        context=_e(text.context_line(report.run)),
        reasons="".join(f"<li>{_e(r)}</li>" for r in report.reasons),
        notes=_notes(report.notes),
        tiles=_tiles(report),
        sections="\n".join(
            [
                sign_off_section(),
                _criteria(report),
                _areas(report),
                _failures(report),
                _known_defects(report),
                waivers_section(report),
                history_section(report),
                _requirements(report),
                _skipped(report),
                _flaky(report),
                _selection(report),
                _roles(report),
                _run(report),
            ]
        ),
        results_dir=_e(report.run.results_dir),
        generated=_e(text.format_time(report.run.generated)),
        allure_note=(
            f'Full evidence: <a href="{_e(report.allure_index)}">Allure report</a>.'
            if report.allure_index
            else "No Allure report was found next to it (run make report)."
        ),
    )


def _notes(notes: Sequence[str]) -> str:
    if not notes:
        return ""
    return '<div class="notes">Also worth knowing:<ul>' + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul></div>"


def _tiles(report: ExitReport) -> str:
    counts = report.counts
    tiles = [
        ("Scenarios", str(counts.total), ""),
        ("Passed", str(counts.passed), "good" if counts.passed else ""),
        ("Failed", str(counts.failed), "bad" if counts.failed else ""),
        ("Skipped", str(counts.skipped), ""),
        ("Flaky", str(counts.flaky), "bad" if counts.flaky else ""),
        ("Pass rate", text.format_rate(counts.pass_rate), ""),
    ]
    return "".join(
        f'<div class="tile {cls}"><b>{_e(value)}</b><span>{_e(label)}</span></div>' for label, value, cls in tiles
    )


def _criteria(report: ExitReport) -> str:
    rows = []
    for c in report.criteria:
        mark = (
            '<span class="mark waived" title="met only with waivers">!</span>'
            if c.waived
            else '<span class="mark met" title="met">✓</span>'
            if c.met
            else '<span class="mark unmet" title="not met">✗</span>'
        )
        details = (
            ""
            if c.met or not c.details
            else '<ul class="details">' + "".join(f"<li>{_e(d)}</li>" for d in c.details) + "</ul>"
        )
        rows.append(
            f'<tr class="{"" if c.met else "alert"}"><td>{mark}</td><td><b>{_e(c.title)}</b>{details}</td>'
            f"<td>{_e(c.required)}</td><td>{_e(c.measured)}</td></tr>"
        )
    body = (
        _table(["", "Criterion", "Required", "Measured"], rows) if rows else "<p>No exit criterion is configured.</p>"
    )
    return _section("Exit criteria", body)


def _areas(report: ExitReport) -> str:
    rows = []
    for a in report.areas:
        missing = a.in_scope and a.counts.executed == 0
        rate = text.format_rate(a.counts.pass_rate) if a.counts.executed else "<b>no scenario executed</b>"
        rows.append(
            f'<tr class="{"alert" if missing or a.counts.failed else ""}"><td><b>{_e(a.name)}</b></td>'
            f"<td>{'yes' if a.in_scope else '<span class=muted>no</span>'}</td>"
            + "".join(
                f'<td class="num">{n}</td>'
                for n in (a.counts.total, a.counts.passed, a.counts.failed, a.counts.skipped)
            )
            + f'<td class="num">{rate}</td></tr>'
        )
    headers = ["Process area", "In scope", "#Scenarios", "#Passed", "#Failed", "#Skipped", "#Pass rate"]
    return _section("Process areas", _table(headers, rows) if rows else "<p>No process area.</p>")


def _failures(report: ExitReport) -> str:
    rows = []
    for s in report.failures:
        message = f'<div class="msg">{_e(text.first_line(s.message))}</div>' if s.message else ""
        records = "".join(f'<div><a href="{_e(u)}">{_e(n)}</a></div>' for n, u in s.record_links)
        rows.append(
            f'<tr><td class="sev-{_e(s.severity)}">{_e(s.severity)}</td>'
            f"<td>{_e(area_name(s.process_area))}<div class=muted>{_e(s.feature)}</div></td>"
            f"<td><b>{_e(s.title)}</b>{_retries(s)}</td><td>{_e(s.category or '')}</td>"
            f"<td>{_e(text.failure_point(s))}{message}</td><td>{_allure(report, s)}{records}</td></tr>"
        )
    headers = ["Severity", "Process area / feature", "Scenario", "Category", "Failed at", "Evidence"]
    return _section("Failed scenarios", _table(headers, rows) if rows else "<p>No scenario failed.</p>")


def _known_defects(report: ExitReport) -> str:
    rows = [
        f"<tr><td>{_e(', '.join(s.defects))}</td><td>{_e(s.title)}</td><td>{_pill(s.status)}</td>"
        f"<td>{_e(defect_status(s))}</td><td>{_allure(report, s)}</td></tr>"
        for s in report.known_defects
    ]
    body = (
        _table(["Ticket", "Scenario", "Outcome", "Meaning", ""], rows)
        if rows
        else "<p>No scenario is tagged @defect.</p>"
    )
    return _section("Known defects", body)


def _requirements(report: ExitReport) -> str:
    if not report.requirements:
        body = (
            "<p>No requirements file is configured "
            "(<code>requirements</code> in <code>[tool.odoo-uat.exit-criteria]</code>).</p>"
        )
    else:
        rows = []
        for t in report.requirements:
            scenarios = (
                "".join(f"<div>{_pill(s.status)} {_e(s.title)}</div>" for s in t.scenarios) or "<b>no scenario</b>"
            )
            rows.append(
                f'<tr class="{"" if t.status == "passed" else "alert"}"><td><b>{_e(t.requirement.id)}</b></td>'
                f"<td>{_e(t.requirement.title)}</td><td>{_e(area_name(t.requirement.process_area))}</td>"
                f"<td>{scenarios}</td><td>{_pill(t.status)}</td><td>{proof_cell(t, report.run_id)}</td></tr>"
            )
        body = _table(["Requirement", "Title", "Process area", "Scenarios", "Status", "Last proof"], rows)
    if unlisted := text.unlisted_requirements(report):
        body += f"<p class=muted>{_e(unlisted)}</p>"
    return _section("Requirements traceability", body)


def _skipped(report: ExitReport) -> str:
    rows = [
        f"<tr><td>{_e(area_name(s.process_area))}</td><td>{_e(s.feature)}</td><td>{_e(s.title)}</td><td>{_e(s.skip_reason)}</td></tr>"
        for s in report.skipped
    ]
    body = (
        _table(["Process area", "Feature", "Scenario", "Reason"], rows) if rows else "<p>No scenario was skipped.</p>"
    )
    return _section("Skipped scenarios", body)


def _flaky(report: ExitReport) -> str:
    rows = [
        f"<tr><td>{_e(area_name(s.process_area))}</td><td>{_e(s.feature)}</td><td>{_e(s.title)}</td>"
        f'<td class="num">{s.attempts}</td></tr>'
        for s in report.flaky
    ]
    body = (
        _table(["Process area", "Feature", "Scenario", "#Tries"], rows)
        if rows
        else "<p>No scenario needed a retry to pass.</p>"
    )
    return _section("Flaky scenarios", body)


def _selection(report: ExitReport) -> str:
    """The section of a `--changed` run; nothing on a full run."""
    selection = report.selection
    if selection is None:
        return ""
    facts = [
        ("Changed modules", ", ".join(name for name, _ in selection.changed_modules) or "none"),
        ("Affected modules", ", ".join(f"{name} ({why})" for name, why in selection.affected_modules) or "none"),
    ]
    if selection.changed_features:
        facts.append(("Changed feature files", ", ".join(selection.changed_features)))
    if selection.suite_code_changed:
        facts.append(("Suite code changed (every scenario runs)", ", ".join(selection.suite_code_changed)))
    facts += [("Note", note) for note in selection.notes]
    rows = [
        f"<tr><td>{_e(s.feature)}</td><td>{_e(s.name)}</td>"
        f"<td>{''.join(f'<div>{_e(r)}</div>' for r in s.reasons)}</td></tr>"
        for s in selection.selected
    ]
    body = (
        f"<p>{_e(selection.summary)}.</p>"
        + '<dl class="facts">'
        + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
        + "</dl>"
        + (_table(["Feature", "Scenario", "Why it ran"], rows) if rows else "<p>The change selected no scenario.</p>")
    )
    return _section("Scenarios selected by the change", body)


def _roles(report: ExitReport) -> str:
    """Each role the run acted as: its login and every group its user held, administrator groups marked."""
    rows = []
    for role in report.roles:
        default = f'<div class="muted">{_e(text.DEFAULT_ACCESS_TAKEN)}</div>' if role.default_access else ""
        groups = ", ".join(
            f'<span class="admin" title="{_e(g.xml_id)}">{_e(text.group_label(g))}</span>'
            if g.administrator
            else f'<span title="{_e(g.xml_id)}">{_e(g.shown)}</span>'
            for g in role.groups
        )
        rows.append(
            f"<tr><td><b>{_e(role.name)}</b>{default}</td><td><code>{_e(role.login)}</code></td><td>{groups}</td></tr>"
        )
    body = (
        f'<p class="muted">{_e(text.ROLES_AS_RUN_INTRO)}</p>' + _table(["Role", "Login", "Groups"], rows)
        if rows
        else f"<p>{_e(text.NO_ROLES)}</p>"
    )
    return _section(text.ROLES_AS_RUN, body)


def _run(report: ExitReport) -> str:
    pairs = text.run_facts(report.run) + ([speed] if (speed := text.speed_fact(report)) else [])
    facts = "".join(f"<dt>{_e(k)}</dt><dd>{_fact(k, v, report)}</dd>" for k, v in pairs)
    rows = [f"<tr>{''.join(f'<td>{_e(cell)}</td>' for cell in row)}</tr>" for row in text.speed_rows(report)]
    over = _table(text.SPEED_COLUMNS, rows) if rows else ""
    return _section("Run", f'<dl class="facts">{facts}</dl>{over}')


def _fact(key: str, value: str, report: ExitReport) -> str:
    if key == "CI build" and report.run.build_url:
        return f'<a href="{_e(report.run.build_url)}">{_e(value)}</a>'
    return _e(value)


def _allure(report: ExitReport, scenario: Scenario) -> str:
    link = report.allure_link(scenario)
    return f'<a href="{_e(link)}">Allure</a>' if link else ""


def _retries(scenario: Scenario) -> str:
    return f'<div class="muted">{scenario.attempts} tries</div>' if scenario.attempts > 1 else ""


def _pill(status: str) -> str:
    label = text.status_label(status) if status in text.STATUS_LABELS else status
    return f'<span class="pill {_e(status.replace(" ", "-"))}">{_e(label)}</span>'


def _section(title: str, body: str) -> str:
    return f"<section><h2>{_e(title)}</h2>{body}</section>"


def _table(headers: Sequence[str], rows: Iterable[str]) -> str:
    # A leading "#" marks a numeric column (right-aligned).
    head = "".join(f'<th class="num">{_e(h[1:])}</th>' if h.startswith("#") else f"<th>{_e(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _e(value: object) -> str:
    return escape(str(value), quote=True)
