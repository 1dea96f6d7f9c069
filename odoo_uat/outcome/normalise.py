"""Odoo's values made comparable between two runs: no ids, no generated names, no run dates, no sequence numbers.

Pure functions. A document's number ("S00042", "WH/OUT/00012", "INV/2026/00003") becomes a stable placeholder
("Sales order 1": the first sales order of the scenario, in creation order) wherever it appears; the scenario's
unique names ("Acme Retail k3x9ab-1") become its own ("Acme Retail"); a date becomes its distance in days from
the day the scenario ran ("D+30"); a many2one its name; amounts and quantities are rounded to ROUND_DIGITS.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from odoo_uat.outcome.readings import Shown
from odoo_uat.values import parse_number

# A sequence number left once the record's own documents are placeholders: another document's (a replenishment
# rule's "OP/00007" in an order's origin), numbered by the database, not by the scenario: its prefix is kept.
OTHER_SEQUENCE = re.compile(r"\b([A-Z][A-Z0-9]*(?:/[A-Z0-9]+)*)/\d{3,}\b")
ROUND_DIGITS = 6  # float noise (0.30000000000000004) never shows as a difference
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
# A run's scenario token as names carry it ("k3x9ab-1", "k3x9ab-gw1-3"), for text no known name covers.
TOKEN = r"[a-z0-9]{4,16}-(?:gw\d+-)?\d+"
DUPLICATE = " #{n}"
# A number as a screen shows it: "1,250.00", "$ 1,250.00", "1 250,00 €", "-3.5" (a currency sign either side).
SHOWN_NUMBER = re.compile(r"^\s*[^\w\s]{0,3}\s*[-\u2212]?\s*[^\w\s]{0,3}\s*\d[\d.,\s\u00a0\u202f]*\s*[^\w\s]{0,3}\s*$")
SHOWN_DATE_FORMATS = (
    "%m/%d/%Y",
)  # the screen's dates (English, the suite's default language) besides ISO  # the second line with the same key: "Oak Pallet #2"


def relative_day(value: str, day: date) -> str:
    """An Odoo date or datetime as days from `day`: "D+0", "D+30", "D-1"."""
    parsed = datetime.strptime(value[:10], "%Y-%m-%d").date()
    delta = (parsed - day).days
    return f"D{delta:+d}"


def replace_words(text: str, replacements: Mapping[str, str]) -> str:
    """Each whole word-like occurrence of a key replaced by its value, longest key first, in one pass."""
    if not replacements or not text:
        return text
    keys = sorted((key for key in replacements if key), key=len, reverse=True)
    alternatives = "|".join(re.escape(key) for key in keys)
    return re.sub(rf"(?<![\w-])(?:{alternatives})(?![\w])", lambda found: replacements[found.group(0)], text)


class Normaliser:
    """Turns one scenario's values into comparable ones.

    names: Odoo's text -> the scenario's text (ScenarioNames.scenario_text); token: the scenario's own token;
    placeholders: a document's number -> its placeholder; day: the day the scenario ran.
    """

    def __init__(
        self,
        day: date,
        names: Callable[[str], str] = str,
        token: str | None = None,
        placeholders: Mapping[str, str] | None = None,
        date_formats: Sequence[str] = SHOWN_DATE_FORMATS,
    ) -> None:
        self.day = day
        self.date_formats = tuple(date_formats)
        self.names = names
        self.token = re.compile(rf"\s*\b{re.escape(token)}\b" if token else rf"\s*\b{TOKEN}\b")
        self.placeholders = dict(placeholders or {})

    def text(self, value: str) -> str:
        """A text with the scenario's names, placeholders for document numbers, days relative to the run."""
        if DATETIME.match(value) or DATE.match(value):
            return relative_day(value, self.day)
        text = replace_words(self.names(value), self.placeholders)
        text = OTHER_SEQUENCE.sub(r"\1/#", text)  # a number of a document the record does not hold (OP/00007)
        return self.token.sub("", text).strip()

    def value(self, value: Any, kind: str = "") -> Any:
        """One field's value as read over RPC (`kind` is Odoo's field type when known)."""
        if (value is False and kind != "boolean") or value == "":
            return None  # an empty text: 18.0 writes "" where 19.0 leaves False (a bill's ref)
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, float):
            return round(value, ROUND_DIGITS)
        if isinstance(value, int):
            return value
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, (list, tuple)) and len(value) == 2 and isinstance(value[0], int) and kind == "many2one":
            return self.text(str(value[1]))
        return value

    def reading(self, value: Any) -> Any:
        """A value a Then step read (readings.note): a number shown as text becomes a number, a date shown in the
        screen's format a day relative to the run, a text the scenario's; a mapping or a list, each of its values."""
        if isinstance(value, Shown):  # a text as the screen showed it, in the user's formats
            return self.shown(value)
        if isinstance(value, Mapping):
            return {self.text(str(key)): self.reading(item) for key, item in value.items()}
        if isinstance(value, (list, tuple, set, frozenset)):
            return [self.reading(item) for item in value]
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return f"D{(value - self.day).days:+d}"
        if not isinstance(value, str):
            return self.value(value) if isinstance(value, (bool, int, float)) or value is None else str(value)
        return self.shown(Shown(value))

    def shown(self, value: Shown) -> Any:
        """A text as a screen shows it: a number, a day relative to the run, or the scenario's text."""
        text = " ".join(value.text.split())
        if SHOWN_NUMBER.match(text):
            try:
                return round(parse_number(text, value.decimal_point), ROUND_DIGITS)
            except ValueError:
                pass
        shown_day = self._shown_day(text, (value.date_format,) if value.date_format else self.date_formats)
        return shown_day if shown_day is not None else self.text(text)

    def _shown_day(self, text: str, formats: Sequence[str]) -> str | None:
        """A date (or a date and time) in one of the screen's formats, as days from the run's day."""
        first = text.split(" ")[0]
        for form in formats:
            try:
                return f"D{(datetime.strptime(first, form).date() - self.day).days:+d}"
            except ValueError:
                continue
        return None


def keyed(rows: Iterable[Mapping[str, Any]], key: Callable[[Mapping[str, Any]], str]) -> dict[str, dict[str, Any]]:
    """Rows as a mapping by a readable key ("Oak Pallet"), "#2", "#3" added to repeated keys, in row order."""
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        base = key(row) or "(none)"
        name, n = base, 1
        while name in found:
            n += 1
            name = base + DUPLICATE.format(n=n)
        found[name] = dict(row)
    return found


def numbered(labels: Iterable[tuple[int, str]]) -> dict[int, str]:
    """Record id -> "<label> <n>": the n-th record of that label, in id order ("Sales order 1", "Sales order 2")."""
    counts: dict[str, int] = {}
    found: dict[int, str] = {}
    for record_id, label in sorted(labels):
        counts[label] = counts.get(label, 0) + 1
        found[record_id] = f"{label} {counts[label]}"
    return found
