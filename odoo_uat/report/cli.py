"""Command line: python -m odoo_uat.report — evaluate the exit criteria and write the exit report."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from odoo_uat.report import speed_budget
from odoo_uat.report.build import build_report, history_record
from odoo_uat.report.config import ConfigError, load_criteria
from odoo_uat.report.history import load_history, write_record
from odoo_uat.report.model import NO_GO, ExitReport
from odoo_uat.report.proofs import FRESHNESS_FILE, load_freshness
from odoo_uat.report.render_html import render_html
from odoo_uat.report.render_json import render_json
from odoo_uat.report.render_markdown import render_markdown
from odoo_uat.report.requirements import RequirementsError, load_requirements
from odoo_uat.report.results import load_results
from odoo_uat.report.selection import SELECTION_FILE
from odoo_uat.report.text import criteria_sentence
from odoo_uat.report.waivers import WaiverError, load_waivers

REPORT_NAME = "exit-report"
EXIT_NO_GO = 1  # a NO-GO fails the command (a CI gate) unless --report-only
EXIT_USAGE = 2
DEFAULT_RESULTS = Path("reports/allure-results")
HISTORY_DIR = "history"  # in --output unless --history says otherwise


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
        waivers = load_waivers(criteria.waivers) if criteria.waivers else []
        freshness = load_freshness(args.freshness or args.output / FRESHNESS_FILE)
        speed_settings = speed_budget.load_settings(args.pyproject)
        speed_mode = speed_budget.checked_mode(args.speed_budget) if args.speed_budget else speed_settings.on_over
    except (ConfigError, RequirementsError, WaiverError, speed_budget.SpeedBudgetError, ValueError) as error:
        print(f"odoo-uat report: {error}", file=sys.stderr)
        return EXIT_USAGE
    history_dir = args.history or args.output / HISTORY_DIR
    history = None if args.no_history else load_history(history_dir)
    report = build_report(
        load_results(results_dirs),
        criteria,
        requirements,
        wave=args.wave,
        output_dir=args.output,
        allure_report=args.allure_report,
        selection_file=selection_beside(results_dirs),
        waivers=waivers,
        freshness=freshness,
        history=history,
    )
    try:
        speed = speed_budget.check_scenarios(speed_settings, results_dirs, report.run.odoo_version, speed_mode)
    except speed_budget.SpeedBudgetError as error:
        print(f"odoo-uat report: {error}", file=sys.stderr)
        return EXIT_USAGE
    report = replace(report, speed=speed)
    paths = write_reports(report, args.output)
    if history is not None and report.scenarios:
        record = history_record(report.run_id, report.run, report.scenarios, report.selection)
        write_record(history_dir, record)
    print(verdict_line(report))
    for line in speed_budget.terminal_lines(speed) if speed.has_baseline else ():  # no baseline: the run section says
        print(line)
    for path in paths:
        print(f"  {path}")
    if args.report_only:
        return 0
    if report.verdict == NO_GO:
        return EXIT_NO_GO
    if speed.failed:
        print(
            f"odoo-uat report: {len(speed.over)} scenario(s) over the speed budget and on_over / SPEED_BUDGET is "
            "fail: failing (the run section lists them).",
            file=sys.stderr,
        )
        return EXIT_NO_GO
    return 0


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
    parser.add_argument(
        "--history",
        type=Path,
        default=None,
        help=f"where each run's record is kept, to compare runs (default: {HISTORY_DIR}/ in --output)",
    )
    parser.add_argument("--no-history", action="store_true", help="neither compare with earlier runs nor record")
    parser.add_argument(
        "--freshness",
        type=Path,
        default=None,
        help=f"the last proof of each requirement (default: {FRESHNESS_FILE} in --output; python -m odoo_uat.signoff"
        " freshness writes it)",
    )
    parser.add_argument(
        "--speed-budget",
        default="",
        metavar="MODE",
        help="report: list the scenarios over the speed budget; fail: and exit 1 (default: [tool.odoo-uat.speed] on_over)",
    )
    verdict = parser.add_mutually_exclusive_group()
    verdict.add_argument(
        "--report-only",
        action="store_true",
        help=f"exit 0 on NO-GO too, and over the speed budget (without it a NO-GO exits with status {EXIT_NO_GO})",
    )
    verdict.add_argument("--fail-on-no-go", action="store_true", help="the default; kept for scripts that pass it")
    return parser
