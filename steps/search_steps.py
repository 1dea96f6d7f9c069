"""Searching lists and kanbans: filters, groupings, favourites, the side panel, and the groups Odoo shows.

Labels are the ones the search menu shows, in the user's language; names the scenario gave to its
records (a category, a warehouse) and to its favourites are turned into their unique names in Odoo.
"""

from __future__ import annotations

import pytest
from pytest_bdd import then, when

from odoo_uat.authoring.params import phrase
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.web.browser import ActingUsers
from pages.components.groups import Groups
from pages.components.search_menu import SearchMenu
from pages.components.search_panel import SearchPanel

FAVORITES_MODEL = "ir.filters"


@when(phrase('I filter on "{filter:Label}"'))
def _(filter: str, acting: ActingUsers) -> None:  # noqa: A002 - the phrase's own word
    """Turn on a filter of the search's Filters menu, by its label; a date's option as "Order Date / 2026".

    A filter already on stays on, so several filters add up as they do on screen.
    Example: When I filter on "Archived"
    """
    SearchMenu(acting.page).filter(filter)


@when(phrase('I group by "{group:Label}"'))
def _(group: str, acting: ActingUsers) -> None:
    """Group the list or kanban by a Group By item, a date's interval ("Order Date / Month"), or any field's label.

    A field that is not a Group By item is taken from the menu's custom group list.
    Example: When I group by "Product Category"
    """
    SearchMenu(acting.page).group_by(group)


@when(phrase('I pick "{value:Text}" in the side panel'))
def _(value: str, acting: ActingUsers, names: ScenarioNames) -> None:
    """Choose a value in the search panel on the left of the view (a category, a warehouse; a ticked box stays ticked).

    Example: When I pick "Maple Furniture" in the side panel
    """
    SearchPanel(acting.page).pick(names.real_parts(value, " / "))


@when(phrase('I pick "{value:Text}" in the "{section:Label}" side panel'))
def _(value: str, section: str, acting: ActingUsers, names: ScenarioNames) -> None:
    """Choose a value in one section of the search panel, by the section's title, when two sections could hold it.

    Example: When I pick "Maple Furniture" in the "Category" side panel
    """
    SearchPanel(acting.page).pick(names.real_parts(value, " / "), section)


@when(phrase('I apply the favourite "{name:Text}"'))
def _(name: str, acting: ActingUsers, names: ScenarioNames) -> None:
    """Apply a saved search of the current view from the Favorites menu, by its name.

    Example: When I apply the favourite "Maple stock"
    """
    SearchMenu(acting.page).apply_favorite(names.real(name))


@when(phrase('I save the current search as the favourite "{name:Text}"'))
def _(name: str, acting: ActingUsers, names: ScenarioNames, odoo, request: pytest.FixtureRequest) -> None:
    """Save the current filters and groupings as a favourite of the acting user (deleted when the scenario ends).

    Example: When I save the current search as the favourite "Maple stock"
    """
    unique = names.unique(name)
    SearchMenu(acting.page).save_favorite(unique)
    # A favourite is the user's for good: the scenario removes its own, so runs do not fill the role's menu.
    request.addfinalizer(lambda: _delete_favorite(odoo, unique))


def _delete_favorite(odoo, name: str) -> None:
    filters = odoo.env[FAVORITES_MODEL]
    found = filters.with_context(active_test=False).search([("name", "=", name)])
    if found:
        filters.browse(found).unlink()


@then(phrase('the list shows the group "{text:Text}" with {count:Count} {:Records}'))
def _(text: str, count: int, acting: ActingUsers, names: ScenarioNames) -> None:
    """The grouped list (kanban column) has a group of this name whose header counts this many records.

    Example: Then the list shows the group "Maple Furniture" with 2 records
    """
    Groups(acting.page).expect_group(names.real_parts(text, " / "), count)
