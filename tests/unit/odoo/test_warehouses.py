"""A scenario's own warehouses: step choices by their labels, the names of its locations, its transfers as read."""

from __future__ import annotations

import pytest

from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Records
from odoo_uat.odoo.warehouses import WarehouseError, choice_key, picking_rows, warehouse_aliases
from tests.unit.fake_odoo import FakeOdoo

RECEPTION_FR = [("one_step", "Recevoir et stocker (1 étape)"), ("two_steps", "Recevoir puis stocker (2 étapes)")]
RECEPTION_EN = [("one_step", "Receive and Store (1 step)"), ("two_steps", "Receive then Store (2 steps)")]


def test_a_step_choice_is_named_by_its_label_in_the_files_language_or_in_english() -> None:
    assert choice_key("Recevoir puis stocker (2 étapes)", "Réceptions", [RECEPTION_FR, RECEPTION_EN]) == "two_steps"
    assert choice_key("receive then store (2 steps)", "Réceptions", [RECEPTION_FR, RECEPTION_EN]) == "two_steps"
    assert choice_key("one_step", "Incoming Shipments", [RECEPTION_EN]) == "one_step"


def test_an_unknown_step_choice_lists_the_choices_of_the_form() -> None:
    with pytest.raises(WarehouseError, match=r'"Receive in 2 steps" is not a choice of "Incoming Shipments".*"Receive'):
        choice_key("Receive in 2 steps", "Incoming Shipments", [RECEPTION_EN])


def test_a_warehouses_own_locations_are_named_with_the_scenarios_name() -> None:
    aliases = warehouse_aliases("North Depot", ["UK3X9", "UK3X9/Stock", "UK3X9/Output", "WH/Stock"], "UK3X9")
    assert aliases == {"North Depot/Stock": "UK3X9/Stock", "North Depot/Output": "UK3X9/Output"}


@pytest.fixture
def names() -> ScenarioNames:
    names = ScenarioNames("t1")
    names.unique("North Depot")
    names.unique("Central")
    names.alias("North Depot/Stock", "UK3X9/Stock")
    names.shown_as("UK3X9", "North Depot")
    return names


def test_odoos_text_reads_with_the_scenarios_names_and_back(names: ScenarioNames) -> None:
    names.unique("Shelf A")
    assert names.scenario_text("North Depot t1: Pick") == "North Depot: Pick"
    assert names.scenario_text("UK3X9/Stock/Shelf A t1") == "North Depot/Stock/Shelf A"
    assert names.scenario_text("UK3X9/Output") == "North Depot/Output"
    assert names.scenario_text("WH/Stock") == "WH/Stock"
    assert (
        names.odoo_text("North Depot: Supply Product from Central") == "North Depot t1: Supply Product from Central t1"
    )
    assert names.odoo_text("North Depot/Stock") == "UK3X9/Stock"


def test_a_name_inside_another_word_is_left_alone(names: ScenarioNames) -> None:
    assert names.odoo_text("Central Station") == "Central t1 Station"
    assert names.odoo_text("Centrally") == "Centrally"


def test_a_scenarios_own_location_is_found_by_its_path_or_its_own_name(names: ScenarioNames) -> None:
    names.unique("Shelf A")
    names.alias("North Depot/Stock/Shelf A", "UK3X9/Stock/Shelf A t1")
    odoo = FakeOdoo(
        {
            "stock.location": [
                {"id": 51, "name": "Shelf A t1", "complete_name": "UK3X9/Stock/Shelf A t1"},
                {"id": 52, "name": "Shelf A", "complete_name": "WH/Stock/Shelf A"},  # another run's
            ]
        }
    )
    service = Records(odoo, names, {})
    assert service.location("North Depot/Stock/Shelf A", for_writing=True) == 51
    assert service.location("Shelf A", for_writing=True) == 51
    assert service.location_name("Shelf A") == "Shelf A t1"


def test_a_location_below_the_default_warehouse_is_the_scenarios_own() -> None:
    names = ScenarioNames("t2")
    names.unique("Shelf A")
    odoo = FakeOdoo(
        {
            "stock.location": [
                {"id": 52, "name": "Shelf A", "complete_name": "WH/Stock/Shelf A"},
                {"id": 53, "name": "Shelf A t2", "complete_name": "WH/Stock/Shelf A t2"},
            ]
        }
    )
    assert Records(odoo, names, {}).location("WH/Stock/Shelf A", for_writing=True) == 53


def test_transfers_read_with_the_scenarios_names(names: ScenarioNames) -> None:
    pickings = [
        {
            "id": 7,
            "name": "UK3X9/PICK/00001",
            "picking_type_id": [3, "North Depot t1: Pick"],
            "location_id": [1, "UK3X9/Stock"],
            "location_dest_id": [2, "UK3X9/Packing Zone"],
            "state": "assigned",
        }
    ]
    assert picking_rows(pickings, {7: 5.0}, names) == [
        {
            "id": 7,
            "Reference": "North Depot/PICK/00001",
            "Operation Type": "North Depot: Pick",
            "From": "North Depot/Stock",
            "To": "North Depot/Packing Zone",
            "Quantity": 5.0,
            "Status": "assigned",
        }
    ]


class RecordingSettings:
    """The company settings, recording what is turned on and whether the lock is held meanwhile."""

    def __init__(self) -> None:
        self.turned_on: list[tuple[str, ...]] = []
        self.locked = 0

    def turn_on(self, labels, lang=None):
        self.turned_on.append(tuple(labels))
        return []

    @property
    def lock(self):
        settings = self

        class Held:
            def __enter__(self):
                settings.locked += 1

            def __exit__(self, *_exc):
                return False

        return Held()


def test_storage_locations_are_turned_on_through_the_company_settings(fake_odoo: FakeOdoo) -> None:
    from odoo_uat.odoo import factories
    from odoo_uat.odoo.seeding import Seeding

    settings = RecordingSettings()
    Seeding(factories.bind(fake_odoo), settings).ensure_storage_locations()  # type: ignore[arg-type]
    assert settings.turned_on == [("group_stock_multi_locations",)]
    assert [call for call in fake_odoo.calls if call.model == "res.groups" and call.method == "write"] == []
