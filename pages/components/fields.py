"""The one widget layer: every field widget set and read as a person types and reads it.

A field's widget is found by its technical name (FieldRegion: a form, pages/components/form.py, or a
one2many row, pages/components/one2many.py) and handed to FieldWidget, which reads its markup once and
drives it through its kind; business screens call `form.set(name, value)`. The kinds, their selectors
and the differences between Odoo versions are in pages/components/widgets.py, one class per kind.
"""

from __future__ import annotations

from functools import cached_property

from playwright.sync_api import Locator
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from odoo_uat.outcome.readings import note
from odoo_uat.web.browser import EXPECT_TIMEOUT_MS
from odoo_uat.web.session import FieldInfo
from pages.components.labels import widget_selector
from pages.components.pending_calls import answered
from pages.components.user_locale import (  # noqa: F401 - also read from here by steps/ and tests/
    AMOUNT,
    UserLocale,
    as_datetime,
    is_date,
    parse_date,
    record_name_pattern,
    text_pattern,
)
from pages.components.widget_base import (  # noqa: F401 - also read from here by components and tests/
    TEXT_INPUT,
    TEXTAREA,
    FieldOnScreen,
    Markup,
    Real,
    Value,
    Widget,
    as_text,
    plain_number,
)
from pages.components.widgets import (  # noqa: F401 - also read from here by components and tests/
    AUTOCOMPLETE,
    AUTOCOMPLETE_INPUT,
    DATA_CELL,
    DATA_ROW,
    DAY_SHOWN_JS,
    SUGGESTION,
    SUGGESTION_LOADING,
    SUGGESTIONS_LISTED_JS,
    TOOLTIP_HOLDER,
    WIDGET_FEATURES_JS,
    Tags,
    suggestion,
    suggestions,
    widget_class,
    widget_kind,
)


class FieldWidget(FieldOnScreen):
    """One field's widget (`.o_field_widget[name=…]`) in a form or in an edited list row."""

    @cached_property
    def features(self) -> dict:
        """What the widget's markup holds (read once, as soon as it is on the page: the read waits for it)."""
        try:
            return self.root.evaluate(WIDGET_FEATURES_JS, timeout=EXPECT_TIMEOUT_MS)
        except PlaywrightTimeoutError:
            raise AssertionError(f'"{self.label}" is not on this screen: its widget never showed.') from None

    @cached_property
    def markup(self) -> Markup:
        """The widget's markup, with Odoo's field type when known."""
        return Markup.read(self.features, self.info.type if self.info else None)

    @cached_property
    def widget(self) -> Widget:
        """The widget as its kind drives it."""
        return widget_class(self.markup)(self.root, self.label, self.info, self.locale)

    @property
    def kind(self) -> str:
        """The kind of input (many2one, tags, select, selectmenu, radio, boolean, date, datetime, number, text…)."""
        return self.widget.kind

    @property
    def readonly(self) -> bool:
        """Whether the field cannot be edited here."""
        return self.markup.readonly

    def set(self, value: Value, real: Real = str, search: str | None = None) -> None:
        """Enter `value` the way a person would for this kind of field, and wait until the field shows it.

        What an earlier change asked Odoo (a line's product onchange) is answered first, so that its
        answer cannot overwrite the value typed here; a value Odoo still replaces is typed again.
        `search` is what to type to find a record whose shown name is not searchable as a whole.
        """
        with answered(self.page):
            if self.readonly:
                raise AssertionError(f'"{self.label}" is read-only here and cannot be set to "{value}".')
            self.widget.set(value, real, search)

    def add(self, value: str, real: Real = str, search: str | None = None) -> None:
        """Add one record to a tags field, keeping those it has."""
        widget = self.widget
        if not isinstance(widget, Tags):
            raise AssertionError(f'"{self.label}" is not a field of tags: a value is set, not added.')
        with answered(self.page):
            widget.add(value, real, search)

    def expect(self, value: Value, real: Real = str) -> None:
        """Wait until the widget shows `value` (numbers by value, dates by day, records by name)."""
        widget = self.widget
        try:
            widget.expect(value, real)
            note(self.label, self.shown, self.locale)  # read (once) only while a Then step is recorded
        except AssertionError:
            raise AssertionError(
                f'"{self.label}" should be "{value}" but shows "{note(self.label, self.shown(), self.locale)}".'
            ) from None

    _text = staticmethod(as_text)

    def shown(self) -> str:
        """The widget's value as displayed (for messages)."""
        return self.widget.shown()


class FieldRegion:
    """Where field widgets are found by technical name: a form, or a one2many row being edited.

    A subclass gives `root`, `fields` (the model's metadata, maybe empty) and `locale`, and may find
    fields by label too (`field_name`).
    """

    root: Locator
    fields: dict[str, FieldInfo]
    locale: UserLocale

    def field_name(self, label: str) -> str:
        """The technical name of the field `label` names (here: the name itself)."""
        return label

    def widget_root(self, name: str) -> Locator:
        """Where the widget of field `name` is rendered."""
        return self.root.locator(widget_selector(name)).first

    def widget(self, label: str) -> FieldWidget:
        """The widget of the field named (or labelled) `label`."""
        return self.named_widget(self.field_name(label), label)

    def named_widget(self, name: str, label: str | None = None) -> FieldWidget:
        """The widget of field `name`, called `label` in messages (by default as Odoo labels the field, not its name)."""
        info = self.fields.get(name)
        shown = label if label and label != name else (info.string if info and info.string else name)
        return FieldWidget(self.widget_root(name), shown, info, self.locale)

    def set(self, label: str, value: Value, real: Real = str, search: str | None = None) -> None:
        """Set the field named (or labelled) `label` to `value`, and wait until it shows it."""
        self.widget(label).set(value, real, search)

    def expect_value(self, label: str, value: Value, real: Real = str) -> None:
        """Wait until the field named (or labelled) `label` shows `value`."""
        self.widget(label).expect(value, real)
