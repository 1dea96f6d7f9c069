"""The rows of the main list: the one showing a text, its cells edited in place and saved, its buttons, selecting rows."""

from __future__ import annotations

from functools import cached_property

from playwright.sync_api import Locator, Page, expect

from odoo_uat.web.session import FieldInfo, WebSession
from pages.components.buttons import named, press
from pages.components.fields import FieldRegion, Real, UserLocale, Value
from pages.components.form import MAIN_FORM
from pages.components.hover import clear_hover
from pages.components.labels import (
    UnknownLabel,
    column_labels,
    label_list,
    match_label,
    metadata_labels,
    normalise_label,
)
from pages.components.list_view import ListView
from pages.components.messages import shown_messages
from pages.components.pending_calls import answered

# The row being edited in an editable list, one at a time (list_renderer.xml, 18.0 and 19.0): once edited, a row
# may no longer show its text (an input holds it), so it is found by this class.
SELECTED = "o_selected_row"
CELL = "td[name='{name}']"
# The list's own Save, in the control panel while a row is edited (web.ListView.EditableButtons on 19.0,
# web.ListView.Buttons on 18.0: same class).
LIST_SAVE = ".o_action_manager .o_control_panel .o_list_button_save"
# The checkbox of each row, and the header's that selects every row shown (list_renderer.xml, 18.0 and 19.0).
ROW_CHECKBOX = "td.o_list_record_selector input"
# A button of the list's header shown once rows are selected ("Create Bills", the counts' "Apply"): by what it calls.
SELECTION_BUTTON = ".o_action_manager .o_control_panel button[name='{method}']"
ALL_CHECKBOX = "thead th.o_list_record_selector input"
# "<n> selected" in the control panel once rows are selected: .o_selection_box on 19.0, .o_list_selection_box on 18.0.
SELECTION_BOX = ".o_action_manager .o_control_panel :is(.o_selection_box, .o_list_selection_box)"
# An empty list shows made-up sample rows, greyed and not selectable (sample="1" views, 18.0 and 19.0).
SAMPLE_DATA = ".o_view_sample_data"
ROW_BUTTONS_JS = """row => [...row.querySelectorAll('button')].filter(el => el.offsetWidth || el.offsetHeight)
  .map(el => (el.innerText || el.getAttribute('title') || el.getAttribute('aria-label') || '').trim()).filter(Boolean)"""


def shortened(label: str, columns: list[tuple[str, str]]) -> str | None:
    """The one column whose header and `label` differ only by trailing words, or None.

    Odoo shortens headers between versions (a count's "Counted Quantity" on 18.0 is "Counted" on 19.0),
    so one scenario reads on both; a label that fits several columns fits none.
    """
    wanted = normalise_label(label).split(" ")
    fits = set()
    for text, name in columns:
        shown = normalise_label(text).split(" ")
        common = min(len(shown), len(wanted))
        if shown[:common] == wanted[:common]:
            fits.add(name)
    return fits.pop() if len(fits) == 1 else None


def column_field(label: str, columns: list[tuple[str, str]], fields: dict[str, FieldInfo]) -> str | None:
    """The field of the column headed `label`: its header as shown, the field's own label, its name, or a header
    shortened or lengthened by trailing words."""
    names = [name for _, name in columns]
    return (
        match_label(label, columns)
        or match_label(label, metadata_labels(fields, names))
        or (label.strip() if label.strip() in names else None)
        or shortened(label, columns)
    )


class ListRows(ListView):
    """The main list's rows, found by a text they show: edit a cell in place, click a button, select them."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.session = WebSession.of(page)

    @cached_property
    def fields(self) -> dict[str, FieldInfo]:
        """The list model's fields, in the user's language."""
        model = self.session.current_model()
        return self.session.fields(model) if model else {}

    @cached_property
    def locale(self) -> UserLocale:
        """The logged-in user's date and number formats."""
        return UserLocale.of(self.session)

    def _rows_listed(self) -> str:
        if self.page.locator(SAMPLE_DATA).count():
            return "no rows (the list is empty: the greyed rows are Odoo's sample data)"
        return super()._rows_listed()

    def row(self, text: str) -> Locator:
        """The one row showing `text` (an error lists the rows when there is none, or several)."""
        return self._one(text)

    def column(self, label: str) -> str:
        """The field name of the column headed `label`; an unknown label lists the columns."""
        columns = column_labels(self.root)
        name = column_field(label, columns, self.fields)
        if name is None:
            raise UnknownLabel(f'This list has no column "{label}". Its columns: {label_list(t for t, _ in columns)}.')
        return name

    def edit(self, text: str) -> EditedRow:
        """The one row showing `text`, to set its cells in place."""
        return EditedRow(self, self.row(text), text)

    def set(self, text: str, column: str, value: Value, real: Real = str) -> None:
        """Set the cell of `column` in the row showing `text` to `value`, then save the row."""
        row = self.edit(text)
        row.set(column, value, real)
        row.save()

    def click(self, text: str, label: str) -> None:
        """Click the button `label` of the row showing `text` (never a control-panel button of that name)."""
        row = self.row(text)
        button = named(row, label)
        if not button.count():
            shown = label_list(row.evaluate(ROW_BUTTONS_JS))
            raise AssertionError(f'The row with "{text}" has no button "{label}". Its buttons: {shown}.')
        press(button.first, label)

    def select_all(self) -> int:
        """Tick the header's checkbox, so that every row shown is selected; returns how many rows."""
        expect(self.root).to_be_visible()
        if not self.rows.count() or self.page.locator(SAMPLE_DATA).count():
            raise AssertionError(f"The list has no rows to select: {self._rows_listed()}.")
        self._tick(self.root.locator(ALL_CHECKBOX).first)
        expect(self.rows.locator(f"{ROW_CHECKBOX}:not(:checked)")).to_have_count(0)
        return self.rows.count()

    def select(self, text: str) -> int:
        """Tick the checkbox of each row showing `text` (others stay as they are); returns how many."""
        expect(self.root).to_be_visible()
        matching = self.rows.filter(has_text=text)
        if self.page.locator(SAMPLE_DATA).count() or not matching.count():
            raise AssertionError(f'No row of the list shows "{text}". Its rows: {self._rows_listed()}.')
        count = matching.count()
        for index in range(count):
            self._tick(matching.nth(index).locator(ROW_CHECKBOX).first)
        return count

    def tick(self, row: Locator) -> None:
        """Tick the checkbox of this row."""
        self._tick(row.locator(ROW_CHECKBOX).first)

    def selection_button(self, method: str) -> Locator:
        """The header button for the rows selected that calls `method` (a method, or an action's XML id)."""
        return self.page.locator(SELECTION_BUTTON.format(method=method)).first

    def has_column(self, field: str) -> bool:
        """Whether the list shows the column of this field."""
        return field in [name for _, name in column_labels(self.root)]

    def _tick(self, checkbox: Locator) -> None:
        """Tick a checkbox and wait until the control panel says rows are selected."""
        clear_hover(self.page)
        checkbox.check()
        expect(self.page.locator(SELECTION_BOX).first).to_be_visible()


class EditedRow(FieldRegion):
    """One row of an editable main list: its cells set through the widget layer, then the row saved."""

    def __init__(self, rows: ListRows, row: Locator, text: str) -> None:
        self.rows = rows
        self.page = rows.page
        self.row = row
        self.text = text
        self.edited = False

    @property
    def root(self) -> Locator:  # type: ignore[override]
        """The row: the one showing the text, then the row being edited."""
        return self.rows.root.locator(f"{self.rows.ITEM}.{SELECTED}") if self.edited else self.row

    @property
    def fields(self) -> dict[str, FieldInfo]:  # type: ignore[override]
        """The list model's fields."""
        return self.rows.fields

    @property
    def locale(self) -> UserLocale:  # type: ignore[override]
        """The user's formats."""
        return self.rows.locale

    def field_name(self, label: str) -> str:
        """The field of the column headed `label`."""
        return self.rows.column(label)

    def widget_root(self, name: str) -> Locator:
        """The widget of field `name` in this row, the row put in edition by a click on its cell first."""
        if not self.edited:
            clear_hover(self.page)
            self.row.locator(CELL.format(name=name)).first.click()
            self.edited = True
            expect(self.root.or_(self.page.locator(MAIN_FORM)).first).to_be_visible()
            if not self.root.count():
                raise AssertionError(
                    "This list is not edited in place: a click on a row opens its form. Open the record "
                    f'(When I open the record "{self.text}") and set the field there.'
                )
        return super().widget_root(name)

    def save(self) -> None:
        """Save the row with the list's Save button, and wait until Odoo has saved it."""
        save = self.page.locator(LIST_SAVE)
        with answered(self.page):
            if save.is_visible():
                clear_hover(self.page)
                save.click()
        try:
            expect(save).to_be_hidden()
            expect(self.rows.root.locator(f"{self.rows.ITEM}.{SELECTED}")).to_have_count(0)
        except AssertionError:
            said = "; ".join(f'"{message}"' for message in shown_messages(self.page)) or "no message"
            raise AssertionError(f'The row with "{self.text}" was not saved. Odoo says: {said}.') from None
