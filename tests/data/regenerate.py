"""Re-record the Allure result sets under tests/data/ by running the sample suite (no Odoo, no browser).

Run: .venv/bin/python tests/data/regenerate.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent
ROOT = DATA.parents[1]
SAMPLE = DATA / "uat-sample"
sys.path.insert(0, str(ROOT))

from odoo_uat.report.metadata import write_environment  # noqa: E402

SERVER = {
    "version": "19.0",
    "edition": "community",
    "url": "http://localhost:8069",
    "database": "uat_sample",
    "modules": {"sale_management": "19.0.1.0", "sale_stock": "19.0.1.0", "purchase_stock": "19.0.1.2"},
}
# A GitHub Actions run, so the mixed set carries an executor.json.
GITHUB = {
    "CI": "true",
    "GITHUB_ACTIONS": "true",
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "example/odoo-uat",
    "GITHUB_RUN_ID": "9876543210",
    "GITHUB_RUN_NUMBER": "42",
    "GITHUB_WORKFLOW": "UAT",
    "GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567",
}


def run(results: Path, *args: str, **env: str) -> None:
    """Run the sample suite into results."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GITLAB_", "CI_")) and k != "CI"}
    environment.update(PYTHONPATH=str(ROOT), **env)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-c",
        "sample.ini",
        "-p",
        "odoo_uat.plugins.allure_labels",
        f"--alluredir={results}",
        "-q",
        "sample_steps.py",
        *args,
    ]
    subprocess.run(command, cwd=SAMPLE, env=environment, check=False)


def record(name: str, runs: list[tuple[tuple[str, ...], dict[str, str]]]) -> None:
    """Record one result set from one or more runs (later runs add retries)."""
    results = DATA / name
    shutil.rmtree(results, ignore_errors=True)
    for args, env in runs:
        run(results, *args, **env)
    write_environment(results, SERVER)


if __name__ == "__main__":
    record(
        "allure-results-mixed",
        [
            ((), {"UAT_SAMPLE_MODE": "mixed", **GITHUB}),
            (("-k", "reserving"), {"UAT_SAMPLE_MODE": "mixed", "UAT_SAMPLE_ATTEMPT": "2", **GITHUB}),
        ],
    )
    record(
        "allure-results-wave1-pass", [(("--wave", "1"), {"UAT_SAMPLE_MODE": "pass", "GITHUB_SHA": "fedcba9876543210"})]
    )
