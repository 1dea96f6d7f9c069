"""Lists: edit a row in place, click a row's button, select rows and act on them through the Actions and Print menus.

A row is the one showing a text (a product's name, an order's reference); names the scenario gave to its
records are turned into their unique names in Odoo. Columns, buttons and menu items are read as shown.
"""

from __future__ import annotations

from pytest_bdd import when

from odoo_uat.authoring.params import phrase
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.web.browser import ActingUsers
from pages.components.action_menus import ActionMenus
from pages.components.list_rows import ListRows
from pages.components.reports import Printer
from steps.print_steps import PrintedReports


@when(phrase('I set "{column:Label}" to "{value:Text}" on the row "{text:Text}"'))
def _(column: str, value: str, text: str, acting: ActingUsers, names: ScenarioNames) -> None:
    """Set a cell of the one row of the list showing this text (an editable list), and save the row.

    The column is its header as shown; the value is typed as in a form (numbers, dates, records, choices).
    Returns once Odoo has saved the row.
    Example: When I set "Counted Quantity" to "12" on the row "Oak Pallet"
    """
    ListRows(acting.page).set(names.real(text), column, value, names.real)


@when(phrase('I click "{button:Label}" on the row "{text:Text}"'))
def _(button: str, text: str, acting: ActingUsers, names: ScenarioNames) -> None:
    """Click a button inside the one row of the list showing this text (never a control-panel button of that name).

    Returns once Odoo has done what the button does, or has opened a dialog (answer it with another click).
    Example: When I click "Apply" on the row "Oak Pallet"
    """
    ListRows(acting.page).click(names.real(text), button)


@when("I select all the rows")
def _(acting: ActingUsers) -> None:
    """Tick the list's header checkbox: every row shown is selected, and the buttons for a selection show.

    Example: When I select all the rows
    """
    ListRows(acting.page).select_all()


@when(phrase('I select the rows showing "{text:Text}"'))
def _(text: str, acting: ActingUsers, names: ScenarioNames) -> None:
    """Tick the checkbox of each row of the list whose text contains this (rows already ticked stay so).

    Example: When I select the rows showing "Oak Pallet"
    """
    ListRows(acting.page).select(names.real(text))


@when(phrase('I choose "{item:Label}" in the Actions menu'))
def _(item: str, acting: ActingUsers) -> None:
    """Choose an item of the control panel's Actions menu (the gear), e.g. on the rows selected.

    Returns once Odoo has answered (a dialog opened, the list reloaded). An action a form shows as a header button
    instead (a product's "Print Labels" on 18.0) is clicked there.
    Example: When I choose "Duplicate" in the Actions menu
    """
    ActionMenus(acting.page).choose(item)


@when(phrase('I choose "{item:Label}" in the Print menu'))
def _(item: str, acting: ActingUsers, printed_reports: PrintedReports) -> None:
    """Print a report of the rows selected: wait for the PDF, keep it with the run's reports and attach it.

    Check its text after with: Then the printed "<item>" shows:
    Example: When I choose "Count Sheet" in the Print menu
    """
    printed_reports.keep(item, Printer(acting.page).from_print_menu(item))
