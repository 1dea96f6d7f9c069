"""Checks: what the screen shows (fields, status, messages, lists, menus) and the stock Odoo holds."""

from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import then

from odoo_uat.authoring.params import phrase
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Records
from odoo_uat.outcome.readings import note
from odoo_uat.values import same_amount
from odoo_uat.web.browser import ActingUsers
from pages.components.form import MAIN_FORM, LabelledForm, text_pattern
from pages.components.groups import Groups
from pages.components.list_view import records_view
from pages.components.menu import MainMenu
from pages.components.messages import expect_message
from pages.components.statusbar import CURRENT_STAGE

QUANTITY_DIGITS = 3


@then(phrase('the "{field:Label}" is "{value:Text}"'))
def _(field: str, value: str, acting: ActingUsers, names: ScenarioNames) -> None:
    """The field (or total) with this label shows this value; amounts compare by value, dates by day.

    Example: Then the "Total" is "1,250.00"
    """
    LabelledForm(acting.page).expect_value(field, value, names.real)


@then(phrase('the status is "{status:Label}"'))
def _(status: str, acting: ActingUsers) -> None:
    """The status bar of the form shows this stage as the current one.

    Example: Then the status is "Purchase Order"
    """
    stage = acting.page.locator(MAIN_FORM).first.locator(CURRENT_STAGE)
    try:
        expect(stage).to_have_text(text_pattern(status))
        note("status", lambda: stage.inner_text().strip())
    except AssertionError:
        shown = note("status", stage.inner_text().strip() if stage.count() else "no status bar")
        raise AssertionError(f'The status should be "{status}" but is "{shown}".') from None


@then(phrase('I see the message "{text:Text}"'))
def _(text: str, acting: ActingUsers, names: ScenarioNames) -> None:
    """A notification, a warning on the form or an error dialog says this (a part of its text, any case).

    Example: Then I see the message "you must cancel it first"
    """
    expect_message(acting.page, names.real(text))


@then(phrase('"{product:Name}" has {quantity:Quantity} units on hand in "{location:Location}"'))
def _(product: str, quantity: float, location: str, records: Records) -> None:
    """The product's quantity on hand in the location and its sub-locations, as Odoo holds it.

    Example: Then "Oak Pallet" has 15 units on hand in "WH/Stock"
    """
    on_hand = note("on hand", records.on_hand(records.product(product), records.location(location)))
    assert same_amount(on_hand, quantity, QUANTITY_DIGITS), (
        f'"{product}" should have {quantity:g} units on hand in {location} but has {on_hand:g}'
    )


@then(phrase('I cannot open "{menu_path:MenuPath}"'))
def _(menu_path: str, acting: ActingUsers) -> None:
    """The current role does not have this menu (its app, or one of the menus on the way, is not shown).

    Example: Then I cannot open "Purchase / Configuration / Settings"
    """
    if MainMenu(acting.page).missing(menu_path) is None:
        raise AssertionError(f'The "{acting.role.name}" should not be able to open "{menu_path}", but can.')


@then(phrase("the list shows {count:Count} {:Records}"))
def _(count: int, acting: ActingUsers) -> None:
    """The current list shows this many rows (a kanban view: cards); grouped, its groups count this many in all.

    Example: Then the list shows 2 records
    """
    view = records_view(acting.page)
    groups = Groups(acting.page)
    if groups.is_grouped():
        groups.expect_total(count)
    else:
        view.expect_count(count)
