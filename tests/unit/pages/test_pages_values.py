"""Numbers and dates as the user's language types and shows them: what every field of every screen goes through."""

from __future__ import annotations

from datetime import date

import pytest

from pages.components.fields import FieldWidget, plain_number
from pages.components.user_locale import UserLocale, record_name_pattern
from pages.components.widget_base import Markup, Widget
from pages.components.widgets import WIDGETS, ShownText, widget_class, widget_parts

ENGLISH = UserLocale()
FRENCH = UserLocale("%d/%m/%Y", "%H:%M:%S", ",", "\u202f")
GERMAN = UserLocale("%d.%m.%Y", "%H:%M:%S", ",", ".")


@pytest.mark.parametrize("given, number", [(8, 8.0), (12.5, 12.5), ("8", 8.0), ("1,250.50", 1250.5), (0.125, 0.125)])
def test_a_number_is_taken_as_given_by_a_screen_or_read_from_a_scenario(given: str | float, number: float) -> None:
    assert ENGLISH.number_value(given) == number


@pytest.mark.parametrize(
    "locale, value, typed",
    [
        (ENGLISH, 8, "8"),
        (ENGLISH, 12.5, "12.5"),
        (ENGLISH, 1250.75, "1250.75"),
        (FRENCH, 12.5, "12,5"),
        (GERMAN, 1250.75, "1250,75"),
        (GERMAN, 0.125, "0,125"),
    ],
)
def test_numbers_are_typed_in_the_user_s_language_without_separators(
    locale: UserLocale, value: float, typed: str
) -> None:
    assert locale.number_text(value) == typed


@pytest.mark.parametrize("locale", [ENGLISH, FRENCH, GERMAN])
@pytest.mark.parametrize("value", [8, 1.01, 12.5, 1250.75, 1000000])
def test_what_is_typed_is_what_the_check_after_typing_accepts(locale: UserLocale, value: float) -> None:
    assert locale.number_pattern(value).match(locale.number_text(value))


@pytest.mark.parametrize("typed, shown", [(8, "1.01"), (8, "1.00"), (8, "18.00"), (5, "0.00")])
def test_a_value_odoo_replaced_is_not_taken_for_the_typed_one(typed: float, shown: str) -> None:
    # The flake of issue 11: 8 typed into a purchase line whose product onchange then left 1.01.
    assert not ENGLISH.number_pattern(typed).match(shown)


@pytest.mark.parametrize("value, shown", [(8, "8.00"), (8, "8"), (1250.5, "1,250.50"), (12.5, "12.50")])
def test_the_field_s_own_formatting_of_the_typed_value_is_accepted(value: float, shown: str) -> None:
    assert ENGLISH.number_pattern(value).match(shown)


def test_numbers_given_to_text_fields_are_written_plainly() -> None:
    assert plain_number(8.0) == "8"
    assert plain_number(12.5) == "12.5"
    assert FieldWidget._text(3) == "3"
    assert FieldWidget._text("North Depot: Receipts") == "North Depot: Receipts"


def test_dates_follow_the_user_s_format() -> None:
    assert FRENCH.date_text(date(2026, 3, 2)) == "02/03/2026"
    assert GERMAN.date_text(date(2026, 3, 2)) == "02.03.2026"


@pytest.mark.parametrize(
    "name, shown, matches",
    [
        ("Oak Pallet", "[OAK-1] Oak Pallet", True),
        ("Oak Pallet", "Oak  Pallet", True),
        ("WH/IN/00012", "WH/IN/00012", True),
        ("Oak Pallet", "Oak Pallet Large", False),
        ("WH/IN/0001", "WH/IN/00012", False),
    ],
)
def test_a_record_is_chosen_by_its_whole_shown_name(name: str, shown: str, matches: bool) -> None:
    assert bool(record_name_pattern(name).match(shown)) is matches


class _Session:
    """Counts what a locale read asks of the web session."""

    def __init__(self) -> None:
        self.calls = 0
        self.user_context = {"lang": "fr_FR"}

    def call(self, *args: object, **kwargs: object) -> list[dict]:
        self.calls += 1
        return [{"date_format": "%d/%m/%Y", "time_format": "%H:%M:%S", "decimal_point": ",", "thousands_sep": ""}]


def test_the_user_s_locale_is_read_once_per_session() -> None:
    session = _Session()
    first = UserLocale.of(session)  # type: ignore[arg-type]
    again = UserLocale.of(session)  # type: ignore[arg-type]
    assert first == again == UserLocale("%d/%m/%Y", "%H:%M:%S", ",", "")
    assert session.calls == 1


def test_every_kind_is_in_the_table_once_and_the_last_takes_what_is_left() -> None:
    assert len(set(WIDGETS)) == len(WIDGETS)
    assert WIDGETS[-1] is ShownText
    assert widget_class(Markup(frozenset(), frozenset())) is ShownText


def test_two_kinds_cannot_read_one_part_of_the_markup_with_two_selectors() -> None:
    class Phone(Widget):
        kind = "phone"
        parts = {"input": "input[type=tel]"}

    with pytest.raises(ValueError, match="Phone reads the part 'input'"):
        widget_parts((*WIDGETS, Phone))
