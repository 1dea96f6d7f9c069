"""The parameter grammar: one type per kind of value, read the same way in every phrase, each documenting itself."""

from __future__ import annotations

import pytest

from odoo_uat.authoring.params import TYPES, PhraseError, phrase

QUANTITY_PHRASE = phrase('I ship {quantity:Quantity} {:Units} of "{product:Name}"')


@pytest.mark.parametrize(
    ("typed", "value"),
    [("12", 12.0), ("2.5", 2.5), ("1,000.50", 1000.5), ("2,5", 2.5), ("1.000,50", 1000.5), ("1", 1.0)],
)
def test_a_quantity_is_read_as_a_user_types_it(typed: str, value: float) -> None:
    text = f'I ship {typed} {"unit" if typed == "1" else "units"} of "Oak Pallet"'
    assert QUANTITY_PHRASE.parse_arguments(text) == {"quantity": value, "product": "Oak Pallet"}


@pytest.mark.parametrize(
    ("typed", "value"), [("900.00", 900.0), ("€ 1,250.00", 1250.0), ("45.00 EUR", 45.0), ("1.000,50", 1000.5)]
)
def test_an_amount_may_carry_thousands_separators_and_a_currency(typed: str, value: float) -> None:
    owes = phrase('"{customer:Name}" owes {amount:Amount} on a posted invoice')
    assert owes.parse_arguments(f'"Acme" owes {typed} on a posted invoice') == {"customer": "Acme", "amount": value}


def test_a_new_phrase_takes_a_quantity_without_a_new_regular_expression() -> None:
    new = phrase("I weigh {quantity:Quantity} units on the scale")
    assert new.parse_arguments("I weigh 1,000.50 units on the scale") == {"quantity": 1000.5}
    assert not new.is_matching("I weigh some units on the scale")


def test_wordings_accept_each_form_and_give_the_step_nothing() -> None:
    switch = phrase('I {:LogIn} as {:Article} "{role:Role}"')
    assert switch.parse_arguments('I continue as an "Inventory manager"') == {"role": "Inventory manager"}
    assert switch.is_matching('I log in as the "Buyer"')
    assert not switch.is_matching('I log out as the "Buyer"')


def test_choices_become_the_value_they_stand_for() -> None:
    valued = phrase('"{category:Name}" is valued at {method:CostingMethod}')
    assert valued.parse_arguments('"Pumps" is valued at average cost (AVCO)')["method"] == "average"
    assert valued.parse_arguments('"Pumps" is valued at FIFO')["method"] == "fifo"
    assert phrase("receives in {steps:ReceptionSteps}").parse_arguments("receives in two steps") == {
        "steps": "two_steps"
    }


def test_a_parameter_without_a_type_of_the_grammar_is_refused_naming_the_types() -> None:
    with pytest.raises(PhraseError, match=r"\{qty\} has no type: write one of Quantity, Amount"):
        phrase("I order {qty} units")
    with pytest.raises(PhraseError, match=r"\{qty:Weight\} has an unknown type 'Weight'"):
        phrase("I order {qty:Weight} units")


@pytest.mark.parametrize("name", sorted(TYPES))
def test_every_type_documents_itself_and_reads_its_own_example(name: str) -> None:
    param = TYPES[name]
    assert param.kind and param.looks_like and param.example
    assert phrase(f"value: {{{'' if param.shown else 'value'}:{name}}}").is_matching(f"value: {param.example}")
