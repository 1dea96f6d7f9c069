"""The --changed plugin on a tiny suite in a real git repository: what it deselects and what it says."""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[3]
PLUGIN = "odoo_uat.plugins.impact_selection"
IDENTITY = ["-c", "user.name=UAT", "-c", "user.email=uat@example.com", "-c", "commit.gpgsign=false"]
SELECTION = Path("reports") / "impact-selection.json"

PYPROJECT = """
[tool.odoo-uat]
addons_paths = ["addons"]

[tool.odoo-uat.process-area-modules]
order_to_cash = ["sale"]
"""

ORDERS = """
Feature: Orders
  @requires_module:uat_minimum_order
  Scenario: Small orders are refused
    Given an order

  Scenario: An order is confirmed
    Given an order
"""

RETURNS = """
Feature: Returns
  @smoke
  Scenario: A return is received
    Given an order

  Scenario: A return is credited
    Given an order
"""

SCENARIOS = """
from pytest_bdd import given, scenarios

scenarios(".")


@given("an order")
def _():
    pass
"""

MODULES = {"sale": ["base"], "uat_minimum_order": ["sale"], "uat_other": ["base"]}


def git(repo: Path, *args: str) -> None:
    result = subprocess.run(["git", *IDENTITY, "-C", str(repo), *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """The tiny suite with its customisation folder, committed once; no Odoo settings from the environment."""
    for variable in ("ODOO_SRC", "ODOO_URL", "ODOO_ADDONS_PATH", "ODOO_UAT_ADDON_PACKAGES"):
        monkeypatch.delenv(variable, raising=False)
    pytester.syspathinsert(str(ROOT))
    root = pytester.path
    (root / "pyproject.toml").write_text(PYPROJECT)
    for area, name, text in (("order_to_cash", "orders", ORDERS), ("returns", "returns", RETURNS)):
        (root / "features" / area).mkdir(parents=True)
        (root / "features" / area / f"{name}.feature").write_text(textwrap.dedent(text))
    (root / "features" / "test_scenarios.py").write_text(SCENARIOS)
    for name, depends in MODULES.items():
        (root / "addons" / name).mkdir(parents=True)
        (root / "addons" / name / "__manifest__.py").write_text(repr({"name": name, "depends": depends}))
        (root / "addons" / name / "models.py").write_text("# v1\n")
    git(root, "init", "-q")
    commit_all(root, "first")
    return pytester


def change(suite: pytest.Pytester, relative: str) -> None:
    """Commit a change to one file."""
    path = suite.path / relative
    path.write_text(path.read_text() + "# changed\n")
    commit_all(suite.path, f"change {relative}")


def collect(suite: pytest.Pytester, *args: str) -> pytest.RunResult:
    return suite.runpytest("-p", "no:playwright", "-p", "no:cacheprovider", "-p", PLUGIN, "--collect-only", "-q", *args)


def test_a_changed_module_selects_its_tagged_scenarios_and_smoke_ones(suite: pytest.Pytester) -> None:
    change(suite, "addons/uat_minimum_order/models.py")

    result = collect(suite, "--changed", "HEAD~1..HEAD")

    result.stdout.fnmatch_lines(
        [
            "odoo-uat: --changed HEAD~1..HEAD: changed modules: uat_minimum_order (1 file)",
            "odoo-uat:   uat_minimum_order (changed) → 1 scenario",
            "odoo-uat:       features/order_to_cash/orders.feature: Small orders are refused",
            "odoo-uat:   @smoke → 1 scenario",
            "odoo-uat:       features/returns/returns.feature: A return is received",
            "odoo-uat:   selected 2, deselected 2 of 4 scenarios",
            "*2/4 tests collected (2 deselected)*",
        ]
    )
    data = json.loads((suite.path / SELECTION).read_text())
    assert data["changed_modules"] == {"uat_minimum_order": ["addons/uat_minimum_order/models.py"]}
    assert [s["name"] for s in data["selected"]] == ["Small orders are refused", "A return is received"]
    assert (data["total"], data["deselected"]) == (4, 2)


def test_a_module_change_reaches_its_dependants_and_the_process_area(suite: pytest.Pytester) -> None:
    change(suite, "addons/sale/models.py")

    result = collect(suite, "--changed", "HEAD~1..HEAD")

    result.stdout.fnmatch_lines(
        [
            "odoo-uat:   and the modules depending on them: uat_minimum_order",
            "odoo-uat:   sale (changed) → 2 scenarios",
            "odoo-uat:   uat_minimum_order (depends on sale (changed)) → 1 scenario",
            "*3/4 tests collected (1 deselected)*",
        ]
    )


def test_an_unrelated_module_selects_only_smoke_scenarios(suite: pytest.Pytester) -> None:
    change(suite, "addons/uat_other/models.py")

    collect(suite, "--changed", "HEAD~1..HEAD").stdout.fnmatch_lines(["*1/4 tests collected (3 deselected)*"])


def test_an_unknown_range_is_a_usage_error_naming_the_option(suite: pytest.Pytester) -> None:
    result = collect(suite, "--changed", "no-such-branch..HEAD")

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: --changed no-such-branch..HEAD: git cannot compare no-such-branch..HEAD in *"])


def test_a_run_without_the_option_forgets_the_last_selection(suite: pytest.Pytester) -> None:
    change(suite, "addons/uat_other/models.py")
    collect(suite, "--changed", "HEAD~1..HEAD")
    assert (suite.path / SELECTION).is_file()

    collect(suite).stdout.fnmatch_lines(["*4 tests collected*"])

    assert not (suite.path / SELECTION).exists()
