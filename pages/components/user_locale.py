"""What a scenario writes (dates, numbers, names) as the logged-in user's language types and shows it: pure logic."""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from datetime import date, datetime, time

from odoo_uat.values import is_date, parse_date, parse_number  # noqa: F401 - dates in every registered language
from odoo_uat.web.session import WebSession

# A date typed into a datetime field gets midday: whatever the user's timezone, it stays that day.
DEFAULT_TIME = time(12, 0)
MINUS = "\\-\u2212"  # inside a character class
# A value written as an amount: digits and separators, maybe a sign and a currency symbol ("$ 1,250.00", "-5").
AMOUNT = re.compile(r"^\s*[^\w\s]?\s*[-\u2212]?\s*[^\w\s]?\s*\d[\d.,\s\u00a0\u202f]*[^\w\s]?\s*$")


def as_datetime(value: date | datetime) -> datetime:
    """A date at midday, a datetime as it is."""
    return value if isinstance(value, datetime) else datetime.combine(value, DEFAULT_TIME)


def text_pattern(text: str, whole: bool = True) -> re.Pattern[str]:
    """Case-insensitive pattern of a text whatever its spacing."""
    body = r"\s+".join(re.escape(word) for word in text.split())
    return re.compile(rf"^\s*{body}\s*$" if whole else body, re.IGNORECASE)


def record_name_pattern(name: str) -> re.Pattern[str]:
    """A record's display name, maybe after an [internal reference]."""
    body = r"\s+".join(re.escape(word) for word in name.split())
    return re.compile(rf"^\s*(\[[^\]]*\]\s*)?{body}\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class UserLocale:
    """How the logged-in user's language writes dates and numbers (res.lang)."""

    date_format: str = "%m/%d/%Y"
    time_format: str = "%H:%M:%S"
    decimal_point: str = "."
    thousands_sep: str = ","

    @classmethod
    def of(cls, session: WebSession) -> UserLocale:
        """The locale of the session's user (read once per session)."""
        if session not in _LOCALES:
            _LOCALES[session] = cls._read(session)
        return _LOCALES[session]

    @classmethod
    def _read(cls, session: WebSession) -> UserLocale:
        lang = session.user_context.get("lang") or "en_US"
        found = session.call(
            "res.lang",
            "search_read",
            [["code", "=", lang]],
            fields=["date_format", "time_format", "decimal_point", "thousands_sep"],
            limit=1,
        )
        if not found:
            return cls()
        row = found[0]
        return cls(row["date_format"], row["time_format"], row["decimal_point"] or ".", row["thousands_sep"] or "")

    def date_text(self, value: date) -> str:
        """A date as the user types it."""
        return value.strftime(self.date_format)

    def datetime_text(self, value: datetime) -> str:
        """A date and time as the user types it."""
        return value.strftime(f"{self.date_format} {self.time_format}")

    def number_value(self, value: str | float) -> float:
        """A number a scenario or a business screen gives, as a float (text read in any usual format)."""
        return float(value) if isinstance(value, (int, float)) else parse_number(value)

    def number_text(self, value: float) -> str:
        """A number as the user types it (no thousands separators)."""
        text = f"{value:.10f}".rstrip("0").rstrip(".")
        return text.replace(".", self.decimal_point)

    def number_pattern(self, value: float) -> re.Pattern[str]:
        """The number as shown, with or without separators, trailing zeros and a currency symbol."""
        whole, _, decimals = f"{abs(value):.10f}".rstrip("0").partition(".")
        head = len(whole) % 3 or 3
        groups = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
        separator = f"(?:{re.escape(self.thousands_sep)}|\u00a0|\u202f)?" if self.thousands_sep else ""
        digits = separator.join(groups)
        point = re.escape(self.decimal_point)
        fraction = f"{point}{decimals}0*" if decimals else f"(?:{point}0*)?"
        sign = f"[^\\d]*[{MINUS}][^\\d]*" if value < 0 else f"[^\\d{MINUS}]*"
        return re.compile(rf"^{sign}{digits}{fraction}[^\d]*$")


_LOCALES: weakref.WeakKeyDictionary[WebSession, UserLocale] = weakref.WeakKeyDictionary()
