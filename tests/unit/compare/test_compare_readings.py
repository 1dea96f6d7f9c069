"""What the Then steps read, compared: a changed reading names its step and label, before and after, within the
tolerances of amounts and quantities; in the terminal line, the Markdown and the HTML."""

from __future__ import annotations

from pathlib import Path

from odoo_uat.compare.diff import ABSENT, changes
from odoo_uat.compare.model import DIFFERENT, SAME, compare_runs
from odoo_uat.compare.render import html, markdown, terminal_lines
from odoo_uat.compare.settings import CompareSettings

SHIP = "order_to_cash/quote_to_ship.feature: Ship a confirmed order in full"
INVOICED = "Then the order is invoiced for its total"
ON_HAND = 'Then "Oak Pallet" has 8 units on hand in "WH/Stock"'


def record(total: float = 103.5, on_hand: float = 8.0, status: str = "passed", **read) -> dict:
    return {
        "scenario": {"id": SHIP},
        "status": status,
        "meta": {"odoo": "19.0"},
        "checks": [
            {"step": INVOICED, "status": "passed", "read": {"invoiced total": total, "order total": 103.5}},
            {"step": ON_HAND, "status": status, "read": {"on hand": on_hand, **read}},
            {"step": 'Then the status is "Done"', "status": "passed"},
        ],
    }


def test_the_same_readings_are_no_change() -> None:
    assert changes(record(), record(), CompareSettings()) == []


def test_a_changed_reading_names_the_step_and_the_label_before_and_after() -> None:
    found = changes(record(), record(total=104.0), CompareSettings())
    assert [(c.document, c.field, c.before, c.after) for c in found] == [
        (INVOICED, 'read "invoiced total"', 103.5, 104.0)
    ]


def test_readings_compare_within_the_tolerances_a_quantity_by_its_label() -> None:
    settings = CompareSettings(amount_tolerance=0.01, quantity_tolerance=0.0001)
    assert changes(record(), record(total=103.505), settings) == []
    loose = CompareSettings(amount_tolerance=0.01, quantity_tolerance=0.5, quantity_fields=("*quantity*",))
    base = record(**{"reserved quantity": 2.0})
    assert changes(base, record(**{"reserved quantity": 2.3}), loose) == []  # "*quantity*": a quantity
    assert changes(base, record(**{"reserved quantity": 2.3}), settings) != []  # amount tolerance: 0.01


def test_a_failed_check_shows_its_status_and_the_value_it_read() -> None:
    found = {
        (c.document, c.field): (c.before, c.after)
        for c in changes(record(), record(103.5, 7.0, "failed"), CompareSettings())
    }
    assert found[("Checks", ON_HAND)] == ("passed", "failed")
    assert found[(ON_HAND, 'read "on hand"')] == (8.0, 7.0)


def test_a_reading_in_one_run_only_is_a_change() -> None:
    found = changes(record(), record(**{"reserved quantity": 2.0}), CompareSettings())
    assert [(c.document, c.field, c.before, c.after) for c in found] == [
        (ON_HAND, 'read "reserved quantity"', ABSENT, 2.0)
    ]


def test_the_reports_show_a_changed_reading() -> None:
    base = [(Path("a.json"), record())]
    head = [(Path("a.json"), record(on_hand=7.0, status="failed"))]
    comparison = compare_runs(Path("base"), base, Path("head"), head, CompareSettings())
    assert comparison.scenarios[0].verdict == DIFFERENT
    line = next(line for line in terminal_lines(comparison) if line.startswith("DIFFERENT"))
    assert f'Checks {ON_HAND}: passed -> failed; {ON_HAND} read "on hand": 8.0 -> 7.0' in line
    assert f'| {ON_HAND} | read "on hand" | 8.0 | 7.0 |' in markdown(comparison)
    page = html(comparison)
    assert "<code>read &quot;on hand&quot;</code>" in page and "&quot;Oak Pallet&quot; has 8 units" in page
    assert compare_runs(Path("b"), base, Path("h"), base, CompareSettings()).scenarios[0].verdict == SAME


def test_a_record_made_before_readings_were_noted_compares_without_them() -> None:
    old = record()
    for check in old["checks"]:
        check.pop("read", None)
    assert changes(old, record(), CompareSettings()) == []


def test_a_reading_follows_its_check_and_a_step_that_did_not_run_shows_as_its_check() -> None:
    stopped = record(status="failed", on_hand=7.0)
    stopped["checks"] = stopped["checks"][:2]  # the last check did not run
    ran = record()
    ran["checks"][2]["read"] = {"status": "Done"}
    found = [(c.document, c.field, c.before, c.after) for c in changes(ran, stopped, CompareSettings())]
    checks = [change for change in found if change[0] != "Scenario"]
    assert checks == [
        ("Checks", ON_HAND, "passed", "failed"),
        (ON_HAND, 'read "on hand"', 8.0, 7.0),
        ("Checks", 'Then the status is "Done"', "passed", ABSENT),
    ]
