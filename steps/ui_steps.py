"""Web client: menus, buttons, fields, lines, lists and searches, by the names a person reads on screen.

Labels match case-insensitively, whatever the spacing and a trailing "?" or ":"; names the
scenario gave to its records are turned into their unique names in Odoo.
"""

from __future__ import annotations

from pytest_bdd import when

from odoo_uat.authoring.params import phrase
from odoo_uat.authoring.tables import table_rows
from odoo_uat.odoo.names import RECORD_NAME, ScenarioNames
from odoo_uat.web.browser import ActingUsers
from odoo_uat.web.session import WebSession
from pages.components.buttons import click_button
from pages.components.dialog import Dialog
from pages.components.form import FormView, LabelledForm
from pages.components.list_view import records_view
from pages.components.menu import MainMenu
from pages.components.messages import shown_messages
from pages.components.rights import RightsInspector
from pages.components.search import SearchBar

FIELD_COLUMNS = ("Field", "Value")


@when(phrase('I open "{menu_path:MenuPath}"'))
def _(menu_path: str, acting: ActingUsers) -> None:
    """Open a menu through the apps menu and the app's menus, by the names shown, joined by " / ".

    Example: When I open "Purchase / Orders / Requests for Quotation"
    """
    MainMenu(acting.page).open(menu_path)


@when(phrase('I click "{button:Label}"'))
def _(button: str, acting: ActingUsers, odoo) -> None:
    """Click the button with this label: on the dialog on top if one is open, else header, control panel, smart buttons.

    Returns once Odoo has done what the button does, or has opened a dialog (answer it with another click).
    Example: When I click "Confirm Order"
    """
    click_button(acting.page, button, lambda label: _missing_right(acting, odoo, label))


def _missing_right(acting: ActingUsers, odoo, label: str) -> str | None:
    """Why the acting role may not see a button: a right or group it lacks on the screen's model."""
    session = WebSession.of(acting.page)
    model = session.current_model()
    missing = RightsInspector(odoo, session).missing(model, label) if model else None
    return missing.advice(acting.role.name) if missing and acting.role else None


@when(phrase('I set "{field:Label}" to "{value:Text}"'))
def _(field: str, value: str, acting: ActingUsers, names: ScenarioNames) -> None:
    """Set the field with this label on the form (text, number, date like today + 3 days, choice, record, yes/no, tags).

    Example: When I set "Vendor" to "Oak Supplies"
    """
    form = LabelledForm(acting.page)
    form.set(field, own_name(form, field, value, names), names.real)


def own_name(form: LabelledForm, label: str, value: str, names: ScenarioNames) -> str:
    """The value to type: a record's own name is made unique to the scenario, as seeded names are.

    So a scenario that creates a contact "Elm Studio" in the web client can run again, and in
    parallel, against the same database; its later steps say "Elm Studio" and find this one.
    """
    info = form.fields.get(RECORD_NAME)
    is_own_name = form.field_name(label) == RECORD_NAME and info is not None and info.type == "char"
    if is_own_name and names.real(value) == value:
        return names.unique(value)
    return value


@when("I fill in:")
def _(datatable: list[list[str]], acting: ActingUsers, names: ScenarioNames) -> None:
    """Set several fields of the form, one per row, by label.

    Example: When I fill in:
    Columns: Field, Value
    """
    # The header in the file's language (Field | Value, Champ | Valeur…); an empty Value clears the field.
    rows = table_rows(datatable, FIELD_COLUMNS, required=FIELD_COLUMNS[:1])
    form = LabelledForm(acting.page)
    for row in rows:
        label, value = row[FIELD_COLUMNS[0]], row.get(FIELD_COLUMNS[1], "")
        form.set(label, own_name(form, label, value, names), names.real)


@when("I add the lines:")
def _(datatable: list[list[str]], acting: ActingUsers, names: ScenarioNames) -> None:
    """Add one line per row to the form's list of lines; the header row holds that list's column labels.

    The columns are the labels the list shows (e.g. Product | Quantity | Unit Price), so any list fits.
    Example: When I add the lines:
    """
    LabelledForm(acting.page).add_lines(datatable, names.real)


@when("I save")
def _(acting: ActingUsers) -> None:
    """Save the form (the dialog's record when a dialog with a form is open) and wait until it is saved.

    Example: When I save
    """
    dialog = Dialog(acting.page)
    try:
        if dialog.root.is_visible() and dialog.has_form:
            dialog.save()
        else:
            FormView(acting.page).save()
    except AssertionError:
        said = "; ".join(f'"{message}"' for message in shown_messages(acting.page)) or "no message"
        raise AssertionError(f"The form was not saved. Odoo says: {said}.") from None


@when(phrase('I search for "{text:Text}"'))
def _(text: str, acting: ActingUsers, names: ScenarioNames) -> None:
    """Search the current list or kanban for a text (in the view's default search field).

    Example: When I search for "Oak Supplies"
    """
    SearchBar(acting.page).search(names.real(text))


@when(phrase('I search "{search_field:Label}" for "{text:Text}"'))
def _(search_field: str, text: str, acting: ActingUsers, names: ScenarioNames) -> None:
    """Search the current list or kanban in one search field, as offered by "Search <field> for: <text>".

    Example: When I search "Vendor" for "Oak Supplies"
    """
    SearchBar(acting.page).search_field(search_field, names.real(text))


@when(phrase('I open the record "{text:Text}"'))
def _(text: str, acting: ActingUsers, names: ScenarioNames) -> None:
    """Open the one row of the current list (card of the kanban) that contains this text, e.g. its title.

    Example: When I open the record "Oak Supplies"
    """
    records_view(acting.page).open(names.real(text))
