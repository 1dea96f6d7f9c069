"""Pytest plugin: at the end of a run, write its metadata (wave, versions, commit, categories, CI executor) beside the Allure results."""

from __future__ import annotations

import pytest

from odoo_uat.plugins.waves import selected_wave
from odoo_uat.report import metadata
from odoo_uat.run_context import RUN_ID


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Write environment.properties, categories.json and executor.json into --alluredir, once per run."""
    config = session.config
    results_dir = config.getoption("allure_report_dir", default=None)
    if not results_dir or config.option.collectonly or hasattr(config, "workerinput"):
        return  # xdist workers leave it to the controller
    run_id = config.stash.get(RUN_ID, None)
    metadata.write_run_metadata(results_dir, config.rootpath, selected_wave(config), run_id=run_id)
