"""The exit report's HTML sections for sign-off: waivers, what changed since the previous run (with the pass-rate
chart), and each requirement's last proof. render_html.py places them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from odoo_uat.report import text
from odoo_uat.report.history import HistoryView
from odoo_uat.report.model import ExitReport, RequirementTrace
from odoo_uat.report.proofs import MANUAL
from odoo_uat.report.waivers import HOLDS

CHART_WIDTH, CHART_HEIGHT, CHART_PAD, CHART_SIDE = 720, 200, 34, 80  # SIDE: room for the first and last labels
# The approvals come after the report (they sign it, so it cannot hold them): make verify and make sign-off write
# the sheet and sign-off/status.html, which this section frames when the page is opened. Printed (the PDF) it only
# says where the approvals are.
SIGN_OFF_STATUS = "sign-off/status.html"
CHANGES = (  # (title, attribute of HistoryView, row class)
    ("New failures", "new_failures", "alert"),
    ("Regressed (failed before, was fixed, fails again)", "regressed", "alert"),
    ("Still failing", "still_failing", "alert"),
    ("Fixed", "fixed", ""),
    ("New scenarios", "new_scenarios", ""),
    ("Removed scenarios", "removed_scenarios", ""),
)


def sign_off_section() -> str:
    """Who has signed and who is awaited, framed from sign-off/status.html; a pointer to the sheet in print."""
    return (
        '<section class="sign-off"><h2>Sign-off</h2><p>The approvals of this report are recorded after it, '
        'signed over its evidence bundle: see <a href="sign-off/sign-off.html">the sign-off sheet</a> '
        "(<code>make verify</code> checks them).</p>"
        f'<iframe class="sign-off-status" src="{SIGN_OFF_STATUS}" title="Who has signed, who is awaited"></iframe>'
        "</section>"
    )


def waivers_section(report: ExitReport) -> str:
    """Every waiver: owner, reason, what it covers, expiry and days left, and what it does in this run."""
    rows = []
    for w in report.waivers:
        covered = "".join(f"<div>{_e(s.title)}</div>" for s in w.scenarios) or '<span class="muted">none failing</span>'
        days = "expired" if w.days_left < 0 else f"{w.days_left} day{'s' if w.days_left != 1 else ''} left"
        state = f"<b>{_e(w.state)}</b>" + ('<div class="muted">NO-GO: see Why</div>' if w.problem else "")
        rows.append(
            f'<tr class="{"alert" if w.blocks else ""}"><td><b>{_e(w.waiver.id)}</b></td><td>{_e(w.waiver.owner)}</td>'
            f"<td>{_e(w.waiver.reason)}<div class=muted>covers {_e(', '.join(w.waiver.covers))}</div></td>"
            f"<td>{covered}</td><td>{_e(w.waiver.expires.isoformat())}<div class=muted>{days}</div></td>"
            f"<td>{state}</td></tr>"
        )
    if not rows:
        return _section(
            "Waivers", "<p>No waiver (<code>waivers</code> in <code>[tool.odoo-uat.exit-criteria]</code>).</p>"
        )
    holding = sum(w.state == HOLDS for w in report.waivers)
    intro = f'<p class="muted">{holding} of {len(rows)} waivers accept a failing scenario in this run.</p>'
    headers = ["Waiver", "Owner", "Reason", "Failing scenarios covered", "Expires", "In this run"]
    return _section("Waivers", intro + _table(headers, rows))


def history_section(report: ExitReport) -> str:
    """What changed since the previous run of the same scope, and the pass rate over the runs of that scope."""
    view = report.history
    if view is None:
        return ""
    if view.previous is None:
        body = f"<p>First run of this scope ({_e(view.scope)}): nothing to compare with yet.</p>"
    else:
        prev = view.previous
        body = (
            f"<p>Compared with run <b>{_e(prev.run_id)}</b> of {_e(_when(prev.generated))}"
            f" (commit {_e(prev.commit or 'not recorded')}), the previous run of {_e(view.scope)}.</p>"
        )
        rows = [
            f'<tr class="{cls if getattr(view, attr) else ""}"><td><b>{_e(title)}</b></td>'
            f'<td class="num">{len(getattr(view, attr))}</td>'
            f"<td>{''.join(f'<div>{_e(k)}</div>' for k in getattr(view, attr))}</td></tr>"
            for title, attr, cls in CHANGES
        ]
        body += _table(["Change", "#Scenarios", "Which"], rows)
    body += f"<h3>Pass rate, runs of {_e(view.scope)}</h3>" + pass_rate_chart(view)
    return _section("Since the previous run", body)


def pass_rate_chart(view: HistoryView) -> str:
    """An inline SVG line chart of the pass rate per run (0-100 %), this run last; prints as it shows."""
    points = [(run_id, when, rate) for run_id, when, rate in view.chart]
    width, height, pad, side = CHART_WIDTH, CHART_HEIGHT, CHART_PAD, CHART_SIDE
    step = (width - 2 * side) / max(len(points) - 1, 1)
    xy = [
        (side + i * step if len(points) > 1 else width / 2, height - pad - (rate or 0) * (height - 2 * pad) / 100)
        for i, (_, _, rate) in enumerate(points)
    ]
    grid = "".join(
        f'<line x1="{side - 30}" x2="{width - side + 30}" y1="{y}" y2="{y}" stroke="#dde1e8"/>'
        f'<text x="{side - 36}" y="{y + 4}" text-anchor="end" font-size="11" fill="#5b6475">{pct}%</text>'
        for pct in (0, 50, 100)
        for y in [height - pad - pct * (height - 2 * pad) / 100]
    )
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{"#17803d" if (rate or 0) >= 100 else "#c0262d"}">'
        f"<title>{_e(run_id)}: {_e(text.format_rate(rate))}</title></circle>"
        f'<text x="{x:.1f}" y="{y - 9:.1f}" text-anchor="middle" font-size="11" fill="#1d2330">'
        f"{_e(text.format_rate(rate))}</text>"
        f'<text x="{x:.1f}" y="{height - pad + 15}" text-anchor="middle" font-size="10.5" fill="#1d2330">'
        f"{_e(run_id)}</text>"
        f'<text x="{x:.1f}" y="{height - pad + 28}" text-anchor="middle" font-size="10" fill="#5b6475">'
        f"{_e(_when(when)[5:16])}</text>"
        for (x, y), (run_id, when, rate) in zip(xy, points, strict=True)
    )
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="Pass rate of the last {len(points)} runs">{grid}'
        f'<polyline points="{line}" fill="none" stroke="#1f5fbf" stroke-width="2"/>{dots}</svg>'
    )


def proof_cell(trace: RequirementTrace, run_id: str = "") -> str:
    """The requirement's last proof: this run, or the run or manual check before it, fresh or stale and why."""
    manual = trace.manual
    if trace.proven_here:
        cell = '<span class="pill passed">this run</span>'
        if (again := trace.last_proof) is not None and again.run_id == run_id and again.stale:
            cell += f' <span class="pill no-scenario">stale</span><div class="stale">{_e(again.stale)}</div>'
        if manual is not None:
            cell += f'<div class="muted">also {_e(manual.summary)}</div>'
        return cell
    proof = trace.proof
    if proof is None:
        return '<span class="muted">never proven</span>'
    label = "" if proof.kind == MANUAL else "earlier run: "  # a manual check's summary says so itself
    state = (
        f'<span class="pill no-scenario">stale</span><div class="stale">{_e(proof.stale)}</div>'
        if proof.stale
        else f'<span class="pill passed">{"fresh" if proof.result == "passed" else _e(proof.result)}</span>'
    )
    evidence = f' · <a href="{_e(proof.evidence)}">evidence</a>' if proof.evidence else ""
    return f"{state}<div>{_e(label)}{_e(proof.summary)}{evidence}</div>"


def _when(iso: str) -> str:
    try:
        return text.format_time(datetime.fromisoformat(iso))
    except ValueError:
        return iso


def _section(title: str, body: str) -> str:
    return f"<section><h2>{_e(title)}</h2>{body}</section>"


def _table(headers: Sequence[str], rows: Sequence[str]) -> str:
    head = "".join(f'<th class="num">{_e(h[1:])}</th>' if h.startswith("#") else f"<th>{_e(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _e(value: object) -> str:
    return escape(str(value), quote=True)
