"""Binds every feature file under features/ as pytest tests (one test per scenario)."""

from __future__ import annotations

import pytest
from pytest_bdd import scenarios

# Every scenario runs against the Odoo under test; without one it is skipped with the reason.
pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("odoo_target")]

scenarios(".")
