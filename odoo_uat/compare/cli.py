"""`python -m odoo_uat.compare --base <results folder> --head <results folder>` (`make compare BASE=… HEAD=…`).

Prints one line per scenario, writes the Markdown and HTML reports, and exits 0 when every scenario is the same,
1 when one differs or was recorded in one run only (0 with --report-only), 2 when a folder holds no outcome record
or a setting is wrong.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from odoo_uat.compare.model import compare_runs
from odoo_uat.compare.render import html, markdown, terminal_lines
from odoo_uat.compare.settings import CompareSettingsError, load_compare_settings
from odoo_uat.outcome.files import records

DIFFERENCES = 1
USAGE = 2
REPORT = "compare"  # reports/compare.md and reports/compare.html


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_compare_settings(args.pyproject)
    except CompareSettingsError as error:
        print(f"make compare: {error}", file=sys.stderr)
        return USAGE
    sides = {}
    for name, folder in (("BASE", args.base), ("HEAD", args.head)):
        found = list(records(folder))
        if not found:
            print(
                f"make compare: {name}={folder} holds no outcome record: give the results folder of a run "
                "(reports/, its allure-results/ or outcomes/), one made with outcome records (not --no-outcomes)",
                file=sys.stderr,
            )
            return USAGE
        sides[name] = found
    comparison = compare_runs(args.base, sides["BASE"], args.head, sides["HEAD"], settings)
    print("\n".join(terminal_lines(comparison)))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{REPORT}.md").write_text(markdown(comparison), encoding="utf-8")
    (args.out / f"{REPORT}.html").write_text(html(comparison), encoding="utf-8")
    print(f"Reports: {args.out / (REPORT + '.html')}, {args.out / (REPORT + '.md')}")
    if comparison.all_same or args.report_only:
        return 0
    return DIFFERENCES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m odoo_uat.compare", description="Compare the outcome records of two runs, scenario by scenario."
    )
    parser.add_argument("--base", type=Path, required=True, help="the results folder of the run before (BASE)")
    parser.add_argument("--head", type=Path, required=True, help="the results folder of the run after (HEAD)")
    parser.add_argument("--out", type=Path, default=Path("reports"), help="where the reports go (default: %(default)s)")
    parser.add_argument(
        "--pyproject",
        type=Path,
        default=Path("pyproject.toml"),
        help="holds [tool.odoo-uat.compare] (default: %(default)s)",
    )
    parser.add_argument("--report-only", action="store_true", help="exit 0 even when scenarios differ")
    return parser
