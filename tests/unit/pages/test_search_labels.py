"""Finding what a scenario names in the search menu, the side panel and a grouped list's headers."""

from __future__ import annotations

import pytest

from pages.components.groups import Group, find_group, header_pattern, listed, name_pattern, parse_header
from pages.components.search_menu import ItemPath, find_label, item_paths
from pages.components.search_panel import PATH_SEPARATOR, find_value


def test_a_label_is_read_whole_first_then_as_an_item_and_its_option() -> None:
    assert item_paths("Archived") == [ItemPath("Archived")]
    assert item_paths("Order Date / 2026") == [ItemPath("Order Date / 2026"), ItemPath("Order Date", "2026")]


def test_a_label_with_a_slash_but_no_spaces_is_one_item() -> None:
    assert item_paths("Goods/Services") == [ItemPath("Goods/Services")]


@pytest.mark.parametrize("asked", ["Archived", "archived", "  Archived ", "Archived:", "ARCHIVED?"])
def test_a_menu_item_is_found_by_its_label_as_shown(asked: str) -> None:
    assert find_label(asked, ["My Quotations", "Archived"]) == 1


def test_an_unknown_menu_item_is_none() -> None:
    assert find_label("Archive", ["Archived"]) is None


@pytest.mark.parametrize(
    "text, group",
    [
        ("Maple Furniture (3)", Group("Maple Furniture", 3)),
        ("  Acme (Retail) (12)\n1-80 / 120", Group("Acme (Retail)", 12)),
        ("All / Saleable (1)", Group("All / Saleable", 1)),
        ("Yes\n(2)", Group("Yes", 2)),
    ],
)
def test_a_group_header_gives_its_name_and_count(text: str, group: Group) -> None:
    assert parse_header(text) == group


def test_a_header_without_a_count_is_not_read_as_one() -> None:
    assert parse_header("Maple Furniture") is None


def test_a_group_is_found_by_its_whole_name_or_the_end_of_its_path() -> None:
    groups = [Group("All / Birch Seating x1", 2), Group("Birch Seating x1 Extra", 1)]
    assert find_group("birch seating x1", groups) == groups[0]
    assert find_group("All / Birch Seating x1", groups) == groups[0]
    assert find_group("Birch", groups) is None


def test_an_exact_group_name_wins_over_the_end_of_a_path() -> None:
    groups = [Group("All / Yes", 1), Group("Yes", 4)]
    assert find_group("Yes", groups) == groups[1]


@pytest.mark.parametrize(
    "text, matches",
    [
        ("Birch Tables x1 (2)", True),
        ("Birch Range x1 / Birch Tables x1 (2)", True),
        ("Birch Tables x1 (2)1-80 / 100", True),
        ("Birch Tables x1 (21)", False),
        ("Birch Tables x1 (1)", False),
        ("Old Birch Tables x1 (2)", False),
    ],
)
def test_a_header_matches_the_group_and_count_asked(text: str, matches: bool) -> None:
    assert bool(header_pattern("Birch Tables x1", 2).search(text)) is matches


def test_a_kanban_title_matches_the_group_name_with_or_without_its_count() -> None:
    assert name_pattern("Yes").search("Yes (2)")
    assert name_pattern("Yes").search("Yes")
    assert not name_pattern("Yes").search("Yesterday")


def test_groups_are_listed_in_an_error_with_their_counts() -> None:
    assert listed([Group("Yes", 2), Group("No", 1)]) == '"Yes (2)", "No (1)"'
    assert listed([]) == "no groups"


def test_a_side_panel_value_is_found_by_its_name_or_the_end_of_its_full_name() -> None:
    names = ["All", "Birch Range x1 / Birch Seating x1", "Birch Seating x1 Old"]
    assert find_value("All", names) == 0
    assert find_value("Birch Seating x1", names) == 1
    assert find_value("birch range x1 / birch seating x1", names) == 1
    assert find_value("Birch", names) is None


def test_a_side_panel_path_splits_on_spaced_slashes() -> None:
    assert PATH_SEPARATOR.split("Birch Range / Birch Seating") == ["Birch Range", "Birch Seating"]
