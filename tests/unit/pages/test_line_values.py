"""A form's saved lines compared with what a scenario writes: by value, by name, by day, whatever the language."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from odoo_uat.web.session import FieldInfo
from pages.components.line_values import SavedLine, SavedLines, ValueReader
from pages.components.user_locale import UserLocale

ENGLISH = ValueReader(UserLocale())
FRENCH = ValueReader(UserLocale("%d/%m/%Y", "%H:%M:%S", ",", "\u202f"))
PARIS = ValueReader(UserLocale(), ValueReader.zone_of("Europe/Paris"))
NAMES = {"Oak Pallet": "Oak Pallet ab12cd-1"}
SCENARIO = ValueReader(UserLocale(), real=lambda name: NAMES.get(name, name))

QUANTITY = FieldInfo("product_uom_qty", "Quantity", "float")
PRICE = FieldInfo("price_unit", "Unit Price", "float")
SUBTOTAL = FieldInfo("price_subtotal", "Subtotal", "monetary")
PRODUCT = FieldInfo("product_id", "Product", "many2one", "product.product")
TAXES = FieldInfo("tax_ids", "Taxes", "many2many", "account.tax")
DATE = FieldInfo("date", "Date", "date")
MOMENT = FieldInfo("date_planned", "Expected Arrival", "datetime")
STATE = FieldInfo("state", "Status", "selection", selection=(("draft", "Draft"), ("done", "Done")))
FLAG = FieldInfo("picked", "Picked", "boolean")
NAME = FieldInfo("name", "Description", "text")


@pytest.mark.parametrize(
    "reader, info, held, written",
    [
        (ENGLISH, QUANTITY, 5.0, "5"),
        (ENGLISH, QUANTITY, 5.0, "5.00"),
        (ENGLISH, SUBTOTAL, 54.0, "54.00"),
        (ENGLISH, SUBTOTAL, 1250.5, "1,250.50"),
        (ENGLISH, SUBTOTAL, 54.0, "$ 54.00"),
        (FRENCH, SUBTOTAL, 1250.5, "1 250,50"),
        (ENGLISH, QUANTITY, 0.0, "0"),
        (ENGLISH, QUANTITY, 0.0, ""),
        (ENGLISH, PRICE, 0.333, "0.33"),
        (ENGLISH, PRODUCT, [7, "Oak Pallet"], "oak pallet"),
        (ENGLISH, PRODUCT, [7, "[OAK-1] Oak Pallet"], "Oak Pallet"),
        (SCENARIO, PRODUCT, [7, "Oak Pallet ab12cd-1"], "Oak Pallet"),
        (ENGLISH, PRODUCT, False, ""),
        (ENGLISH, TAXES, ["15%", "Eco 2%"], "Eco 2%, 15%"),
        (ENGLISH, DATE, "2030-03-14", "2030-03-14"),
        (FRENCH, DATE, "2030-03-14", "14/03/2030"),
        (ENGLISH, DATE, date.today().isoformat(), "today"),
        (ENGLISH, DATE, (date.today() + timedelta(days=3)).isoformat(), "today + 3 days"),
        (ENGLISH, MOMENT, "2030-03-14 10:30:00", "2030-03-14"),
        (PARIS, MOMENT, "2030-03-14 23:30:00", "2030-03-15"),
        (ENGLISH, STATE, "done", "Done"),
        (ENGLISH, STATE, "done", "done"),
        (ENGLISH, FLAG, True, "yes"),
        (ENGLISH, FLAG, False, "no"),
        (ENGLISH, NAME, "Oak  pallet\nbig", "oak pallet big"),
    ],
)
def test_a_value_odoo_holds_is_the_one_written(reader: ValueReader, info: FieldInfo, held: Any, written: str) -> None:
    assert reader.same(info, held, written)


@pytest.mark.parametrize(
    "reader, info, held, written",
    [
        (ENGLISH, QUANTITY, 5.0, "4"),
        (ENGLISH, QUANTITY, 5.4, "5"),
        (ENGLISH, SUBTOTAL, 54.01, "54.00"),
        (ENGLISH, SUBTOTAL, False, "54.00"),
        (ENGLISH, PRODUCT, [7, "Oak Pallet Large"], "Oak Pallet"),
        (ENGLISH, PRODUCT, False, "Oak Pallet"),
        (ENGLISH, TAXES, ["15%", "Eco 2%"], "15%"),
        (ENGLISH, DATE, "2030-03-14", "2030-03-15"),
        (ENGLISH, MOMENT, "2030-03-14 23:30:00", "2030-03-15"),
        (ENGLISH, STATE, "draft", "Done"),
        (ENGLISH, FLAG, True, "no"),
        (ENGLISH, NAME, "Oak pallet", "Oak"),
    ],
)
def test_a_value_odoo_holds_is_not_another_one(reader: ValueReader, info: FieldInfo, held: Any, written: str) -> None:
    assert not reader.same(info, held, written)


def test_a_date_that_is_no_date_says_how_to_write_one() -> None:
    with pytest.raises(ValueError, match="today \\+ 3 days, or 2026-12-31"):
        ENGLISH.same(DATE, "2030-03-14", "next Tuesday")


@pytest.mark.parametrize(
    "reader, info, held, shown",
    [
        (ENGLISH, SUBTOTAL, 54.0, "54"),
        (FRENCH, SUBTOTAL, 12.5, "12,5"),
        (ENGLISH, PRODUCT, [7, "Oak Pallet"], "Oak Pallet"),
        (FRENCH, DATE, "2030-03-14", "14/03/2030"),
        (ENGLISH, STATE, "done", "Done"),
        (ENGLISH, FLAG, False, "no"),
        (ENGLISH, PRODUCT, False, ""),
    ],
)
def test_a_value_is_shown_as_the_scenario_writes_it(
    reader: ValueReader, info: FieldInfo, held: Any, shown: str
) -> None:
    assert reader.shown(info, held) == shown


def test_an_unknown_time_zone_is_read_as_utc() -> None:
    assert ValueReader.zone_of("Mars/Olympus") == ValueReader.zone_of(None)


FIELDS = {info.name: info for info in (PRODUCT, QUANTITY, SUBTOTAL, NAME)}
SHOWN = ["product_id", "name", "product_uom_qty", "price_subtotal"]


def lines(*rows: dict[str, Any]) -> SavedLines:
    return SavedLines(None, "sale.order.line", FIELDS, [SavedLine(row) for row in rows], SHOWN, SCENARIO)  # type: ignore[arg-type]


PALLET = {"display_name": "S0001 - Oak Pallet ab12cd-1", "product_id": [7, "Oak Pallet ab12cd-1"], "name": "Oak Pallet"}
CRATE = {"display_name": "S0001 - Oak Crate", "product_id": [8, "Oak Crate"], "name": "Oak Crate", "product_uom_qty": 2}


def test_a_line_is_found_by_the_text_it_shows() -> None:
    assert lines(PALLET, CRATE).showing("Oak Pallet").values is PALLET
    assert lines(PALLET, CRATE).showing("oak crate").values is CRATE


def test_no_line_showing_the_text_lists_the_lines() -> None:
    with pytest.raises(
        AssertionError, match='has none. Its lines: "S0001 - Oak Pallet ab12cd-1 .*"; "S0001 - Oak Crate'
    ):
        lines(PALLET, CRATE).showing("Birch")


def test_a_text_two_lines_show_is_refused() -> None:
    with pytest.raises(AssertionError, match='one line showing "Oak" but has 2'):
        lines(PALLET, CRATE).showing("Oak")


def test_a_line_is_found_by_its_first_column_s_value() -> None:
    assert lines(PALLET, CRATE).with_value("product_id", "Product", "Oak Crate").values is CRATE


def test_differences_name_the_column_what_was_written_and_what_odoo_holds() -> None:
    line = SavedLine({**CRATE, "price_subtotal": 8.0})
    columns = {"Quantity": "product_uom_qty", "Subtotal": "price_subtotal"}
    wrong = line.differences(columns, {"Quantity": "2", "Subtotal": "9.00"}, FIELDS, ENGLISH)
    assert wrong == ['Subtotal should be "9.00" but is "8"']
