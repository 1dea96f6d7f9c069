"""Dates, numbers and widget kinds: what a scenario writes, as the user's language types and shows it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pages.components.fields import (
    AMOUNT,
    UserLocale,
    as_datetime,
    is_date,
    parse_date,
    widget_kind,
)

TODAY = date(2026, 2, 27)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("today", date(2026, 2, 27)),
        ("Today", date(2026, 2, 27)),
        ("tomorrow", date(2026, 2, 28)),
        ("yesterday", date(2026, 2, 26)),
        ("today + 3 days", date(2026, 3, 2)),
        ("today+1 day", date(2026, 2, 28)),
        ("today - 2 weeks", date(2026, 2, 13)),
        ("2026-12-31", date(2026, 12, 31)),
        ("2026-12-31 14:30", datetime(2026, 12, 31, 14, 30)),
    ],
)
def test_date_expressions(text: str, expected: date) -> None:
    assert is_date(text)
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["next week", "12/31/2026", "today + 3 months", ""])
def test_other_texts_are_not_date_expressions(text: str) -> None:
    assert not is_date(text)
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(text, TODAY)


def test_a_date_in_a_datetime_field_is_at_midday() -> None:
    assert as_datetime(date(2026, 3, 2)) == datetime(2026, 3, 2, 12, 0)
    assert as_datetime(datetime(2026, 3, 2, 8, 15)) == datetime(2026, 3, 2, 8, 15)


def test_dates_are_typed_in_the_user_s_format() -> None:
    us = UserLocale("%m/%d/%Y", "%I:%M:%S %p")
    french = UserLocale("%d/%m/%Y", "%H:%M:%S", ",", "\u202f")
    assert us.date_text(date(2026, 3, 2)) == "03/02/2026"
    assert us.datetime_text(datetime(2026, 3, 2, 12, 0)) == "03/02/2026 12:00:00 PM"
    assert french.datetime_text(datetime(2026, 3, 2, 12, 0)) == "02/03/2026 12:00:00"


def test_numbers_are_typed_with_the_user_s_decimal_point() -> None:
    assert UserLocale().number_text(12.5) == "12.5"
    assert UserLocale().number_text(10.0) == "10"
    assert UserLocale(decimal_point=",").number_text(1250.75) == "1250,75"


@pytest.mark.parametrize(
    "value, shown",
    [
        (416.88, "$ 416.88"),
        (416.88, "416.88 $"),
        (362.5, "362.50"),
        (1250.5, "1,250.50"),
        (1250.5, "1250.5"),
        (10, "10.00"),
        (10, "10"),
        (0, "$ 0.00"),
        (-5, "-$ 5.00"),
        (-5, "$ -5.00"),
    ],
)
def test_amounts_match_whatever_the_symbol_separators_and_zeros(value: float, shown: str) -> None:
    assert UserLocale().number_pattern(value).match(shown)


@pytest.mark.parametrize(
    "value, shown",
    [
        (416.88, "$ 416.89"),
        (12, "112.00"),
        (12, "12.50"),
        (5, "-5.00"),
        (1250.5, "1.250,50"),  # a European reading is another number for an English user
    ],
)
def test_other_amounts_do_not_match(value: float, shown: str) -> None:
    assert not UserLocale().number_pattern(value).match(shown)


def test_amounts_follow_the_user_s_separators() -> None:
    german = UserLocale("%d.%m.%Y", "%H:%M:%S", ",", ".")
    assert german.number_pattern(1250.5).match("1.250,50 €")
    assert not german.number_pattern(1250.5).match("1,250.50 €")


@pytest.mark.parametrize(
    "text, amount",
    [
        ("$ 1,250.00", True),
        ("100,00 €", True),
        ("-5", True),
        ("P00012", False),
        ("Draft", False),
        ("15%", True),
    ],
)
def test_amount_like_values(text: str, amount: bool) -> None:
    assert bool(AMOUNT.match(text)) is amount


@pytest.mark.parametrize(
    "features, field_type, kind",
    [
        ({"classes": "o_field_widget o_field_many2many_tags", "tags": True, "autocomplete": True}, None, "tags"),
        ({"classes": "o_field_widget o_field_many2one", "autocomplete": True}, "many2one", "many2one"),
        (
            {
                "classes": "o_field_widget o_field_product_label_section_and_note_field",
                "autocomplete": True,
                "textarea": False,
            },
            None,
            "many2one",
        ),
        ({"classes": "o_field_widget o_field_selection", "select": True}, "selection", "select"),  # 18.0
        (
            {"classes": "o_field_widget o_field_selection", "selectMenu": True, "input": True},
            None,
            "selectmenu",
        ),  # 19.0
        ({"classes": "o_field_widget o_field_radio", "radio": True}, "selection", "radio"),
        ({"classes": "o_field_widget o_field_boolean", "checkbox": True}, "boolean", "boolean"),
        ({"classes": "o_field_widget o_field_datetime", "input": True}, None, "datetime"),
        ({"classes": "o_field_widget o_field_date"}, None, "date"),
        ({"classes": "o_field_widget o_field_monetary o_readonly_modifier"}, None, "number"),
        ({"classes": "o_field_widget o_field_float", "input": True}, "float", "number"),
        ({"classes": "o_field_widget o_field_html", "editor": True}, "html", "html"),
        ({"classes": "o_field_widget o_field_text", "textarea": True}, "text", "text"),
        ({"classes": "o_field_widget o_field_char", "input": True}, "char", "char"),
        ({"classes": "o_field_widget o_field_char o_readonly_modifier"}, "char", "text"),
        ({"classes": "o_field_widget o_field_priority", "priority": True}, "selection", "priority"),
        ({"classes": "o_field_widget o_field_boolean_favorite", "favorite": True}, "boolean", "favorite"),
        ({"classes": "o_field_widget o_field_boolean_toggle", "checkbox": True}, "boolean", "boolean"),
        # A contact's name suggests companies as you type: still a text to type, not a record to choose.
        (
            {"classes": "o_field_widget o_field_field_partner_autocomplete", "autocomplete": True, "input": True},
            "char",
            "char",
        ),
    ],
)
def test_widget_kinds(features: dict, field_type: str | None, kind: str) -> None:
    assert widget_kind(features, field_type) == kind
