"""A compare as the terminal shows it (one line per scenario), as Markdown, and as one self-contained HTML page."""

from __future__ import annotations

from html import escape

from odoo_uat.compare.diff import Change
from odoo_uat.compare.model import DIFFERENT, SAME, VERDICTS, Comparison, Run, ScenarioComparison

FIRST_CHANGES = 2  # changes a terminal line names
VERDICT_WIDTH = max(len(verdict) for verdict in VERDICTS)


def summary(comparison: Comparison) -> str:
    """ "12 scenarios: 9 the same, 2 different, 1 only in BASE"."""
    counts = [f"{comparison.count(verdict)} {'the same' if verdict == SAME else verdict}" for verdict in VERDICTS]
    shown = [text for text in counts if not text.startswith("0 ")]
    return f"{len(comparison.scenarios)} scenarios: " + (", ".join(shown) or "none recorded")


def side(name: str, run: Run) -> str:
    """ "BASE reports/v18 (Odoo 18.0, 12 records)"."""
    versions = ", ".join(run.versions) or "version unknown"
    return f"{name} {run.folder} (Odoo {versions}, {run.records} records)"


def change_text(change: Change) -> str:
    """ "Customer invoice 1 lines/Oak Pallet/price_unit: 45.0 -> 46.0"."""
    where = " ".join(part for part in (change.document, change.field) if part)
    return f"{where}: {change.shown(change.before)} -> {change.shown(change.after)}"


def status_text(scenario: ScenarioComparison) -> str:
    if scenario.base_status == scenario.head_status:
        return scenario.base_status or ""
    return f"{scenario.base_status or '-'} -> {scenario.head_status or '-'}"


def terminal_lines(comparison: Comparison) -> list[str]:
    """One line per scenario, its verdict first; a different one names its first changes."""
    lines = [side("BASE", comparison.base), side("HEAD", comparison.head)]
    for scenario in comparison.scenarios:
        line = f"{scenario.verdict.upper():<{VERDICT_WIDTH}}  {scenario.id}"
        if scenario.verdict == DIFFERENT:
            first = "; ".join(change_text(change) for change in scenario.changes[:FIRST_CHANGES])
            more = len(scenario.changes) - FIRST_CHANGES
            line += f"  ({len(scenario.changes)}: {first}{f'; {more} more' if more > 0 else ''})"
        lines.append(line)
    lines.extend(comparison.notes)
    lines.append(summary(comparison))
    return lines


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(comparison: Comparison) -> str:
    """The report in Markdown: the two runs, the count, a table of scenarios, then each one's changes."""
    lines = [
        "# Outcome compare",
        "",
        f"- {side('BASE', comparison.base)}",
        f"- {side('HEAD', comparison.head)}",
        f"- {summary(comparison)}",
        "",
        "| Verdict | Scenario | Outcome (BASE -> HEAD) | Changes |",
        "|---|---|---|---|",
    ]
    for scenario in comparison.scenarios:
        lines.append(
            f"| {scenario.verdict} | {_md(scenario.id)} | {_md(status_text(scenario))} | {len(scenario.changes) or ''} |"
        )
    for scenario in comparison.scenarios:
        if not scenario.changes and not scenario.notes:
            continue
        lines += ["", f"## {_md(scenario.id)}", ""]
        lines += [f"- note: {_md(note)}" for note in scenario.notes]
        if scenario.changes:
            lines += ["| Document | Field | BASE | HEAD |", "|---|---|---|---|"]
            lines += [
                f"| {_md(c.document)} | {_md(c.field)} | {_md(c.shown(c.before))} | {_md(c.shown(c.after))} |"
                for c in scenario.changes
            ]
    if comparison.notes:
        lines += ["", "## Notes", "", *(f"- {_md(note)}" for note in comparison.notes)]
    return "\n".join(lines) + "\n"


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Outcome compare</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; margin: 0.5em 0 1.5em; }}
th, td {{ border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }}
.same {{ color: #1a7f37; }} .different {{ color: #b42318; font-weight: bold; }} .only {{ color: #9a6700; }}
code {{ font-size: 0.95em; }}
</style></head><body>
<h1>Outcome compare</h1>
<ul><li>{base}</li><li>{head}</li><li><strong>{summary}</strong></li></ul>
<table><tr><th>Verdict</th><th>Scenario</th><th>Outcome (BASE &rarr; HEAD)</th><th>Changes</th></tr>
{rows}</table>
{details}
</body></html>
"""


def html(comparison: Comparison) -> str:
    """The report as one self-contained HTML page; every value escaped."""
    rows = "\n".join(
        f'<tr><td class="{_css(s.verdict)}">{escape(s.verdict)}</td><td><a href="#s{n}">{escape(s.id)}</a></td>'
        f"<td>{escape(status_text(s))}</td><td>{len(s.changes) or ''}</td></tr>"
        for n, s in enumerate(comparison.scenarios)
    )
    details = []
    for n, scenario in enumerate(comparison.scenarios):
        if not scenario.changes and not scenario.notes:
            continue
        block = [f'<h2 id="s{n}">{escape(scenario.id)}</h2>']
        block += [f"<p>note: {escape(note)}</p>" for note in scenario.notes]
        if scenario.changes:
            block.append("<table><tr><th>Document</th><th>Field</th><th>BASE</th><th>HEAD</th></tr>")
            block += [
                f"<tr><td>{escape(c.document)}</td><td><code>{escape(c.field)}</code></td>"
                f"<td>{escape(c.shown(c.before))}</td><td>{escape(c.shown(c.after))}</td></tr>"
                for c in scenario.changes
            ]
            block.append("</table>")
        details.append("\n".join(block))
    if comparison.notes:
        details.append("<h2>Notes</h2><ul>" + "".join(f"<li>{escape(n)}</li>" for n in comparison.notes) + "</ul>")
    return PAGE.format(
        base=escape(side("BASE", comparison.base)),
        head=escape(side("HEAD", comparison.head)),
        summary=escape(summary(comparison)),
        rows=rows,
        details="\n".join(details),
    )


def _css(verdict: str) -> str:
    return verdict if verdict in (SAME, DIFFERENT) else "only"
