"""make compare: two runs' outcome records, scenario by scenario, within the tolerances and ignores of the settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from odoo_uat.compare.cli import main
from odoo_uat.compare.diff import ABSENT, changes
from odoo_uat.compare.model import DIFFERENT, ONLY_BASE, ONLY_HEAD, SAME, compare_runs
from odoo_uat.compare.render import html, markdown, terminal_lines
from odoo_uat.compare.settings import CompareSettings, CompareSettingsError, compare_settings, load_compare_settings
from odoo_uat.outcome import files

SHIP = "order_to_cash/quote_to_ship.feature: Ship a confirmed order in full"


def record(identifier: str = SHIP, *, tax: float = 13.5, qty: float = 2.0, status: str = "passed", **extra) -> dict:
    return {
        "scenario": {"id": identifier},
        "status": status,
        "meta": {"odoo": "19.0", "rpc_calls": 12},
        "checks": [{"step": "Then the order is invoiced for its total", "status": status}],
        "documents": {
            "Customer invoice 1": {
                "amount_tax": tax,
                "journal_id": "INV",
                "lines": {"product · Oak Pallet": {"quantity": qty, "name": "Oak Pallet", "tax_ids": ["15%"]}},
            }
        },
        **extra,
    }


def test_the_same_record_has_no_change_and_the_run_data_is_never_compared() -> None:
    other = record()
    other["meta"] = {"odoo": "18.0", "rpc_calls": 14}
    assert changes(record(), other, CompareSettings()) == []


def test_a_change_names_the_document_the_field_before_and_after() -> None:
    found = changes(record(), record(tax=13.6), CompareSettings())
    assert [(c.document, c.field, c.before, c.after) for c in found] == [
        ("Customer invoice 1", "amount_tax", 13.5, 13.6)
    ]


def test_amounts_and_quantities_have_their_own_tolerances() -> None:
    settings = CompareSettings(amount_tolerance=0.01, quantity_tolerance=0.0001)
    assert changes(record(), record(tax=13.51), settings) == []
    assert changes(record(), record(qty=2.001), settings)[0].field == "lines/product · Oak Pallet/quantity"
    relative = CompareSettings(amount_tolerance=0, amount_relative_tolerance=0.01)
    assert changes(record(tax=100.0), record(tax=100.9), relative) == []
    assert changes(record(tax=100.0), record(tax=101.5), relative) != []


def test_ignored_fields_and_values_are_no_difference() -> None:
    other = record()
    other["documents"]["Customer invoice 1"]["lines"]["product · Oak Pallet"]["name"] = "[OAK] Oak Pallet"
    other["documents"]["Customer invoice 1"]["journal_id"] = "Sales"
    assert len(changes(record(), other, CompareSettings())) == 2
    by_name = CompareSettings(ignore=("name", "*/journal_id"))
    assert changes(record(), other, by_name) == []
    by_value = CompareSettings(
        ignore=("name",), ignore_values=compare_settings({"ignore_values": ["INV|Sales"]}).ignore_values
    )
    assert changes(record(), other, by_value) == []


def test_a_document_or_check_in_one_run_only_is_a_change() -> None:
    other = record(status="failed")
    other["documents"]["Delivery 1"] = {"state": "done"}
    found = {(c.document, c.field): (c.before, c.after) for c in changes(record(), other, CompareSettings())}
    assert found[("Delivery 1", "")] == (ABSENT, {"state": "done"})
    assert found[("Scenario", "status")] == ("passed", "failed")
    assert found[("Checks", "Then the order is invoiced for its total")] == ("passed", "failed")


def test_each_scenario_gets_a_verdict_and_one_terminal_line() -> None:
    base = [(Path("a.json"), record()), (Path("b.json"), record("x.feature: Only before"))]
    head = [(Path("a.json"), record(tax=14.0)), (Path("c.json"), record("y.feature: Only after"))]
    comparison = compare_runs(Path("base"), base, Path("head"), head, CompareSettings())
    assert {s.id: s.verdict for s in comparison.scenarios} == {
        SHIP: DIFFERENT,
        "x.feature: Only before": ONLY_BASE,
        "y.feature: Only after": ONLY_HEAD,
    }
    lines = terminal_lines(comparison)
    assert any(line.startswith("DIFFERENT") and "Customer invoice 1 amount_tax: 13.5 -> 14.0" in line for line in lines)
    assert lines[-1] == "3 scenarios: 1 different, 1 only in BASE, 1 only in HEAD"
    assert "| Customer invoice 1 | amount_tax | 13.5 | 14.0 |" in markdown(comparison)
    assert "<td>Customer invoice 1</td>" in html(comparison) and "<script" not in html(comparison)
    assert compare_runs(Path("b"), base[:1], Path("h"), base[:1], CompareSettings()).scenarios[0].verdict == SAME


def write_run(folder: Path, *records: dict) -> Path:
    for one in records:
        files.write(folder / "outcomes", one)
    (folder / "allure-results").mkdir(parents=True, exist_ok=True)
    return folder / "allure-results"


def test_the_command_exits_for_ci(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = write_run(tmp_path / "base", record())
    head = write_run(tmp_path / "head", record(tax=15.0))
    out = tmp_path / "out"
    args = ["--base", str(base), "--out", str(out), "--pyproject", str(tmp_path / "none.toml")]
    assert main([*args, "--head", str(base)]) == 0
    assert main([*args, "--head", str(head)]) == 1
    assert main([*args, "--head", str(head), "--report-only"]) == 0
    assert (out / "compare.md").is_file() and (out / "compare.html").is_file()
    assert main([*args, "--head", str(tmp_path / "empty")]) == 2
    assert "holds no outcome record" in capsys.readouterr().err


def test_a_wrong_setting_names_the_key_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(CompareSettingsError, match="unknown key.*tolerance"):
        compare_settings({"tolerance": 1})
    with pytest.raises(CompareSettingsError, match="amount_tolerance must be a number"):
        compare_settings({"amount_tolerance": "a cent"})
    with pytest.raises(CompareSettingsError, match="no regular expression"):
        compare_settings({"ignore_values": ["("]})
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.odoo-uat.compare]\nignore = ["name"]\n')
    assert load_compare_settings(pyproject).ignore == ("name",)
    assert json.loads(json.dumps(load_compare_settings(tmp_path / "none.toml").quantity_fields)) == [
        "*qty*",
        "quantity",
        "valuation quantity",
    ]
