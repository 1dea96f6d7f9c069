"""Unique names, the values super users write, and step tables."""

from __future__ import annotations

import pytest

from odoo_uat.authoring.tables import TableError, table_rows
from odoo_uat.odoo.names import RunNames
from odoo_uat.values import parse_bool, parse_number, same_amount


def test_each_scenario_gets_its_own_unique_names():
    run = RunNames("ab12")
    first, second = run.for_scenario(), run.for_scenario()
    assert first.unique("Acme") == "Acme ab12-1"
    assert second.unique("Acme") == "Acme ab12-2"
    assert first.real("Acme") == "Acme ab12-1"


def test_names_a_scenario_did_not_create_pass_through():
    names = RunNames("ab12").for_scenario()
    assert names.real("WH/Stock") == "WH/Stock"


def test_run_ids_differ_between_runs():
    assert RunNames().run_id != RunNames().run_id


def test_workers_of_one_run_share_its_id_and_never_its_names():
    first, second = RunNames("ab12cd", "gw0").for_scenario(), RunNames("ab12cd", "gw1").for_scenario()
    assert first.unique("Acme") == "Acme ab12cd-gw0-1"
    assert second.unique("Acme") == "Acme ab12cd-gw1-1"


@pytest.mark.parametrize(
    "text, decimal_point, expected",
    [
        ("45", None, 45.0),
        ("45.00", None, 45.0),
        ("$ 1,234.50", None, 1234.5),
        ("1.234,50 €", None, 1234.5),
        ("1,234", ".", 1234.0),
        ("2.000", ".", 2.0),
        ("-3.5", None, -3.5),
    ],
)
def test_numbers_compare_by_value_whatever_the_format(text, decimal_point, expected):
    assert parse_number(text, decimal_point) == expected


def test_text_without_digits_is_not_a_number():
    with pytest.raises(ValueError, match="not a number"):
        parse_number("n/a")


def test_amounts_are_equal_at_the_currency_precision():
    assert same_amount(90.0, 90.004)
    assert not same_amount(90.0, 90.01)


@pytest.mark.parametrize("text, expected", [("yes", True), ("No", False), ("checked", True), ("false", False)])
def test_yes_and_no(text, expected):
    assert parse_bool(text) is expected


def test_table_rows_are_keyed_by_the_known_column_names():
    rows = table_rows([["name", "Sales price"], ["Oak", "45"], ["Pine", ""]], ["Name", "Sales price"])
    assert rows == [{"Name": "Oak", "Sales price": "45"}, {"Name": "Pine"}]


def test_an_unknown_column_is_named_with_the_known_ones():
    with pytest.raises(TableError, match=r"Unknown column\(s\) 'Colour'. This step knows: Name, Cost"):
        table_rows([["Name", "Colour"], ["Oak", "red"]], ["Name", "Cost"])


def test_a_table_without_rows_is_refused():
    with pytest.raises(TableError, match="header row and at least one row"):
        table_rows([["Name"]], ["Name"])
