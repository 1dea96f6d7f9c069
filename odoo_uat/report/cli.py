"""Command line: python -m odoo_uat.report — evaluate the exit criteria and write the exit report."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from odoo_uat.report.build import build_report
from odoo_uat.report.config import ConfigError, load_criteria
from odoo_uat.report.model import NO_GO, ExitReport
from odoo_uat.report.render_html import render_html
from odoo_uat.report.render_json import render_json
from odoo_uat.report.render_markdown import render_markdown
from odoo_uat.report.requirements import RequirementsError, load_requirements
from odoo_uat.report.results import load_results
from odoo_uat.report.selection import SELECTION_FILE
from odoo_uat.report.text import criteria_sentence

REPORT_NAME = "exit-report"
EXIT_NO_GO = 1  # a NO-GO fails the command (a CI gate) unless --report-only
EXIT_USAGE = 2
DEFAULT_RESULTS = Path("reports/allure-results")


def main(argv: Sequence[str] | None = None) -> int:
    """Write exit-report.{html,md,json}, print the verdict line and the paths."""
    args = _parser().parse_args(argv)
    results_dirs = args.results or [DEFAULT_RESULTS]
    if missing := [str(d) for d in results_dirs if not d.is_dir()]:
        print(
            f"odoo-uat report: no results folder {', '.join(missing)}: the run (or that shard) did not write there;"
            " give the folders the runs wrote with --results (make report RESULTS=...)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        criteria = load_criteria(args.pyproject)
        requirements = load_requirements(criteria.requirements) if criteria.requirements else None
    except (ConfigError, RequirementsError) as error:
        print(f"odoo-uat report: {error}", file=sys.stderr)
        return EXIT_USAGE
    report = build_report(
        load_results(results_dirs),
        criteria,
        requirements,
        wave=args.wave,
        output_dir=args.output,
        allure_report=args.allure_report,
        selection_file=selection_beside(results_dirs),
    )
    paths = write_reports(report, args.output)
    print(verdict_line(report))
    for path in paths:
        print(f"  {path}")
    return EXIT_NO_GO if report.verdict == NO_GO and not args.report_only else 0


def selection_beside(results_dirs: list[Path]) -> Path | None:
    """What a --changed run selected, written beside its results (every shard of a run writes the same)."""
    return next((d.parent / SELECTION_FILE for d in results_dirs if (d.parent / SELECTION_FILE).is_file()), None)


def write_reports(report: ExitReport, output: Path) -> list[Path]:
    """Write the three renderings of the report into output."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, render in ((".html", render_html), (".md", render_markdown), (".json", render_json)):
        path = output / f"{REPORT_NAME}{suffix}"
        path.write_text(render(report), encoding="utf-8")
        written.append(path)
    return written


def verdict_line(report: ExitReport) -> str:
    """One line for the terminal, e.g. "UAT exit: NO-GO — 2 of 5 exit criteria are not met"."""
    return f"UAT exit: {report.verdict} — {criteria_sentence(report)}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m odoo_uat.report", description="Evaluate the UAT exit criteria and write the exit report."
    )
    parser.add_argument(
        "--results",
        type=Path,
        nargs="+",
        action="extend",
        metavar="DIR",
        help=f"Allure results dir(s); several (e.g. one per shard) are judged as one run (default: {DEFAULT_RESULTS})",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=Path("reports"),
        help="where exit-report.html/.md/.json go (default: %(default)s)",
    )
    parser.add_argument(
        "--allure-report",
        type=Path,
        default=Path("reports/allure-report"),
        help="Allure HTML report to link to (default: %(default)s)",
    )
    parser.add_argument(
        "--wave", default=None, help="judge this wave only (default: the wave the run recorded, else all)"
    )
    parser.add_argument(
        "--pyproject",
        type=Path,
        default=Path("pyproject.toml"),
        help="holds [tool.odoo-uat.exit-criteria] (default: %(default)s)",
    )
    verdict = parser.add_mutually_exclusive_group()
    verdict.add_argument(
        "--report-only",
        action="store_true",
        help=f"exit 0 on NO-GO too (without it a NO-GO exits with status {EXIT_NO_GO})",
    )
    verdict.add_argument("--fail-on-no-go", action="store_true", help="the default; kept for scripts that pass it")
    return parser
