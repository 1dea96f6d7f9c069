"""Lots and serial numbers: which detailed operation gets which lot, the lots tables, and the products table's
columns set as the product form sets them."""

from __future__ import annotations

from typing import Any

import pytest

from odoo_uat.authoring.tables import TableError
from pages.lots import row_plan, shows_lot
from steps.data_steps import LOTS_SETTING, PRODUCT_FIELDS, labelled_values, require_lots_setting
from steps.lot_steps import lots_by_product

TRACKING = {
    "string": "Tracking",
    "type": "selection",
    "selection": [["serial", "By Unique Serial Number"], ["lot", "By Lots"], ["none", "By Quantity"]],
}
FRENCH_TRACKING = {
    **TRACKING,
    "string": "Suivi",
    "selection": [["serial", "Par numéro de série unique"], ["lot", "Par lots"], ["none", "Par quantité"]],
}
ROUTES = {"string": "Routes", "type": "many2many", "relation": "stock.route"}


class FakeRecords:
    """What the products table asks of the record service: fields in a language, records by display name."""

    def __init__(self) -> None:
        self.routes = {"Buy": 5, "Dropship": 6}

    def fields(self, model: str, attributes: list[str], lang: str | None = None) -> dict[str, dict[str, Any]]:
        return {"tracking": FRENCH_TRACKING if lang else TRACKING, "route_ids": ROUTES}

    def by_display_name(
        self, model: str, name: str, normalise, *, for_writing: bool = False, lang: str | None = None
    ) -> int:
        return self.routes[name]


class FakeSettings:
    def __init__(self, on: bool) -> None:
        self.on = on

    def values(self, fields: list[str]) -> dict[str, Any]:
        return {LOTS_SETTING: self.on}


def test_a_row_reserved_on_a_lot_asked_keeps_it_and_the_others_take_the_rest_in_order() -> None:
    rows = ["WH/Stock - SN-0001 | 1.00", "WH/Stock - SN-0002 | 1.00"]
    plan, extra = row_plan(rows, [("SN-0003", 1.0), ("SN-0002", 1.0)])
    assert plan == [("SN-0003", 1.0, False), ("SN-0002", 1.0, True)]
    assert extra == []


def test_lots_beyond_the_rows_are_left_for_new_rows_and_rows_beyond_the_lots_are_deleted() -> None:
    assert row_plan(["| 10.00"], [("LOT-A", 6.0), ("LOT-B", 4.0)]) == ([("LOT-A", 6.0, False)], [("LOT-B", 4.0)])
    assert row_plan(["| 1.00", "| 1.00"], [("SN-1", 1.0)]) == ([("SN-1", 1.0, False), None], [])


def test_a_lot_is_read_in_a_row_as_a_whole_word() -> None:
    assert shows_lot("WH/Stock - LOT-1 | 3.00", "LOT-1")
    assert not shows_lot("WH/Stock - LOT-10 | 3.00", "LOT-1")
    assert not shows_lot("WH/Stock - XLOT-1 | 3.00", "LOT-1")


def test_a_lots_table_groups_its_rows_by_product_a_serial_number_counting_one_unit() -> None:
    table = [["Product", "Lot", "Quantity"], ["Yogurt", "LOT-A", "6"], ["Yogurt", "LOT-B", "4"]]
    assert lots_by_product(table) == {"Yogurt": [("LOT-A", 6.0), ("LOT-B", 4.0)]}
    serials = [["Product", "Serial number"], ["Scanner", "SN-1"], ["Scanner", "SN-2"]]
    assert lots_by_product(serials) == {"Scanner": [("SN-1", 1.0), ("SN-2", 1.0)]}


def test_a_lots_table_row_without_a_lot_says_which_row() -> None:
    with pytest.raises(TableError, match="Row 3 names no lot"):
        lots_by_product([["Product", "Lot"], ["Yogurt", "LOT-A"], ["Yogurt", ""]])


def test_tracking_and_routes_are_written_as_the_product_form_shows_them_in_the_file_s_language() -> None:
    row = {"Name": "Yogurt", "Tracking": "Par lots", "Routes": "Buy, Dropship"}
    values = labelled_values(row, PRODUCT_FIELDS, "product.product", FakeRecords(), "fr_FR")
    assert values == {"tracking": "lot", "route_ids": [(6, 0, [5, 6])]}
    english = labelled_values(
        {"Tracking": "By Unique Serial Number"}, PRODUCT_FIELDS, "product.product", FakeRecords(), "fr_FR"
    )
    assert english == {"tracking": "serial"}


def test_an_unknown_tracking_lists_the_choices_and_names_the_column_and_row() -> None:
    with pytest.raises(TableError) as error:
        labelled_values(
            {"Name": "Yogurt", "Tracking": "By Batch"}, PRODUCT_FIELDS, "product.product", FakeRecords(), None
        )
    assert 'Column "Tracking", row "Yogurt"' in str(error.value)
    assert "By Lots" in str(error.value) and "By Unique Serial Number" in str(error.value)


def test_tracked_products_need_the_lots_setting_and_say_which_step_turns_it_on() -> None:
    require_lots_setting([{"tracking": "none"}, {}], FakeSettings(on=False))
    require_lots_setting([{"tracking": "lot"}], FakeSettings(on=True))
    with pytest.raises(TableError, match='Given the setting "Lots & Serial Numbers" is on'):
        require_lots_setting([{"tracking": "serial"}], FakeSettings(on=False))
