"""The list phrases: never read with the form's on one step line (a quoted value holds no double quote)."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat.authoring import step_registry
from odoo_uat.authoring.matching import StepMatcher

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def matcher() -> StepMatcher:
    return StepMatcher(step_registry.load(ROOT))


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ('I set "To Order" to "12" on the row "Alder Beam"', 'When I set "<column>" to "<value>" on the row "<text>"'),
        ('I set "Vendor" to "Oak Supplies"', 'When I set "<field>" to "<value>"'),
        ('I click "Order" on the row "Alder Beam"', 'When I click "<button>" on the row "<text>"'),
        ('I click "Order"', 'When I click "<button>"'),
        ('I choose "Count Sheet" in the Print menu', 'When I choose "<item>" in the Print menu'),
        ('I choose "Duplicate" in the Actions menu', 'When I choose "<item>" in the Actions menu'),
    ],
)
def test_each_line_reads_as_one_phrase_only(matcher: StepMatcher, line: str, shown: str) -> None:
    assert [definition.display for definition in matcher.matching("when", line)] == [shown]
