"""Expiration dates (the products table's column, the receipt's lots table, a lot's day) and a warehouse's
cross-dock route as the suite makes it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from odoo_uat.authoring.tables import TableError
from odoo_uat.odoo.warehouses import WarehouseError, check_cross_dock, cross_dock_values
from steps.data_steps import expiry_values, require_tracking_for_expiry
from steps.lot_steps import expiry_by_product, expiry_day, lot_expiry, lots_by_product

WAREHOUSE: dict[str, Any] = {
    "id": 7,
    "name": "Cross Depot t1",
    "code": "UAB12",
    "company_id": [1, "My Company"],
    "reception_steps": "two_steps",
    "delivery_steps": "pick_ship",
    "in_type_id": [20, "Cross Depot t1: Receipts"],
    "out_type_id": [21, "Cross Depot t1: Delivery Orders"],
    "xdock_type_id": [27, "Cross Depot t1: Cross Dock"],
    "wh_input_stock_loc_id": [30, "UAB12/Input"],
    "wh_output_stock_loc_id": [31, "UAB12/Output"],
}


class ProductFields:
    """The record service as the products table asks it: the product's fields, with product_expiry or without."""

    def __init__(self, expiry: bool = True) -> None:
        self.expiry = expiry

    def fields(self, model: str, attributes: list[str], lang: str | None = None) -> dict[str, dict[str, Any]]:
        found = {"tracking": {"type": "selection"}}
        if self.expiry:
            found |= {"use_expiration_date": {"type": "boolean"}, "expiration_time": {"type": "integer"}}
        return found


@pytest.mark.parametrize("written", ["30", "30 days after receipt", " 30 days"])
def test_the_expiration_date_column_gives_the_days_after_receipt(written: str) -> None:
    values = expiry_values({"Name": "Kefir Pack", "Expiration Date": written}, ProductFields())  # type: ignore[arg-type]
    assert values == {"use_expiration_date": True, "expiration_time": 30}


def test_a_row_without_the_column_has_no_expiration_date() -> None:
    assert expiry_values({"Name": "Kefir Pack"}, ProductFields()) == {}  # type: ignore[arg-type]


def test_an_expiration_date_that_is_no_number_of_days_names_the_row_and_the_fix() -> None:
    with pytest.raises(TableError, match=r'row "Kefir Pack": "in a month" is not a number of days.*"30 days after'):
        expiry_values({"Name": "Kefir Pack", "Expiration Date": "in a month"}, ProductFields())  # type: ignore[arg-type]


def test_expiration_dates_without_product_expiry_say_which_module_to_add() -> None:
    with pytest.raises(TableError, match="product_expiry.*@requires_module:product_expiry"):
        expiry_values({"Name": "Kefir Pack", "Expiration Date": "30"}, ProductFields(expiry=False))  # type: ignore[arg-type]


def test_a_product_with_expiration_dates_is_tracked() -> None:
    rows = [{"Name": "Kefir Pack", "Expiration Date": "30"}]
    with pytest.raises(TableError, match=r'Row "Kefir Pack".*give it a Tracking'):
        require_tracking_for_expiry([{"use_expiration_date": True, "expiration_time": 30}], rows)
    require_tracking_for_expiry([{"use_expiration_date": True, "tracking": "lot"}], rows)


def test_the_receipts_lots_table_takes_an_expiration_date_per_lot() -> None:
    table = [
        ["Product", "Lot", "Quantity", "Expiration Date"],
        ["Kefir Pack", "KEF-EXP", "6", "today + 12 days"],
        ["Kefir Pack", "KEF-STD", "4", ""],
    ]
    assert lots_by_product(table, ("Expiration Date",)) == {"Kefir Pack": [("KEF-EXP", 6.0), ("KEF-STD", 4.0)]}
    assert expiry_by_product(table) == {"Kefir Pack": {"KEF-EXP": "today + 12 days"}}


def test_a_wrong_expiration_date_names_its_row() -> None:
    table = [["Product", "Lot", "Expiration Date"], ["Kefir Pack", "KEF-EXP", "soon"]]
    with pytest.raises(TableError, match=r'Row 2, column "Expiration Date": .soon. is not a date'):
        expiry_by_product(table)


def test_a_lots_expiration_date_is_a_day_at_midday_or_the_time_written() -> None:
    assert lot_expiry("2026-12-31") == "2026-12-31 12:00:00"
    assert lot_expiry("2026-12-31 08:15") == "2026-12-31 08:15:00"


def test_a_lots_expiration_day_is_read_in_a_time_zone() -> None:
    assert expiry_day("2026-12-31 23:30:00", None) == date(2026, 12, 31)
    assert expiry_day("2026-12-31 23:30:00", "Europe/Brussels") == date(2027, 1, 1)
    assert expiry_day(False, "Europe/Brussels") is None


def test_the_cross_dock_route_pulls_the_delivery_the_cross_dock_and_buys_into_input() -> None:
    route = cross_dock_values(WAREHOUSE, "Cross Depot t1: Cross Dock", customers=5)
    assert route["name"] == "Cross Depot t1: Cross Dock"
    assert route["product_selectable"] and route["sale_selectable"] and not route["warehouse_selectable"]
    rules = [values for _, _, values in route["rule_ids"]]
    assert [(r["action"], r["location_src_id"], r["location_dest_id"], r["picking_type_id"]) for r in rules] == [
        ("pull", 31, 5, 21),
        ("pull", 30, 31, 27),
        ("buy", False, 30, 20),
    ]
    assert [r["name"] for r in rules] == [
        "UAB12: Output → Customers",
        "UAB12: Input → Output",
        "UAB12: Vendors → Input",
    ]
    assert [r["procure_method"] for r in rules] == ["make_to_order", "make_to_order", "make_to_stock"]
    assert {r["warehouse_id"] for r in rules} == {7}


@pytest.mark.parametrize("steps", [{"reception_steps": "one_step"}, {"delivery_steps": "ship_only"}])
def test_a_warehouse_that_receives_or_delivers_in_one_step_cannot_cross_dock(steps: dict[str, str]) -> None:
    check_cross_dock(WAREHOUSE)
    with pytest.raises(WarehouseError, match=r'"Cross Depot t1" cannot cross-dock.*"Receive then Store \(2 steps\)"'):
        check_cross_dock({**WAREHOUSE, **steps})
