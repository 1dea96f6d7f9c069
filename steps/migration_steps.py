"""Migration reconciliation: a legacy extract (CSV, its path relative to the feature file) compared with what Odoo
holds, one data domain at a time; the mock load seeds Odoo from an extract first in a test run.

The checks only read Odoo: a feature made of them runs against a database just migrated. Each check attaches the
whole comparison (a CSV: key, column, legacy value, Odoo value, result) to the scenario's Allure result and keeps it
in <reports>/reconciliation/<scenario>/. docs/upgrade-rehearsal.md tells how to rehearse a data migration.
"""

from __future__ import annotations

import re
from pathlib import Path

import allure
import pytest
from pytest_bdd import given, then

from odoo_uat.authoring.i18n import REGISTERED
from odoo_uat.authoring.params import phrase
from odoo_uat.authoring.tables import table_rows
from odoo_uat.compare_legacy.domains import DOMAINS
from odoo_uat.compare_legacy.extract import Extract, read_extract
from odoo_uat.compare_legacy.mock_load import Loader, mock_load
from odoo_uat.compare_legacy.odoo_side import KeyMap, read_odoo
from odoo_uat.compare_legacy.reconcile import MISMATCH, Reconciliation, evidence_file, reconcile
from odoo_uat.odoo.factories import Factories
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Records
from odoo_uat.odoo.seeding import Seeding
from odoo_uat.outcome.readings import note
from odoo_uat.scenarios import scenario_of

RECONCILIATION = "reconciliation"  # <reports>/reconciliation/<scenario>/: the comparisons kept
REPORTS = Path("reports")
UNSAFE = re.compile(r"[^\w.-]+")
MAX_FOLDER_NAME = 120
RESULT = "Result"
DIFFERENCE_COLUMNS = ["Key", "Column", "Legacy", "Odoo", RESULT]


class LegacyLoads(set):
    """The extracts this scenario loaded into Odoo (the mock load): the scenario's unique names then stand for the
    extracts' keys and names."""


@pytest.fixture
def legacy_loads() -> LegacyLoads:
    """The extracts the scenario loaded into Odoo."""
    return LegacyLoads()


def _extract(request: pytest.FixtureRequest, relative: str, domain: str) -> Extract:
    """The extract at this path relative to the feature file, read as the domain's."""
    template = scenario_of(request.node)
    folder = Path(template.feature.filename).parent if template else request.config.rootpath
    return read_extract(folder / relative, DOMAINS[domain], lambda cell: REGISTERED.column(cell) or cell)


def _keymap(names: ScenarioNames, loads: LegacyLoads) -> KeyMap:
    """After a mock load, the scenario's unique names; else (a migrated database) the keys as written."""
    if not loads:
        return KeyMap()
    token = re.compile(rf"\s*\b{re.escape(names.token)}\b")
    return KeyMap(names.odoo_text, lambda text: token.sub("", names.scenario_text(text)).strip(), names.token)


def _reconcile(
    request: pytest.FixtureRequest,
    odoo,
    names: ScenarioNames,
    loads: LegacyLoads,
    domain: str,
    extract: str,
    tolerance: float,
) -> Reconciliation:
    """Compare the extract with Odoo and keep the comparison: attached to Allure, and under <reports>/reconciliation/."""
    legacy = _extract(request, extract, domain)
    result = reconcile(legacy, read_odoo(odoo, domain, _keymap(names, loads), legacy.rows), tolerance)
    text = result.evidence_csv()
    allure.attach(text, name=f"Reconciliation: {result.summary()}", attachment_type=allure.attachment_type.CSV)
    results = request.config.getoption("allure_report_dir", None)
    folder = (
        (Path(results).parent if results else REPORTS)
        / RECONCILIATION
        / UNSAFE.sub("_", request.node.name)[:MAX_FOLDER_NAME]
    )
    folder.mkdir(parents=True, exist_ok=True)
    evidence_file(folder, legacy).write_text(text, encoding="utf-8")
    note(f"{domain} reconciliation", {row[0] + " · " + row[1]: row[3] for row in result.rows if row[4] != "match"})
    return result


@given(phrase('the legacy extract "{extract:Text}" of {domain:DataDomain} is loaded into Odoo'))
def _(
    extract: str,
    domain: str,
    request: pytest.FixtureRequest,
    factories: Factories,
    seed: Seeding,
    records: Records,
    names: ScenarioNames,
    legacy_loads: LegacyLoads,
) -> None:
    """Load a legacy extract into Odoo over RPC, as the migration would (the mock load of a test run).

    The extract is a CSV file whose path is relative to the feature file; its keys and names are made the
    scenario's own, so it runs again and in parallel. Load what the others refer to first: customers and products
    before open orders, products and locations before stock. Units of measure are configuration: not loaded.
    Example: Given the legacy extract "extracts/customers.csv" of customers is loaded into Odoo
    """
    legacy = _extract(request, extract, domain)
    mock_load(Loader(factories, seed, names.unique, names.odoo_text, records.remember), legacy)
    legacy_loads.add(legacy.path)


@then(phrase('Odoo holds the {domain:DataDomain} of the legacy extract "{extract:Text}"'))
def _(
    extract: str, domain: str, request: pytest.FixtureRequest, odoo, names: ScenarioNames, legacy_loads: LegacyLoads
) -> None:
    """Every record of the legacy extract is in Odoo with the same values (numbers exactly), and Odoo has no other.

    Read only. The failure lists each mismatch (key, column, legacy value, Odoo value) and the records missing
    or extra; the whole comparison is attached as a CSV.
    Example: Then Odoo holds the customers of the legacy extract "extracts/customers.csv"
    """
    result = _reconcile(request, odoo, names, legacy_loads, domain, extract, 0.0)
    assert result.ok, result.failure()


@then(phrase('Odoo holds the {domain:DataDomain} of the legacy extract "{extract:Text}" within {tolerance:Amount}'))
def _(
    extract: str,
    domain: str,
    tolerance: float,
    request: pytest.FixtureRequest,
    odoo,
    names: ScenarioNames,
    legacy_loads: LegacyLoads,
) -> None:
    """As the check above, numbers (quantities, amounts, costs) agreeing when they differ by no more than the tolerance.

    Example: Then Odoo holds the stock on hand of the legacy extract "extracts/stock.csv" within 0.01
    """
    result = _reconcile(request, odoo, names, legacy_loads, domain, extract, tolerance)
    assert result.ok, result.failure()


@then(phrase('reconciling the {domain:DataDomain} of the legacy extract "{extract:Text}" finds these differences:'))
def _(
    datatable,
    extract: str,
    domain: str,
    request: pytest.FixtureRequest,
    odoo,
    names: ScenarioNames,
    legacy_loads: LegacyLoads,
) -> None:
    """The reconciliation finds exactly these differences, no more, no fewer: known differences signed off, or the
    proof that a changed extract is caught. A Result is mismatch (when left out), missing in Odoo or extra in Odoo.
    Columns: Key, Column, Legacy, Odoo, Result.

    Example: Then reconciling the customers of the legacy extract "extracts/customers-changed.csv" finds these differences:
    """
    rows = table_rows(datatable, DIFFERENCE_COLUMNS, required=["Key"])
    expected = sorted(
        (
            row["Key"],
            row.get("Column", ""),
            row.get("Legacy", ""),
            row.get("Odoo", ""),
            REGISTERED.value(RESULT, row.get(RESULT, MISMATCH)),
        )
        for row in rows
    )
    result = _reconcile(request, odoo, names, legacy_loads, domain, extract, 0.0)
    found = sorted(row for row in result.rows if row[4] != "match")
    assert found == expected, (
        f"The reconciliation of {result.summary()} found other differences than expected.\n"
        f"  expected: {expected}\n  found:    {found}\n{result.failure()}"
    )
