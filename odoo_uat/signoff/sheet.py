"""The sign-off sheet: the exit report's signature page (sign-off/sign-off.html and .md beside the bundle).

The exit report is part of the evidence the approvers sign, so it cannot hold their signatures; this page does:
the verdict the bundle carries, whether the evidence is intact, each approval and whether it holds, the roles awaited.
make sign-off and make verify write it again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from odoo_uat.signoff.approvals import VALID, Approval
from odoo_uat.signoff.bundle import SIGN_OFF_DIR, Check

SHEET = "sign-off"
STATUS_PAGE = "status.html"  # framed by the exit report's Sign-off section
COLOURS = {"GO": "#17803d", "GO with waivers": "#a15c00"}
NO_GO_COLOUR = "#c0262d"


def status_line(check: Check | None, found: Sequence[Approval], waiting: Sequence[str]) -> str:
    """One sentence: signed off, awaited, or void."""
    if check is None or not check.intact:
        void = sum(a.state != VALID for a in found)
        return f"VOID: the evidence changed after it was bundled; {void} signature(s) no longer hold"
    valid = [a for a in found if a.state == VALID]
    if waiting:
        return f"{len(valid)} approval(s) given; awaited: {', '.join(waiting)}"
    return f"Signed off: {len(valid)} approval(s), every required role has signed"


def write_sheet(
    bundle: Path,
    predicate: Mapping[str, Any],
    check: Check | None,
    found: Sequence[Approval],
    waiting: Sequence[str],
    problem: str = "",
) -> list[Path]:
    """Write sign-off.html and sign-off.md into <bundle>/sign-off/."""
    folder = bundle / SIGN_OFF_DIR
    folder.mkdir(parents=True, exist_ok=True)
    verdict = str(predicate.get("verdict", "unknown"))
    status = problem or status_line(check, found, waiting)
    rows = [
        (
            a.data.get("name", ""),
            a.data.get("signer", ""),
            a.role,
            a.data.get("meaning", ""),
            a.data.get("comment", ""),
            a.data.get("time", ""),
            a.state + (f": {a.why}" if a.why else ""),
        )
        for a in found
    ]
    files = [] if check is None else [f"changed: {n}" for n in check.changed] + [f"removed: {n}" for n in check.removed]
    files += [] if check is None else [f"added: {n}" for n in check.added]
    facts = [
        ("Run", str(predicate.get("runId", ""))),
        ("Wave", str(predicate.get("wave") or "all waves")),
        ("Commit", str(predicate.get("gitCommit") or "")),
        ("Odoo", str(predicate.get("odooVersion") or "")),
        ("Evidence", f"{check.files} files, manifest sha256 {check.digest}" if check else "no manifest"),
        ("Checked", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
    ]
    html = _html(verdict, status, facts, rows, waiting, files, intact=bool(check and check.intact and not problem))
    md = _markdown(verdict, status, facts, rows, waiting, files)
    paths = [folder / f"{SHEET}.html", folder / f"{SHEET}.md", folder / STATUS_PAGE]
    paths[0].write_text(html, encoding="utf-8")
    paths[1].write_text(md, encoding="utf-8")
    paths[2].write_text(_status(status, rows, waiting, intact=bool(check and check.intact and not problem)))
    return paths


def _status(status: str, rows: Sequence[tuple[Any, ...]], waiting: Sequence[str], intact: bool) -> str:
    """sign-off/status.html: what the exit report's Sign-off section frames (every value escaped here)."""
    e = lambda v: escape(str(v), quote=True)  # noqa: E731
    colour = "#17803d" if intact and not waiting else "#a15c00" if intact else "#c0262d"
    items = "".join(f"<li><b>{e(r[0])}</b> as {e(r[2])}: “{e(r[3])}”, {e(r[5])}: <b>{e(r[6])}</b></li>" for r in rows)
    html = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><base target="_top"></head>'
        '<body style="font:14px/1.45 system-ui,sans-serif;color:#1d2330;margin:10px 14px">'
        f'<p style="font-weight:650;font-size:16px;color:{colour};margin:0 0 6px">{e(status)}</p>'
        + (f"<ul>{items}</ul>" if items else "<p>No approval yet.</p>")
        + f"<p>Awaited: {e(', '.join(waiting)) if waiting else 'no role'}. "
        + 'Details: <a href="sign-off.html">the sign-off sheet</a>.</p></body></html>'
    )
    return html + "\n"


def _html(verdict, status, facts, rows, waiting, files, intact: bool) -> str:  # noqa: ANN001 - plain data
    e = lambda v: escape(str(v), quote=True)  # noqa: E731
    colour = COLOURS.get(verdict, NO_GO_COLOUR) if intact else NO_GO_COLOUR
    verdict = verdict if intact else f"{verdict} · sign-off VOID"
    table = "".join(
        "<tr"
        + ("" if row[-1].startswith(VALID) else ' class="alert"')
        + ">"
        + "".join(f"<td>{e(c)}</td>" for c in row)
        + "</tr>"
        for row in rows
    )
    head = "".join(f"<th>{h}</th>" for h in ("Name", "Key", "Role", "Meaning", "Comment", "Signed", "Signature"))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>UAT sign-off: {e(verdict)}</title>
<style>body{{font:15px/1.45 system-ui,sans-serif;color:#1d2330;margin:0}}main{{max-width:1100px;margin:0 auto;padding:0 24px 40px}}
header{{background:{colour};color:#fff;padding:22px 24px}}header b{{font-size:44px}}
.status{{margin:18px 0;padding:14px 18px;border:2px solid {"#17803d" if intact else "#c0262d"};border-radius:10px;font-size:18px;font-weight:650}}
table{{width:100%;border-collapse:collapse;font-size:14px}}th,td{{text-align:left;padding:7px 10px;border-bottom:1px solid #dde1e8;vertical-align:top}}
th{{background:#f4f6f9;color:#5b6475;font-size:12.5px;text-transform:uppercase}}tr.alert td{{background:#fff3f3}}
dl{{display:grid;grid-template-columns:160px 1fr;gap:4px 16px}}dt{{color:#5b6475}}dd{{margin:0;word-break:break-all}}</style></head>
<body><header><b>{e(verdict)}</b><div>UAT exit report: sign-off sheet (<a style="color:#fff" href="../exit-report.html">the exit report</a>)</div></header>
<main><div class="status">{e(status)}</div>
<h2>Approvals</h2>{f"<table><thead><tr>{head}</tr></thead><tbody>{table}</tbody></table>" if rows else "<p>No approval yet.</p>"}
<h2>Awaited</h2><p>{e(", ".join(waiting)) if waiting else "No role awaited."}</p>
{"<h2>Evidence changed since it was bundled</h2><ul>" + "".join(f"<li><code>{e(f)}</code></li>" for f in files) + "</ul>" if files else ""}
<h2>Evidence</h2><dl>{"".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts)}</dl></main></body></html>
"""


def _markdown(verdict, status, facts, rows, waiting, files) -> str:  # noqa: ANN001 - plain data
    lines = [f"# UAT sign-off: {verdict}", "", f"**{status}**", "", "## Approvals", ""]
    if rows:
        lines += ["| Name | Key | Role | Meaning | Comment | Signed | Signature |", "|---|---|---|---|---|---|---|"]
        lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    else:
        lines.append("No approval yet.")
    lines += ["", "## Awaited", "", ", ".join(waiting) or "No role awaited."]
    if files:
        lines += ["", "## Evidence changed since it was bundled", "", *(f"- `{f}`" for f in files)]
    lines += ["", "## Evidence", "", *(f"- {k}: {v}" for k, v in facts)]
    return "\n".join(lines) + "\n"
