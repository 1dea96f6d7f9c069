"""odoo-uat: the fixtures every scenario can use, and every step module under steps/."""
import pkgutil
from pathlib import Path

import pytest

# Plain asserts in steps and fixtures report the compared values, as in test modules.
pytest.register_assert_rewrite("steps", "fixtures", "pages")

STEP_MODULES = [f"steps.{module.name}" for module in pkgutil.iter_modules([str(Path(__file__).parent / "steps")])]

pytest_plugins = [
    # "fixtures.odoo_server",  DEV
    "fixtures.odoo_data",
    "fixtures.browser",
    "fixtures.evidence",
    *STEP_MODULES,
]
