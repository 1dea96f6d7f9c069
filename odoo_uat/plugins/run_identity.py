"""The run id: one per session, made by the controller, handed to every xdist worker, shown in the header."""

from __future__ import annotations

import pytest

from odoo_uat.odoo.run_id import WORKER_KEY, new_run_id
from odoo_uat.run_context import RUN_ID


def pytest_configure(config: pytest.Config) -> None:
    """One run id per session: the controller makes it, xdist workers receive it."""
    shared = getattr(config, "workerinput", {}).get(WORKER_KEY)
    config.stash[RUN_ID] = shared or new_run_id()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:  # pytest-xdist: every worker seeds under the controller's run id
    node.workerinput[WORKER_KEY] = node.config.stash[RUN_ID]


def pytest_report_header(config: pytest.Config) -> str:
    run_id = config.stash[RUN_ID]
    return f"odoo-uat run id: {run_id} (on an existing server: python -m odoo_uat.odoo.cleanup --run {run_id})"
