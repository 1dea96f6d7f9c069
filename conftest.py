"""odoo-uat: the fixtures every scenario can use, and every step module under steps/."""
from pathlib import Path

import pytest

from odoo_uat.step_registry import step_module_names

# Plain asserts in steps and fixtures report the compared values, as in test modules.
pytest.register_assert_rewrite("steps", "fixtures", "pages")

# The same discovery as the lint and the catalog, so a step module they see is one pytest loads.
STEP_MODULES = [name for name in step_module_names(Path(__file__).parent) if name != "steps"]

pytest_plugins = [
    "fixtures.odoo_server",
    "fixtures.server_health",
    "fixtures.feature_selection",
    "fixtures.odoo_data",
    "fixtures.browser",
    "fixtures.evidence",
    "fixtures.allure_labels",
    "fixtures.required_modules",
    "fixtures.impact_selection",
    "fixtures.step_profile",
    *STEP_MODULES,
]
