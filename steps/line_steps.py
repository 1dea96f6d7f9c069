"""Lines of a form: change a line already there, click a button on it, and check its columns as Odoo holds them.

A line is the row of the form's lines that shows a text (a product's name); a column is the label the list shows,
or the line's own label for that field, in the user's language.
"""

from __future__ import annotations

from pytest_bdd import then, when

from odoo_uat.authoring.params import phrase
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.web.browser import ActingUsers
from pages.components.form import FormView, LabelledForm
from pages.components.line_values import SAVE_FIRST, SavedLines, ValueReader


@when(phrase('I set the "{column:Label}" of the line "{text:Text}" to "{value:Text}"'))
def _(column: str, value: str, text: str, acting: ActingUsers, names: ScenarioNames) -> None:
    """Set one column of the line showing this text (e.g. its product), as a person edits the row.

    Example: When I set the "Quantity" of the line "Oak Pallet" to "5"
    """
    LabelledForm(acting.page).set_on_line(names.real(text), column, value, names.real)


@when(phrase('I click the "{button:Label}" button of the line "{text:Text}"'))
def _(button: str, text: str, acting: ActingUsers, names: ScenarioNames) -> None:
    """Click a button inside the line showing this text (its label or tooltip), and wait for Odoo's answer.

    Example: When I click the "Details" button of the line "Oak Pallet"
    """
    LabelledForm(acting.page).click_on_line(names.real(text), button)


def saved_lines(
    acting: ActingUsers, header: list[str], names: ScenarioNames, row: str | None = None
) -> tuple[SavedLines, dict[str, str]]:
    """The saved lines of the main form's list with these column labels (and a row showing `row`), and each
    label's line field."""
    form = FormView(acting.page)
    if form.unsaved():
        raise AssertionError(SAVE_FIRST)
    found = form.find_lines(header, every_field=True, row=row)
    line_model = form.fields[found.field].relation or ""
    fields = form.session.fields(line_model)
    zone = ValueReader.zone_of(form.session.user_context.get("tz"))
    reader = ValueReader(form.locale, zone, names.real)
    parent = (form.model or "", form.record_id(), found.field)
    return SavedLines.read(
        form.session, parent, fields, list(found.columns.values()), found.shown, reader
    ), found.columns


def _table(datatable: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    if len(datatable) < 2:
        raise ValueError("The table needs a header row of column labels and a row of values.")
    return [cell.strip() for cell in datatable[0]], datatable[1:]


@then(phrase('the line "{text:Text}" shows:'))
def _(text: str, datatable: list[list[str]], acting: ActingUsers, names: ScenarioNames) -> None:
    """The saved line showing this text holds these values, column by column, as Odoo holds them.

    Quantities and amounts compare by value, records by name, dates by day; the columns are the list's labels.
    Example: Then the line "Oak Pallet" shows:
    """
    header, rows = _table(datatable)
    lines, columns = saved_lines(acting, header, names, names.real(text))
    line = lines.showing(text)
    expected = dict(zip(header, (cell.strip() for cell in rows[0])))
    wrong = line.differences(columns, expected, lines.fields, lines.reader)
    assert not wrong, f'The line "{text}": {"; ".join(wrong)}.'


@then("the lines show:")
def _(datatable: list[list[str]], acting: ActingUsers, names: ScenarioNames) -> None:
    """Each row is a saved line of the form, found by its first column's value, holding the other columns' values.

    Example: Then the lines show:
    """
    header, rows = _table(datatable)
    lines, columns = saved_lines(acting, header, names)
    wrong = []
    for row in rows:
        expected = dict(zip(header, (cell.strip() for cell in row)))
        first = expected[header[0]]
        line = lines.with_value(columns[header[0]], header[0], first)
        wrong += [
            f'the line "{first}": {difference}'
            for difference in line.differences(columns, expected, lines.fields, lines.reader)
        ]
    assert not wrong, f"The lines are not as expected: {'; '.join(wrong)}."
