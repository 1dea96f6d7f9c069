"""What every kind of field widget has: its markup, and the Widget class each kind extends (in widgets.py).

The one retry loop (type again while Odoo's answer to an earlier change replaces the value) and the default
ways to check and read a value live here, shared by every kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from playwright.sync_api import Locator, expect

from odoo_uat.web.session import FieldInfo
from pages.components.labels import label_list
from pages.components.pending_calls import settle
from pages.components.user_locale import UserLocale, text_pattern

Real = Callable[[str], str]
# What a field is set to: a scenario's text, or a number a business screen gives as it is.
Value = str | int | float

READONLY = "o_readonly_modifier"
# What a person types into, and what a read-only widget shows instead.
TEXTAREA = "textarea:not(.d-none)"
TEXT_INPUT = "input:not([type=checkbox]):not([type=radio])"
# How many times a value is typed while Odoo's answer to an earlier change replaces it.
TYPINGS = 3


def plain_number(value: float) -> str:
    """A number as text without locale (for a number given to a field that is not a number)."""
    return f"{value:.10f}".rstrip("0").rstrip(".")


def as_text(value: Value) -> str:
    """A value as a widget that is not a number takes it: a number written plainly."""
    return value if isinstance(value, str) else plain_number(float(value))


@dataclass(frozen=True)
class Markup:
    """What a widget's markup holds (its classes, which parts of WIDGET_PARTS), and Odoo's field type when known."""

    classes: frozenset[str]
    parts: frozenset[str]
    field_type: str | None = None

    @classmethod
    def read(cls, features: dict, field_type: str | None = None) -> Markup:
        """The markup from what WIDGET_FEATURES_JS read in the page."""
        return cls(
            frozenset(str(features.get("classes", "")).split()),
            frozenset(name for name, found in features.items() if name != "classes" and found),
            field_type,
        )

    @property
    def readonly(self) -> bool:
        """Whether the field cannot be edited here."""
        return READONLY in self.classes


class FieldOnScreen:
    """A field's widget where it is shown: its element, its label for messages, Odoo's metadata, the user's locale."""

    def __init__(self, root: Locator, label: str, info: FieldInfo | None, locale: UserLocale) -> None:
        self.root = root
        self.page = root.page
        self.label = label
        self.info = info
        self.locale = locale


class Widget(FieldOnScreen):
    """One kind of field widget; a subclass tells it from its markup, sets it, checks it and reads it."""

    kind: ClassVar[str]
    # The parts of its markup that tell it (a name for Markup.parts -> a selector), read with every kind's at once.
    parts: ClassVar[dict[str, str]] = {}

    @classmethod
    def detects(cls, markup: Markup) -> bool:
        """Whether a widget with this markup is of this kind (asked in the order of WIDGETS)."""
        raise NotImplementedError

    def set(self, value: Value, real: Real, search: str | None) -> None:
        """Enter `value` as a person would, and wait until the widget shows it (`search` finds a record)."""
        raise NotImplementedError

    def expect(self, value: Value, real: Real) -> None:
        """Wait until the widget shows `value`: by default as text, in its input or read-only."""
        self.expect_shown(text_pattern(real(as_text(value))))

    def shown(self) -> str:
        """The value as displayed (for messages): its input's, or its text when read-only."""
        for selector in (TEXTAREA, TEXT_INPUT):
            editable = self.root.locator(selector)
            if editable.count():
                return editable.first.input_value()
        return " ".join(self.root.inner_text().split())

    def expect_shown(self, pattern: re.Pattern[str]) -> None:
        """The input's value, or the widget's text when read-only, matches."""
        for selector in (TEXTAREA, TEXT_INPUT):
            editable = self.root.locator(selector)
            if editable.count():
                expect(editable.first).to_have_value(pattern)
                return
        expect(self.root).to_have_text(pattern)

    def type_in(self, selector: str, text: str, shown: re.Pattern[str]) -> None:
        """Type `text`, leave the field, and type it again while Odoo's answer replaces it (issue 11)."""
        editable = self.root.locator(selector).first
        for _ in range(TYPINGS):
            editable.fill(text)
            editable.blur()  # leaving the field commits it (a 'change' event), as a person tabbing out does
            settle(self.page)
            if shown.search(editable.input_value()):
                return
        raise AssertionError(
            f'"{self.label}" was typed "{text}" {TYPINGS} times, and each time Odoo replaced it: '
            f'it shows "{editable.input_value()}".'
        )

    def no_choice(self, value: str, choices: list[str]) -> AssertionError:
        """The error for a choice the widget does not offer, naming those it does."""
        return AssertionError(f'"{self.label}" has no choice "{value}". Its choices: {label_list(choices)}.')
