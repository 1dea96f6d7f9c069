"""What the unit tests share: an in-memory Odoo (tests/unit/fake_odoo.py) in place of an odoorpc connection."""

from __future__ import annotations

import pytest

from tests.unit.fake_odoo import FakeOdoo


@pytest.fixture
def fake_odoo() -> FakeOdoo:
    """An empty in-memory Odoo: seed `fake_odoo.rows`, assert on `fake_odoo.calls` or `fake_odoo.called(...)`."""
    return FakeOdoo()
