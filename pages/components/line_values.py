"""A form's saved lines as Odoo holds them: read over RPC as the logged-in user, compared by type with a scenario's text.

Quantities and amounts compare by value, records by their display name, dates by day (a date and time by the day
it is in the user's time zone), choices by their label or key, yes/no, and texts whatever their case and spacing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from odoo_uat.values import folded, parse_bool, parse_date, same_amount
from odoo_uat.web.session import FieldInfo, WebSession
from pages.components.labels import normalise_label
from pages.components.user_locale import UserLocale, record_name_pattern
from pages.components.widget_base import Real

NUMBER_TYPES = ("integer", "float", "monetary")
TEXT_TYPES = ("char", "text", "html", "many2one", "selection")  # what a line's text on screen is made of
SERVER_DATE = "%Y-%m-%d"
SERVER_DATETIME = "%Y-%m-%d %H:%M:%S"
MIN_DIGITS = 2  # amounts compare to the cent at least, closer when the scenario writes more decimals
DECIMALS = re.compile(r"[.,](\d+)\D*$")
TAGS = re.compile(r"<[^>]+>")
DISPLAY_NAME = "display_name"
SAVE_FIRST = (
    "The form has changes that are not saved: save first (When I save), then check its lines; "
    "the lines are read as Odoo holds them."
)


@dataclass(frozen=True)
class ValueReader:
    """How the logged-in user reads values: their number and date formats, their time zone, the scenario's names."""

    locale: UserLocale
    zone: Any = UTC
    real: Real = str

    @classmethod
    def zone_of(cls, name: str | None) -> Any:
        """The user's time zone (UTC when they have none or an unknown one)."""
        try:
            return ZoneInfo(name) if name else UTC
        except (ZoneInfoNotFoundError, ValueError):
            return UTC

    def shown(self, info: FieldInfo, value: Any) -> str:
        """A value Odoo holds, written as the scenario would (for messages and matching lines)."""
        if value is False or value is None:
            return "" if info.type != "boolean" else "no"
        if info.type == "boolean":
            return "yes" if value else "no"
        if info.type == "many2one":
            return str(value[1]) if isinstance(value, (list, tuple)) else str(value)
        if info.type in ("many2many", "one2many"):
            return ", ".join(str(name) for name in value)
        if info.type == "selection":
            return dict(info.selection).get(value, str(value))
        if info.type in NUMBER_TYPES:
            return self.locale.number_text(float(value))
        if info.type == "date":
            return self.locale.date_text(datetime.strptime(value, SERVER_DATE).date())
        if info.type == "datetime":
            return self.locale.date_text(self.day_of(value))
        if info.type == "html":
            return " ".join(TAGS.sub(" ", str(value)).split())
        return str(value)

    def day_of(self, value: str) -> date:
        """The day a server date and time (UTC) falls on in the user's time zone."""
        moment = datetime.strptime(value[:19], SERVER_DATETIME).replace(tzinfo=UTC)
        return moment.astimezone(self.zone).date()

    def day(self, text: str) -> date:
        """A day the scenario writes: today + 3 days, 2026-12-31, or in the user's date format."""
        try:
            parsed = parse_date(text)
        except ValueError:
            try:
                return datetime.strptime(text.strip(), self.locale.date_format).date()
            except ValueError:
                raise ValueError(f'"{text}" is not a date: write one like today + 3 days, or 2026-12-31') from None
        return parsed.date() if isinstance(parsed, datetime) else parsed

    def same(self, info: FieldInfo, value: Any, expected: str) -> bool:
        """Whether the value Odoo holds is what the scenario wrote, compared as its type compares."""
        text = expected.strip()
        empty = value is False or value is None or value == []
        if not text:
            return empty or (info.type in NUMBER_TYPES and not float(value))
        if info.type in NUMBER_TYPES:
            decimals = DECIMALS.search(text)
            digits = max(MIN_DIGITS, len(decimals.group(1)) if decimals else 0)
            return not empty and same_amount(float(value), self.locale.number_value(text), digits)
        if info.type == "boolean":
            return bool(value) == parse_bool(text)
        if info.type == "date":
            return not empty and datetime.strptime(value, SERVER_DATE).date() == self.day(text)
        if info.type == "datetime":
            return not empty and self.day_of(value) == self.day(text)
        if info.type == "selection":
            wanted = normalise_label(text)
            return value == text or normalise_label(self.shown(info, value)) == wanted
        if info.type in ("many2one", "many2many", "one2many"):
            names = [self.shown(info, value)] if info.type == "many2one" else [str(name) for name in value]
            parts = [part.strip() for part in text.split(",")] if info.type != "many2one" else [text]
            wanted = [record_name_pattern(self.real(part)) for part in parts if part]
            return len(wanted) == len(names) and all(any(p.search(name) for name in names) for p in wanted)
        return folded(self.shown(info, value)) == folded(self.real(text))


@dataclass(frozen=True)
class SavedLine:
    """One line as Odoo holds it: its values by field name (records' display names for x2many fields)."""

    values: Mapping[str, Any]

    def text(self, fields: Mapping[str, FieldInfo], shown: list[str], reader: ValueReader) -> str:
        """What the line shows as text: its display name and its text-like columns."""
        parts = [str(self.values.get(DISPLAY_NAME) or "")]
        parts += [
            reader.shown(fields[name], self.values.get(name))
            for name in shown
            if name in fields and fields[name].type in TEXT_TYPES
        ]
        return " | ".join(part for part in parts if part)

    def differences(
        self,
        columns: Mapping[str, str],
        expected: Mapping[str, str],
        fields: Mapping[str, FieldInfo],
        reader: ValueReader,
    ) -> list[str]:
        """The columns whose value is not the expected one, each as 'Label "expected" but holds "actual"'."""
        return [
            f'{label} should be "{text}" but is "{reader.shown(fields[columns[label]], self.values.get(columns[label]))}"'
            for label, text in expected.items()
            if not reader.same(fields[columns[label]], self.values.get(columns[label]), text)
        ]


class SavedLines:
    """The lines of one x2many field of a saved record, read as the logged-in user."""

    def __init__(
        self,
        session: WebSession,
        model: str,
        fields: Mapping[str, FieldInfo],
        lines: list[SavedLine],
        shown: list[str],
        reader: ValueReader,
    ) -> None:
        self.session = session
        self.model = model
        self.fields = fields
        self.lines = lines
        self.shown = shown
        self.reader = reader

    @classmethod
    def read(
        cls,
        session: WebSession,
        parent: tuple[str, int, str],
        fields: Mapping[str, FieldInfo],
        wanted: list[str],
        shown: list[str],
        reader: ValueReader,
    ) -> SavedLines:
        """The lines of field `parent[2]` of record `parent[1]` of model `parent[0]`, with the `wanted` fields."""
        model, record_id, field = parent
        relation = session.fields(model)[field].relation or ""
        ids = session.call(model, "read", [record_id], [field])[0][field]
        names = [DISPLAY_NAME, *dict.fromkeys(name for name in [*wanted, *shown] if name in fields)]
        rows = session.call(relation, "read", ids, names) if ids else []
        for row in rows:
            for name in names:
                info = fields.get(name)
                if info and info.type in ("many2many", "one2many") and row.get(name):
                    found = session.call(info.relation, "read", row[name], [DISPLAY_NAME])
                    row[name] = [record[DISPLAY_NAME] for record in found]
        return cls(session, relation, fields, [SavedLine(row) for row in rows], shown, reader)

    def texts(self) -> list[str]:
        """Each line's text, for messages."""
        return [line.text(self.fields, self.shown, self.reader) for line in self.lines]

    def listed(self) -> str:
        """The lines, quoted, for an error message."""
        return "; ".join(f'"{text}"' for text in self.texts()) or "no lines"

    def showing(self, text: str) -> SavedLine:
        """The one line whose text shows `text` (its scenario name made real), any case."""
        wanted = folded(self.reader.real(text))
        found = [line for line, shown in zip(self.lines, self.texts()) if wanted in folded(shown)]
        if len(found) != 1:
            raise AssertionError(
                f'The form should have one line showing "{text}" but has {len(found) or "none"}. '
                f"Its lines: {self.listed()}."
            )
        return found[0]

    def with_value(self, name: str, label: str, text: str) -> SavedLine:
        """The one line whose field `name` holds `text` (its first column), else the one showing `text`."""
        info = self.fields[name]
        found = [line for line in self.lines if self.reader.same(info, line.values.get(name), text)]
        if len(found) == 1:
            return found[0]
        if not found:
            return self.showing(text)
        raise AssertionError(
            f'The form should have one line whose {label} is "{text}" but has {len(found)}. Its lines: {self.listed()}.'
        )
