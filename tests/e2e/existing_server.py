"""For end-to-end tests that use an embedded Odoo of their own as an existing server and run the suite's commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from odoo_uat.odoo.target import OdooTarget

REPO = Path(__file__).resolve().parents[2]
# What a developer's shell may export that would point the command elsewhere.
ODOO_VARIABLES = (
    "ODOO_SRC",
    "ODOO_URL",
    "ODOO_DB",
    "ODOO_PASSWORD",
    "ODOO_LOGIN",
    "ODOO_ADDONS_PATH",
    "ODOO_INSTALL",
    "ODOO_UAT_ALLOW_LIVE_DATABASE",
)
TIMEOUT = 900  # a bound against a hang, not a wait: each command takes about a minute on an idle machine


def server_env(target: OdooTarget) -> dict[str, str]:
    """This environment, pointed at target as an existing server (nothing else from the shell's ODOO_*)."""
    base = {name: value for name, value in os.environ.items() if name not in ODOO_VARIABLES}
    return {
        **base,
        "ODOO_URL": target.url,
        "ODOO_DB": target.db,
        "ODOO_PASSWORD": target.password.reveal(),
        "ODOO_LOGIN": target.login,
    }


def run_python(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """`python <argv>` from the repository, its output printed for the test's report."""
    done = subprocess.run(
        [sys.executable, *argv], cwd=REPO, env=env, capture_output=True, text=True, check=False, timeout=TIMEOUT
    )
    print(f"$ {' '.join(argv)} -> {done.returncode}\n{done.stdout[-4000:]}{done.stderr[-3000:]}")
    return done
