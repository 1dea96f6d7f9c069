"""Labels as written in scenarios match the labels Odoo shows, whatever their case, spacing and marks."""

from __future__ import annotations

import pytest

from odoo_uat.web.session import FieldInfo
from pages.components.buttons import name_pattern
from pages.components.labels import (
    label_list,
    label_pattern,
    match_label,
    normalise_label,
    titled_labels,
)
from pages.components.search import exactly


@pytest.mark.parametrize(
    "shown, written",
    [
        ("Vendor?", "Vendor"),  # the help tooltip's superscript
        ("Vendor:", "vendor"),
        ("  Order\n Deadline ? ", "order deadline"),
        ("Expected Arrival", "EXPECTED ARRIVAL:"),
    ],
)
def test_labels_compare_without_case_spacing_or_trailing_marks(shown: str, written: str) -> None:
    assert normalise_label(shown) == normalise_label(written)


def test_a_question_inside_a_label_is_kept() -> None:
    assert normalise_label("Is it? Really") == "is it? really"


def test_match_label_returns_the_first_field_with_that_label() -> None:
    candidates = [("Vendor?", "partner_id"), ("Vendor Reference?", "partner_ref"), ("Vendor", "other")]
    assert match_label("vendor", candidates) == "partner_id"
    assert match_label("Vendor Reference", candidates) == "partner_ref"
    assert match_label("Buyer", candidates) is None


def test_label_pattern_matches_the_label_as_shown_and_nothing_longer() -> None:
    pattern = label_pattern("Order Deadline")
    assert pattern.match("Order  Deadline?")
    assert pattern.match("order deadline:")
    assert not pattern.match("Order Deadline Date")


def test_label_list_quotes_each_label_once_as_shown() -> None:
    assert label_list(["Vendor?", "vendor", "", "Buyer:"]) == '"Vendor", "Buyer"'
    assert label_list([]) == "none"


def test_button_names_match_whole_and_case_insensitively() -> None:
    pattern = name_pattern("Confirm  order")
    assert pattern.match(" Confirm Order ")
    assert not pattern.match("Confirm Order Now")


def test_a_search_option_s_bold_parts_match_whole_in_any_language() -> None:
    # The option is "Search <b>field</b> for: <b>text</b>", its words translated: only the bold parts are matched.
    assert exactly("Source Document").match(" Source  document ")
    assert not exactly("Source").match("Source Document")
    assert exactly("Oak Supplies k3x9-1").match("Oak Supplies k3x9-1")


def test_a_title_field_is_found_by_its_label_and_the_field_s_string() -> None:
    fields = {
        "name": FieldInfo("name", "Name", "char"),
        "categ_id": FieldInfo("categ_id", "Product Category", "many2one"),
    }
    pairs = titled_labels([("Product", "name"), ("Product Category", "categ_id")], fields)
    assert match_label("Product Name", pairs) == "name"
    assert match_label("Product Category Product Category", pairs) is None  # a label that holds the string already
