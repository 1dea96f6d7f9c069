"""The record service: what a scenario calls a record, answered with an id; errors list what exists."""

from __future__ import annotations

import pytest

from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import RecordNotFound, Records
from tests.unit.fake_odoo import FakeOdoo


@pytest.fixture
def names() -> ScenarioNames:
    names = ScenarioNames("t1")
    names.unique("Oak Pallet")
    return names


def records(odoo: FakeOdoo, names: ScenarioNames, seeded: dict | None = None) -> Records:
    return Records(odoo, names, seeded if seeded is not None else {})


def test_a_seeded_record_is_answered_without_asking_odoo(names: ScenarioNames, fake_odoo: FakeOdoo) -> None:
    assert records(fake_odoo, names, {("product.product", "Oak Pallet"): 7}).product("Oak Pallet") == 7
    assert fake_odoo.calls == []


def test_an_existing_record_is_found_by_its_unique_name(names: ScenarioNames) -> None:
    odoo = FakeOdoo({"product.product": [{"id": 3, "name": "Oak Pallet t1"}, {"id": 4, "name": "Oak Pallet"}]})
    assert records(odoo, names).product("Oak Pallet") == 3


def test_an_unknown_name_lists_records_that_exist(names: ScenarioNames) -> None:
    odoo = FakeOdoo({"res.partner": [{"id": 1, "name": "Acme"}, {"id": 2, "name": "Globex"}]})
    with pytest.raises(
        RecordNotFound,
        match=r"No single customer named 'Initech' \(found 0\). "
        r"Some that exist: 'Acme', 'Globex'",
    ):
        records(odoo, names).partner("Initech", "customer")


def test_a_location_of_a_scenario_warehouse_is_found_under_the_warehouse_short_name(names: ScenarioNames) -> None:
    odoo = FakeOdoo(
        {
            "stock.warehouse": [{"id": 9, "view_location_id": [50, "UX1"]}],
            "stock.location": [{"id": 51, "complete_name": "UX1/Stock/Shelf A"}],
        }
    )
    service = records(odoo, names, {("stock.warehouse", "North Depot"): 9})
    assert service.location_name("North Depot/Stock/Shelf A") == "UX1/Stock/Shelf A"
    assert service.location("North Depot/Stock/Shelf A") == 51


def test_an_existing_location_is_found_by_its_full_name(names: ScenarioNames) -> None:
    odoo = FakeOdoo({"stock.location": [{"id": 8, "complete_name": "WH/Stock"}]})
    assert records(odoo, names).location("WH/Stock") == 8


def test_a_category_is_found_by_its_full_name_or_its_own(names: ScenarioNames) -> None:
    odoo = FakeOdoo({"product.category": [{"id": 5, "name": "Saleable", "complete_name": "All / Saleable"}]})
    assert records(odoo, names).category("All / Saleable") == 5
    assert records(odoo, names).category("Saleable") == 5
