"""readings.note: what a Then step read, collected only while the outcome plugin records a Then step; and the
normalisation that makes two runs' readings compare."""

from __future__ import annotations

from datetime import date

import pytest

from odoo_uat.outcome import readings
from odoo_uat.outcome.normalise import Normaliser
from odoo_uat.outcome.readings import note


@pytest.fixture(autouse=True)
def _no_collection_left():
    yield
    readings.stop()


def test_outside_a_recorded_step_a_note_returns_the_value_and_reads_nothing() -> None:
    def read():
        raise AssertionError("a callable is never called outside a recorded Then step")

    assert not readings.collecting()
    assert note("on hand", 8.0) == 8.0
    assert note("Total", read) is read
    assert readings.stop() == {}


def test_a_step_collects_its_readings_in_order_a_label_twice_numbered() -> None:
    readings.start()
    assert readings.collecting()
    assert note("on hand", 8.0) == 8.0
    assert note("Total", lambda: "$ 1,250.00") == "$ 1,250.00"
    note("Total", "$ 15.00")
    assert readings.stop() == {"on hand": 8.0, "Total": "$ 1,250.00", "Total #2": "$ 15.00"}
    assert not readings.collecting() and note("Total", 1) == 1 and readings.stop() == {}


def test_a_reading_that_fails_is_noted_unreadable_and_never_fails_the_step() -> None:
    def gone():
        raise RuntimeError("the page closed")

    readings.start()
    assert note("Total", gone) == readings.UNREAD
    assert readings.stop() == {"Total": "(unreadable)"}


def test_readings_are_normalised_numbers_days_and_the_scenarios_names() -> None:
    names = {"Acme Retail k3x9ab-1": "Acme Retail"}
    normaliser = Normaliser(
        date(2026, 12, 3), lambda text: names.get(text, text), "k3x9ab-1", {"S00042": "Sales order 1"}
    )
    read = {
        "Total": "$ 1,250.00",
        "Amount": "1 250,50 €",
        "on hand": 8.0,
        "records": 3,
        "state": "sale",
        "Customer": "Acme Retail k3x9ab-1",
        "Source": "S00042",
        "Delivery date": "12/05/2026 14:30:00",
        "Expires": date(2026, 12, 1),
        "Scheduled": "2026-12-13",
        "valuation": {"valuation quantity": 10.0, "valuation value": 1200.00000000001},
        "on hand by location": {"WH/Stock": 6.0},
        "Oak Pallet k3x9ab-1": {"qty_delivered": 2.0},
        "Nothing": None,
        "Paid": True,
    }
    assert normaliser.reading(read) == {
        "Total": 1250.0,
        "Amount": 1250.5,
        "on hand": 8.0,
        "records": 3,
        "state": "sale",
        "Customer": "Acme Retail",
        "Source": "Sales order 1",
        "Delivery date": "D+2",
        "Expires": "D-2",
        "Scheduled": "D+10",
        "valuation": {"valuation quantity": 10.0, "valuation value": 1200.0},
        "on hand by location": {"WH/Stock": 6.0},
        "Oak Pallet": {"qty_delivered": 2.0},
        "Nothing": None,
        "Paid": True,
    }


def test_a_text_that_only_looks_like_a_number_or_a_date_stays_text() -> None:
    normaliser = Normaliser(date(2026, 12, 3))
    assert normaliser.reading("3 Pallets") == "3 Pallets"
    assert normaliser.reading("13/45/2026") == "13/45/2026"
    assert Normaliser(date(2026, 12, 3), date_formats=("%d/%m/%Y",)).reading("05/12/2026") == "D+2"


class French:
    date_format = "%d/%m/%Y"
    decimal_point = ","


def test_a_text_read_on_screen_is_read_in_the_users_formats() -> None:
    readings.start()
    assert note("Date", "05/12/2026 10:00:00", French()) == "05/12/2026 10:00:00"
    note("Total", "1.250,50 €", French())
    note("on hand", 8.0, French())  # a number as Odoo gave it: kept as is
    read = readings.stop()
    assert read["Date"] == readings.Shown("05/12/2026 10:00:00", "%d/%m/%Y", ",") and read["on hand"] == 8.0
    assert Normaliser(date(2026, 12, 3)).reading(read) == {"Date": "D+2", "Total": 1250.5, "on hand": 8.0}
