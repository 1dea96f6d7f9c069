"""Menu paths: "App / Section / Item" against the flat dropdown Odoo renders (headers and indented items)."""

from __future__ import annotations

import pytest

from pages.components.menu import MenuMiss, dropdown_paths, find_path, split_path

# Inventory / Configuration, as 18.0 and 19.0 render it: (text, is a group header, left padding).
CONFIGURATION = [
    ("Settings", False, 20),
    ("Warehouse Management", True, 20),
    ("Warehouses", False, 32),
    ("Locations", False, 32),
    ("Products", True, 20),
    ("Categories", False, 32),
    ("Attributes", False, 32),
    ("UoM Categories", False, 20),
]


def test_split_path() -> None:
    assert split_path(" Sales / Orders /  Quotations ") == ["Sales", "Orders", "Quotations"]
    assert split_path("Inventory") == ["Inventory"]
    assert split_path("In/Out / Moves") == ["In/Out", "Moves"]  # a slash without spaces is part of a name
    with pytest.raises(ValueError, match="not a menu path"):
        split_path("Sales /  / Orders")
    with pytest.raises(ValueError, match="not a menu path"):
        split_path("Sales / ")


def test_dropdown_items_get_the_path_of_their_group_headers() -> None:
    assert dropdown_paths(CONFIGURATION) == [
        ("Settings",),
        ("Warehouse Management", "Warehouses"),
        ("Warehouse Management", "Locations"),
        ("Products", "Categories"),
        ("Products", "Attributes"),
        ("UoM Categories",),
    ]


def test_find_path_gives_the_item_index_whatever_the_case() -> None:
    paths = dropdown_paths(CONFIGURATION)
    assert find_path(["warehouse management", "Locations"], paths) == 2
    assert find_path(["UoM Categories"], paths) == 5


def test_a_wrong_name_reports_the_names_at_its_level() -> None:
    paths = dropdown_paths(CONFIGURATION)
    miss = find_path(["Products", "Variants"], paths)
    assert isinstance(miss, MenuMiss)
    assert (miss.path, miss.missing, miss.available) == (("Products",), "Variants", ("Categories", "Attributes"))
    assert 'there: "Categories", "Attributes"' in str(miss)


def test_a_group_is_not_a_menu_to_open() -> None:
    miss = find_path(["Products"], dropdown_paths(CONFIGURATION))
    assert isinstance(miss, MenuMiss) and miss.is_group
    assert miss.available == ("Categories", "Attributes")


# Sales under the navbar's "More" button on a narrow screen: two sections folded there, the first a
# group of menus (header, then its items padded 20 px), the second a menu of its own.
MORE = [
    ("Reporting", True, -1),
    ("Sales", False, 20),
    ("Salespersons", False, 20),
    ("Configuration", True, -1),
    ("Settings", False, 20),
    ("Sales Teams", False, 20),
    ("Dashboard", False, -1),
]


def test_sections_under_more_are_top_level_entries() -> None:
    paths = dropdown_paths(MORE)
    assert paths == [
        ("Reporting", "Sales"),
        ("Reporting", "Salespersons"),
        ("Configuration", "Settings"),
        ("Configuration", "Sales Teams"),
        ("Dashboard",),
    ]
    assert find_path(["Configuration", "Sales Teams"], paths) == 3
    assert find_path(["dashboard"], paths) == 4


def test_a_miss_under_more_names_the_section_s_menus() -> None:
    miss = find_path(["Configuration", "Teams"], dropdown_paths(MORE))
    assert isinstance(miss, MenuMiss)
    assert miss.path == ("Configuration",) and miss.missing == "Teams"
    assert miss.available == ("Settings", "Sales Teams")
