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


# --- A step that changes a record finds it exactly; a partial match is for reading only -----------------

REAL_CUSTOMER = "Acme Corp (real customer)"
ONLY_PARTIAL = (
    "a step that changes a record needs the exact name; write the full name, or create the record in the scenario"
)


def test_a_writing_look_up_refuses_a_record_whose_name_only_contains_the_scenarios(names: ScenarioNames) -> None:
    odoo = FakeOdoo({"res.partner": [{"id": 1, "name": REAL_CUSTOMER}]})
    with pytest.raises(RecordNotFound) as refused:
        records(odoo, names).partner("Acme", "customer", for_writing=True)
    assert str(refused.value) == (f'The customer "Acme" matches only partially: "{REAL_CUSTOMER}" — {ONLY_PARTIAL}.')
    assert odoo.called("res.partner", "write") == []


def test_a_reading_look_up_still_takes_the_one_record_whose_name_contains_the_scenarios(
    names: ScenarioNames,
) -> None:
    odoo = FakeOdoo({"res.partner": [{"id": 1, "name": REAL_CUSTOMER}]})
    assert records(odoo, names).partner("Acme", "customer") == 1


def test_a_writing_look_up_takes_the_exact_name_beside_longer_ones(names: ScenarioNames) -> None:
    odoo = FakeOdoo({"res.partner": [{"id": 1, "name": REAL_CUSTOMER}, {"id": 2, "name": "Acme"}]})
    assert records(odoo, names).partner("Acme", "customer", for_writing=True) == 2


def test_a_writing_look_up_takes_the_scenarios_own_record_by_the_runs_unique_name(names: ScenarioNames) -> None:
    odoo = FakeOdoo(
        {
            "product.product": [
                {"id": 3, "name": "Oak Pallet 9pc10e-gw0-14"},  # another scenario's
                {"id": 4, "name": "Oak Pallet t1"},  # this scenario's: names.unique("Oak Pallet")
            ]
        }
    )
    assert records(odoo, names).product("Oak Pallet", for_writing=True) == 4
    assert records(odoo, names, {("product.product", "Oak Pallet"): 9}).product("Oak Pallet", for_writing=True) == 9


def test_a_writing_look_up_of_a_name_the_scenario_did_not_create_refuses_another_scenarios_record(
    names: ScenarioNames,
) -> None:
    odoo = FakeOdoo({"product.product": [{"id": 3, "name": "Pine Crate 9pc10e-gw0-14"}]})
    with pytest.raises(RecordNotFound, match='"Pine Crate" matches only partially: "Pine Crate 9pc10e-gw0-14"'):
        records(odoo, names).product("Pine Crate", for_writing=True)
    assert records(odoo, names).product("Pine Crate") == 3  # reading: as before


def test_a_writing_look_up_is_case_sensitive_and_names_the_case_odoo_has(names: ScenarioNames) -> None:
    odoo = FakeOdoo({"res.partner": [{"id": 1, "name": "Acme"}]})
    with pytest.raises(RecordNotFound, match='"acme" matches only partially: "Acme" \\("Acme" differs only in case\\)'):
        records(odoo, names).partner("acme", "customer", for_writing=True)


def test_a_writing_look_up_of_a_location_needs_its_full_name(names: ScenarioNames) -> None:
    odoo = FakeOdoo(
        {"stock.location": [{"id": 8, "name": "Stock", "complete_name": "WH/Stock"}, SHELF_A, SHELF_A_ELSEWHERE]}
    )
    assert records(odoo, names).location("WH/Stock/Shelf A", for_writing=True) == 51
    with pytest.raises(
        RecordNotFound, match='"Shelf A" matches only partially: "WH/Stock/Shelf A", "NT/Stock/Shelf AB"'
    ):
        records(odoo, names).location("Shelf A", for_writing=True)
    with pytest.raises(RecordNotFound, match='"WH" matches only partially: "WH/Stock", "WH/Stock/Shelf A"'):
        records(odoo, names).location("WH", for_writing=True)


def test_a_reading_look_up_of_a_location_takes_the_one_full_name_holding_it(names: ScenarioNames) -> None:
    odoo = FakeOdoo({"stock.location": [{"id": 8, "name": "Stock", "complete_name": "WH/Stock"}, SHELF_A]})
    assert records(odoo, names).location("Shelf A") == 51


SHELF_A = {"id": 51, "name": "Shelf A", "complete_name": "WH/Stock/Shelf A"}
SHELF_A_ELSEWHERE = {"id": 52, "name": "Shelf AB", "complete_name": "NT/Stock/Shelf AB"}


def test_a_product_is_found_exactly_by_its_name_or_as_shown_with_its_reference(names: ScenarioNames) -> None:
    odoo = FakeOdoo(
        {
            "product.product": [
                {"id": 4, "name": "Oak Pallet t1", "default_code": "OP-1"},
                {"id": 5, "name": "Oak Pallet Deluxe", "default_code": "OP-9"},
            ]
        }
    )
    service = records(odoo, names)
    assert service.product("[OP-1] Oak Pallet", for_writing=True) == 4  # the scenario's name, through the run's
    assert service.product("Oak Pallet Deluxe", for_writing=True) == 5
    with pytest.raises(RecordNotFound, match="No single product named '\\[OP-2\\] Oak Pallet'"):
        service.product("[OP-2] Oak Pallet", for_writing=True)


def test_a_contact_is_found_exactly_by_its_name_or_as_shown_with_its_company(names: ScenarioNames) -> None:
    names.unique("Acme")
    odoo = FakeOdoo(
        {
            "res.partner": [
                {"id": 1, "name": "Acme t1", "complete_name": "Acme t1"},
                {"id": 2, "name": "John", "complete_name": "Acme t1, John", "display_name": "Acme t1, John"},
                {"id": 3, "name": "John", "complete_name": "Globex, John", "display_name": "Globex, John"},
                {"id": 4, "name": "Jane", "complete_name": "Globex, Jane"},
            ]
        }
    )
    service = records(odoo, names)
    assert service.partner("Acme, John", for_writing=True) == 2  # the scenario's company, through the run's name
    assert service.partner("Globex, John", for_writing=True) == 3
    assert service.partner("Jane", for_writing=True) == 4
    with pytest.raises(RecordNotFound, match="found 2: 'Acme t1, John', 'Globex, John'"):
        service.partner("John", for_writing=True)


def test_a_writing_look_up_of_a_category_takes_its_full_name_or_its_own_exactly(names: ScenarioNames) -> None:
    names.unique("Timber")
    odoo = FakeOdoo(
        {
            "product.category": [
                {"id": 5, "name": "Saleable", "complete_name": "All / Saleable"},
                {"id": 6, "name": "Timber t1", "complete_name": "All / Timber t1"},
            ]
        }
    )
    service = records(odoo, names)
    assert service.category("All / Saleable", for_writing=True) == 5
    assert service.category("Saleable", for_writing=True) == 5
    assert service.category("All / Timber", for_writing=True) == 6
    with pytest.raises(RecordNotFound, match='"Sale" matches only partially: "All / Saleable"'):
        service.category("Sale", for_writing=True)
    assert service.category("Sale") == 5


def test_a_value_by_display_name_for_writing_is_exact_and_refuses_a_partial_match(names: ScenarioNames) -> None:
    odoo = FakeOdoo(
        {
            "account.payment.term": [{"id": 1, "display_name": "30 Days End of Month"}],
            "product.product": [{"id": 7, "display_name": "[AP-1] Ash Plank"}],
        }
    )
    service = records(odoo, names)
    with pytest.raises(RecordNotFound, match='"30 Days" matches only partially: "30 Days End of Month"'):
        service.by_display_name("account.payment.term", "30 Days", for_writing=True)
    assert service.by_display_name("account.payment.term", "30 Days") == 1  # reading: as before
    assert service.by_display_name("account.payment.term", "30 Days End of Month", for_writing=True) == 1
    assert service.by_display_name("product.product", "Ash Plank", for_writing=True) == 7  # after its [reference]


def test_a_value_by_display_name_for_writing_finds_the_exact_one_beyond_the_partial_ones_listed(
    names: ScenarioNames,
) -> None:
    many = [{"id": index, "display_name": f"Stock {index}"} for index in range(1, 13)]
    odoo = FakeOdoo({"stock.location": [*many, {"id": 99, "display_name": "Stock"}]})
    assert records(odoo, names).by_display_name("stock.location", "Stock", for_writing=True) == 99


def test_a_value_in_a_translated_file_is_found_by_its_translated_name_then_its_english_one(
    names: ScenarioNames,
) -> None:
    odoo = FakeOdoo({"stock.route": [{"id": 3, "display_name": "Buy", "display_name@fr_FR": "Acheter"}]})
    service = records(odoo, names)
    assert service.by_display_name("stock.route", "Acheter", for_writing=True, lang="fr_FR") == 3
    assert service.by_display_name("stock.route", "Buy", for_writing=True, lang="fr_FR") == 3
    with pytest.raises(RecordNotFound, match='No single stock.route named "Acheter"'):
        service.by_display_name("stock.route", "Acheter", for_writing=True)
