"""Write the Allure 3 config (allurerc.json): report name, layout, history file, failure categories."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from odoo_uat.report.categories import allure3_categories
from odoo_uat.tags import LABEL_PROCESS_AREA

DEFAULT_CONFIG = Path("reports/allurerc.json")
DEFAULT_REPORT = Path("reports/allure-report")
# Allure 3 keeps history in one JSON-lines file that each `allure generate` appends to.
DEFAULT_HISTORY = Path("reports/allure-history.jsonl")
REPORT_NAME = "Odoo UAT"
HISTORY_LIMIT = 30
TREE_GROUPING = ["epic", "feature"]  # process area, then feature


def allure_config(
    report_dir: Path, history: Path, *, single_file: bool = True, name: str = REPORT_NAME
) -> dict[str, object]:
    """The allurerc content; paths are made absolute because Allure resolves them against its cwd."""
    return {
        "name": name,
        "output": str(report_dir.resolve()),
        "historyPath": str(history.resolve()),
        "historyLimit": HISTORY_LIMIT,
        # The process-area key duplicates the epic label; keep it for the exit report only.
        "hideLabels": [LABEL_PROCESS_AREA],
        "plugins": {
            "awesome": {
                "options": {
                    "reportName": name,
                    # One index.html that opens from disk: a multi-file report needs a web server.
                    "singleFile": single_file,
                    "groupBy": TREE_GROUPING,
                }
            }
        },
        "categories": allure3_categories(),
    }


def write_allure_config(path: Path, report_dir: Path, history: Path, *, single_file: bool = True) -> Path:
    """Write allurerc.json for `allure generate --config`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    config = allure_config(report_dir, history, single_file=single_file)
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: python -m odoo_uat.report.allure_config."""
    parser = argparse.ArgumentParser(prog="python -m odoo_uat.report.allure_config", description=__doc__)
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="file to write (default: %(default)s)")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT, help="Allure report dir (default: %(default)s)")
    parser.add_argument(
        "--history", type=Path, default=DEFAULT_HISTORY, help="Allure history file (default: %(default)s)"
    )
    parser.add_argument(
        "--multi-file", action="store_true", help="many files instead of one index.html (needs a web server to view)"
    )
    args = parser.parse_args(argv)
    print(write_allure_config(args.config, args.report, args.history, single_file=not args.multi_file))
    return 0


if __name__ == "__main__":
    sys.exit(main())
