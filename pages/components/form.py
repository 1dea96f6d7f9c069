"""A form view: its fields found by technical name or by label and set through the widget layer, lines, save."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

from playwright.sync_api import Locator, Page, expect

from odoo_uat.outcome.readings import note
from odoo_uat.web.session import FieldInfo, WebSession
from pages.components.dialog import DIALOG_FORM, FORM_VIEW
from pages.components.fields import FieldRegion, Real, UserLocale, Value, text_pattern
from pages.components.labels import (
    FIELD_LABEL,
    UnknownLabel,
    column_labels,
    display_labels,
    display_value,
    field_names,
    form_labels,
    label_list,
    label_pattern,
    match_label,
    metadata_labels,
    normalise_label,
    titled_labels,
    widget_selector,
)
from pages.components.one2many import ADD_LINE_CELL, LINE_LIST, One2ManyLines
from pages.components.pending_calls import settle
from pages.components.statusbar import StatusBar
from pages.components.user_locale import AMOUNT
from pages.components.views import MAIN_KANBAN, MAIN_LIST
from pages.navigation import open_action

MAIN_FORM = f".o_action_manager {FORM_VIEW}"
SAVE = ".o_form_status_indicator button.o_form_button_save"
RECORD_ID_IN_URL = re.compile(r"/(\d+)(?:[/?#]|$)")
NOTEBOOK_TAB = ".o_notebook_headers .nav-link"
ACTIVE_TAB = "active"
X2MANY_TYPES = ("one2many", "many2many")


class FormView(FieldRegion):
    """A form: the main form of the current action, or a dialog's (`root`), its fields by name or label.

    A business screen sets ACTION (the window action's XML id) and READY_FIELD (a field shown
    once the form is loaded), gets `new(page)` and `open(page, record_id)`, and sets fields with
    `self.set("partner_id", "Acme")` and lines with `self.lines("order_line").add_row().set(...)`.
    """

    ACTION: ClassVar[str] = ""
    READY_FIELD: ClassVar[str] = ""

    def __init__(self, page: Page, root: Locator | None = None) -> None:
        """`root`: a dialog's form, whose model is not known (its labels on screen are used alone)."""
        self.page = page
        self.in_dialog = root is not None
        self.root = root if root is not None else page.locator(MAIN_FORM).first
        self.statusbar = StatusBar(self.root)
        self.session = WebSession.of(page)

    @classmethod
    def new(cls, page: Page):
        """Open the screen's form for a new record."""
        return cls._load(page, "new")

    @classmethod
    def open(cls, page: Page, record_id: int):
        """Open an existing record in the screen's form."""
        return cls._load(page, record_id)

    @classmethod
    def _load(cls, page: Page, record: int | str):
        open_action(page, cls.ACTION, record)
        form = cls(page)
        expect(form.field(cls.READY_FIELD) if cls.READY_FIELD else form.statusbar.root).to_be_visible()
        return form

    @cached_property
    def locale(self) -> UserLocale:  # type: ignore[override]
        """The logged-in user's date and number formats."""
        return UserLocale.of(self.session)

    @cached_property
    def model(self) -> str | None:
        """The form's model (unknown for a dialog's form)."""
        return None if self.in_dialog else self.session.current_model()

    @cached_property
    def fields(self) -> dict[str, FieldInfo]:  # type: ignore[override]
        """The form model's fields, in the user's language."""
        return self.session.fields(self.model) if self.model else {}

    def field(self, name: str) -> Locator:
        """The widget element of field `name` (to look at; set it with `set`)."""
        return self.widget_root(name)

    def lines(self, name: str) -> One2ManyLines:
        """The one2many/many2many list of field `name`, its cells set through the widget layer."""
        relation = self.fields.get(name)
        line_fields = self.session.fields(relation.relation) if relation and relation.relation else {}
        return One2ManyLines(self.widget_root(name), line_fields, self.locale)

    def lines_of(self, model: str) -> One2ManyLines:
        """The list of lines of `model` shown on the form, whatever the field is called in this version."""
        names = [name for name, info in self.fields.items() if info.type in X2MANY_TYPES and info.relation == model]
        if not names:
            raise AssertionError(f"The form's model {self.model or '(unknown in a dialog)'} has no lines of {model}.")
        shown = self.root.locator(", ".join(widget_selector(name) for name in names)).filter(visible=True).first
        try:
            expect(shown).to_be_visible()
        except AssertionError:
            raise AssertionError(
                f"This form shows no list of {model} lines ({', '.join(names)}): "
                "is its tab hidden, or its view changed?"
            ) from None
        return self.lines(shown.get_attribute("name") or names[0])

    def save(self) -> None:
        """Save, and wait until the form no longer has unsaved changes."""
        save = self.page.locator(SAVE)
        if save.is_visible():
            # A widget may have saved the record meanwhile (a priority star autosaves) and hidden the button:
            # a click event needs no visible button, and saving a clean record does nothing.
            save.dispatch_event("click")
            settle(self.page)  # the save's call answered, frame by frame (see expect_or_odoo_error)
        expect(save).to_be_hidden()

    def record_id(self) -> int:
        """The id of the saved record shown (read from the URL, e.g. /odoo/sales/42)."""
        expect(self.page).to_have_url(RECORD_ID_IN_URL)
        return int(RECORD_ID_IN_URL.findall(self.page.url)[-1])

    # -- finding fields by label ----------------------------------------------

    def _on_screen(self, label: str) -> str | None:
        """The field a label names in what the form shows now: its labels, then field metadata, then technical names.

        Fields without a label of their own (a contact's name in the form's title) are found by the label the
        model gives them ("Name"), or by the title's label and that ("Product Name").
        """
        shown = field_names(self.root)
        labels = form_labels(self.root)
        return (
            match_label(label, labels)
            or match_label(label, metadata_labels(self.fields, shown))
            or match_label(label, titled_labels(labels, self.fields))
            or (label.strip() if label.strip() in shown else None)
        )

    def _known_labels(self, listed: set[str]) -> str:
        """The field labels shown now and not `listed` yet, naming the notebook tab they are on."""
        texts = [text for text, _ in form_labels(self.root) if normalise_label(text) not in listed]
        listed.update(normalise_label(text) for text in texts)
        tab = self.root.locator(f"{NOTEBOOK_TAB}.{ACTIVE_TAB}")
        if not tab.count():
            return label_list(texts)
        return f'on the "{tab.first.inner_text().strip()}" tab: {label_list(texts)}'

    def _other_tabs(self) -> list[Locator]:
        """The notebook tabs not shown now, found by their titles (a change may hide a tab meanwhile)."""
        tabs = self.root.locator(NOTEBOOK_TAB)
        titles = [" ".join(text.split()) for text in tabs.all_inner_texts()]
        active = [ACTIVE_TAB in (cls or "").split() for cls in tabs.evaluate_all("els => els.map(el => el.className)")]
        return [
            tabs.filter(has_text=text_pattern(title)).first
            for title, is_active in zip(titles, active)
            if title and not is_active
        ]

    def field_name(self, label: str) -> str:
        """The name of the field labelled (or named) `label`, opening notebook tabs to find it if need be."""
        if label in field_names(self.root):
            return label  # a technical name (as business screens give), shown: no label to read
        name = self._on_screen(label)
        if name:
            return name
        listed: set[str] = set()
        seen = [self._known_labels(listed)]
        for tab in self._other_tabs():
            if not tab.count():
                continue
            tab.click()
            expect(tab).to_have_class(re.compile(rf"\b{ACTIVE_TAB}\b"))
            name = self._on_screen(label)
            if name:
                return name
            seen.append(self._known_labels(listed))
        try:  # the label may still be on its way (a field shown once another is set)
            expect(self.root.locator(FIELD_LABEL).filter(has_text=label_pattern(label)).first).to_be_visible()
        except AssertionError:
            raise UnknownLabel(f'This form has no field "{label}". Its labels: {"; ".join(seen)}.') from None
        return self._on_screen(label) or label

    def expect_value(self, label: str, value: Value, real: Real = str) -> None:
        """Wait until the field (or total) labelled `label` shows `value`."""
        text = value if isinstance(value, str) else None
        if (
            text is not None
            and not self._on_screen(label)
            and match_label(label, ((shown, shown) for shown in display_labels(self.root)))
        ):
            cell = display_value(self.root, label)
            if AMOUNT.match(text):
                pattern = self.locale.number_pattern(self.locale.number_value(text))
            else:
                pattern = text_pattern(real(text))
            try:
                expect(cell).to_have_text(pattern)
                note(label, lambda: cell.inner_text().strip(), self.locale)  # read only while a Then step is recorded
            except AssertionError:
                shown = note(label, cell.inner_text().strip(), self.locale)
                raise AssertionError(f'"{label}" should be "{text}" but shows "{shown}".') from None
            return
        super().expect_value(label, value, real)

    # -- lists of lines by their column labels ---------------------------------

    def _line_lists(self, adding: bool) -> list[Locator]:
        """The lists of lines shown now (those with an "add a line" link when `adding`)."""
        lists = self.root.locator(LINE_LIST)
        if adding:
            lists = lists.filter(has=self.page.locator(ADD_LINE_CELL))
        return [lists.nth(i) for i in range(lists.count()) if lists.nth(i).is_visible()]

    def _columns(
        self, line_list: Locator, every_field: bool
    ) -> tuple[str, dict[str, FieldInfo], list[tuple[str, str]], list[str]]:
        """The list's field, its line model's fields, (label, line field) candidates, and the columns shown.

        Labels are the headers as shown, then the line model's own labels of those columns, then (`every_field`,
        for reading) the labels of all its fields: a column a version renames or hides is still found.
        """
        name = line_list.get_attribute("name") or ""
        relation = self.fields.get(name)
        line_fields = self.session.fields(relation.relation) if relation and relation.relation else {}
        headers = [(text, field) for text, field in column_labels(line_list) if field]
        shown = [field for _, field in headers]
        candidates = headers + metadata_labels(line_fields, shown)
        if every_field:
            candidates += metadata_labels(line_fields, [field for field in line_fields if field not in shown])
        return name, line_fields, candidates, shown

    def _list_for(
        self, header: list[str], adding: bool, every_field: bool, row: str | None, without_row: dict[str, str]
    ) -> LineList | None:
        """The first list shown now that has every column of `header` (and a row showing `row`; the rows of
        lists that have the columns but not that row go to `without_row`, for the message)."""
        for line_list in self._line_lists(adding):
            name, line_fields, candidates, shown = self._columns(line_list, every_field)
            names = {label: match_label(label, candidates) or (label if label in shown else None) for label in header}
            if not all(names.values()):
                continue
            lines = One2ManyLines(line_list, line_fields, self.locale)
            found = LineList(name, lines, names, shown)  # type: ignore[arg-type]
            if row is not None and not lines.row(row).count():
                without_row.setdefault(name, lines.listed())
                continue
            return found
        return None

    def find_lines(
        self, header: list[str], *, adding: bool = False, every_field: bool = False, row: str | None = None
    ) -> LineList:
        """The form's list of lines with these column labels, on any notebook tab (opened if need be).

        `adding`: a list lines can be added to; `every_field`: a label may name any field of the line model
        (for reading); `row`: the list must have a row showing this text.
        """
        without_row: dict[str, str] = {}
        found = self._list_for(header, adding, every_field, row, without_row)
        tabs = iter(self._other_tabs())
        seen: list[str] = []
        while found is None:
            seen += [label_list(text for text, _ in column_labels(lst)) for lst in self._line_lists(adding)]
            tab = next(tabs, None)
            while tab is not None and not tab.count():
                tab = next(tabs, None)
            if tab is None:
                break
            tab.click()
            expect(tab).to_have_class(re.compile(rf"\b{ACTIVE_TAB}\b"))
            found = self._list_for(header, adding, every_field, row, without_row)
        if found is not None:
            return found
        if without_row:
            raise AssertionError(f'No line of this form shows "{row}". Its lines: {"; ".join(without_row.values())}.')
        raise UnknownLabel(
            f"No list of lines on this form has the columns {label_list(header)}. "
            f"Its lists have: {'; '.join(dict.fromkeys(seen)) or 'no list of lines'}."
        )

    def add_lines(self, datatable: list[list[str]], real: Real = str) -> None:
        """Add one line per table row to the form's lines list whose columns are the table's header."""
        if len(datatable) < 2:
            raise ValueError("The table needs a header row of column labels and one row per line.")
        header = [cell.strip() for cell in datatable[0]]
        found = self.find_lines(header, adding=True)
        for values in datatable[1:]:
            row = found.lines.add_row()
            for label, value in zip(header, values):
                if value.strip():
                    row.named_widget(found.columns[label], label).set(value.strip(), real)

    def set_on_line(self, text: str, column: str, value: Value, real: Real = str) -> None:
        """Set the cell of column `column` on the one line showing `text` (its real name) to `value`."""
        found = self.find_lines([column], row=text)
        found.lines.edit(text).named_widget(found.columns[column], column).set(value, real)

    def click_on_line(self, text: str, button: str) -> None:
        """Click the button labelled `button` on the one line showing `text`."""
        found = self.find_lines([], row=text)
        found.lines.click(text, label_pattern(button), button)

    def unsaved(self) -> bool:
        """Whether the form has changes not saved yet (or is a new record never saved)."""
        return self.page.locator(SAVE).is_visible() or not RECORD_ID_IN_URL.search(self.page.url)


@dataclass(frozen=True)
class LineList:
    """A form's list of lines found by its column labels: its x2many field, its rows, each label's line field."""

    field: str
    lines: One2ManyLines
    columns: dict[str, str]  # label as the scenario wrote it -> the line model's field
    shown: list[str]  # the fields of the columns shown, in screen order


def no_form_message(page: Page) -> str:
    """Why a form phrase found no form: on a list or kanban, which phrases act there instead."""
    if page.locator(MAIN_LIST).or_(page.locator(MAIN_KANBAN)).first.is_visible():
        return (
            "No form is open: the screen shows a list. To change a cell of a list, name its row: "
            'When I set "<column>" to "<value>" on the row "<text>"; to open one: When I open the record "<text>".'
        )
    return "No form is open on screen (nor a dialog's): open a record first, or check the step before this one."


class LabelledForm(FormView):
    """The form on screen for the generic phrases: the dialog's when one is open, else the main form."""

    def __init__(self, page: Page) -> None:
        dialog_form = page.locator(DIALOG_FORM).last
        super().__init__(page, dialog_form if dialog_form.is_visible() else None)
        try:
            expect(self.root).to_be_visible()
        except AssertionError:
            raise AssertionError(no_form_message(page)) from None
