"""odoo-uat: the fixtures every scenario can use, and every step module under steps/."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat.authoring.step_registry import step_module_names

# Plain asserts in steps and fixtures report the compared values, as in test modules.
pytest.register_assert_rewrite("steps", "fixtures", "pages")

# The same discovery as the lint and the catalog, so a step module they see is one pytest loads.
STEP_MODULES = [name for name in step_module_names(Path(__file__).parent) if name != "steps"]

pytest_plugins = [
    # The framework's machinery: the Odoo under test, selection, evidence, reports (odoo_uat/plugins/).
    "odoo_uat.plugins.signals",
    "odoo_uat.plugins.run_identity",
    "odoo_uat.plugins.odoo_server",
    "odoo_uat.plugins.server_health",
    "odoo_uat.plugins.feature_selection",
    "odoo_uat.plugins.evidence",
    "odoo_uat.plugins.tag_marks",
    "odoo_uat.plugins.waves",
    "odoo_uat.plugins.allure_labels",
    "odoo_uat.plugins.allure_outcomes",
    "odoo_uat.plugins.run_metadata",
    "odoo_uat.plugins.required_modules",
    "odoo_uat.plugins.impact_selection",
    "odoo_uat.plugins.step_profile",
    "odoo_uat.plugins.start_costs",
    # Each scenario's outcome record, what `make compare` compares (odoo_uat/outcome/).
    "odoo_uat.outcome.plugin",
    # What steps ask for: the Odoo under test and the run id, the RPC connection, seeded records, roles,
    # their browser pages (fixtures/).
    "fixtures.run",
    "fixtures.data",
    "fixtures.browser",
    # The phrases (steps/).
    *STEP_MODULES,
]
