"""Reading the values a super user writes: numbers in any format, yes/no, money with symbols, dates."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

_NOT_NUMBER = re.compile(r"[^\d,.\-]")


def parse_number(text: str, decimal_point: str | None = None) -> float:
    """'1,234.50', '€ 45.00', '45' -> float.

    With the screen language's decimal point the reading is exact; without it the last
    separator followed by one or two digits is taken as the decimal one.
    """
    cleaned = _NOT_NUMBER.sub("", text.replace("\u2212", "-"))
    if not re.search(r"\d", cleaned):
        raise ValueError(f"{text!r} is not a number")
    if decimal_point:
        whole, _, decimals = cleaned.rpartition(decimal_point) if decimal_point in cleaned else (cleaned, "", "")
        return float(re.sub(r"[,.]", "", whole) + ("." + decimals if decimals else ""))
    last = max(cleaned.rfind(","), cleaned.rfind("."))
    if last != -1 and len(cleaned) - last - 1 in (1, 2):
        whole, decimals = cleaned[:last], cleaned[last + 1 :]
        return float(re.sub(r"[,.]", "", whole) + "." + decimals)
    if last != -1 and len(cleaned) - last - 1 != 3:
        return float(cleaned.replace(",", ""))
    return float(re.sub(r"[,.]", "", cleaned))


def same_amount(left: float, right: float, digits: int = 2) -> bool:
    """Equal at the given precision (money and quantities compare by value)."""
    return round(left - right, digits) == 0


def parse_bool(text: str) -> bool:
    """yes/no, true/false, checked/unchecked."""
    folded = text.strip().casefold()
    if folded in ("yes", "true", "checked", "on", "1"):
        return True
    if folded in ("no", "false", "unchecked", "off", "0"):
        return False
    raise ValueError(f"{text!r} is not yes or no")


# -- dates ----------------------------------------------------------------------------------------------------------

ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")
COUNT = r"(?P<count>\d+)"
DAYS_PER = {"day": 1, "week": 7}
# What may trail a label on screen but is not part of its name: the help tooltip's "?"
# superscript ("Vendor?"), a colon ("Vendor:"), a required-field star.
TRAILING_MARKS = re.compile(r"[\s?:*]+$")
WHITESPACE = re.compile(r"\s+")


def folded(text: str) -> str:
    """A name as compared: case-folded, single spaces."""
    return " ".join(text.split()).casefold()


def normalise_label(text: str) -> str:
    """'  Vendor?\\n' -> 'vendor': case-folded, single spaces, no trailing ?, : or *."""
    return TRAILING_MARKS.sub("", folded(text))


APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})


@dataclass(frozen=True)
class DateWords:
    """How one language writes a relative date: its words for today, tomorrow, yesterday, days and weeks, and
    the forms "in {count} {unit}" and "{count} {unit} ago"."""

    today: tuple[str, ...]
    tomorrow: tuple[str, ...]
    yesterday: tuple[str, ...]
    day: tuple[str, ...]  # every form: singular first ("day", "days")
    week: tuple[str, ...]
    ahead: tuple[str, ...]  # "in {count} {unit}"
    ago: tuple[str, ...]  # "{count} {unit} ago"

    @property
    def offsets(self) -> dict[str, int]:
        """Each word of a day -> its offset from today."""
        return {
            **{word: -1 for word in self.yesterday},
            **{word: 1 for word in self.tomorrow},
            **{word: 0 for word in self.today},
        }

    @property
    def units(self) -> dict[str, str]:
        """Each form of a unit -> day or week."""
        return {**{word: "day" for word in self.day}, **{word: "week" for word in self.week}}

    @property
    def examples(self) -> tuple[str, ...]:
        """Dates as this language writes them: today, tomorrow, today + 3 days, in 3 days, 2 weeks ago."""
        # The plural after "+" is the second form, after "in"/"ago" the last (German: heute + 3 Tage, in 3 Tagen).
        plus_days, in_days, weeks = self.day[min(1, len(self.day) - 1)], self.day[-1], self.week[-1]
        return (
            self.today[0],
            self.tomorrow[0],
            f"{self.today[0]} + 3 {plus_days}",
            self.ahead[0].format(count=3, unit=in_days),
            self.ago[0].format(count=2, unit=weeks),
        )

    def patterns(self) -> list[tuple[re.Pattern[str], int]]:
        """Each way of writing a relative date in this language, with its direction (+1, -1; 0: a day word)."""
        return _patterns(self)


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first (so "days" is tried before "day")."""
    return "|".join(re.escape(_fold(word)) for word in sorted(words, key=len, reverse=True))


def _form(template: str, unit: str) -> str:
    """A template such as "in {count} {unit}" as a regex with the count and unit captured."""
    literal = [re.escape(part) for part in re.split(r"\{count\}|\{unit\}", _fold(template))]
    markers = re.findall(r"\{count\}|\{unit\}", template)
    body = literal[0]
    for marker, text in zip(markers, literal[1:]):
        body += (COUNT if marker == "{count}" else f"(?P<unit>{unit})") + text
    return r"^\s*" + body.replace(r"\ ", r"\s+") + r"\s*$"


@functools.cache
def _patterns(words: DateWords) -> list[tuple[re.Pattern[str], int]]:
    unit = _alternatives(words.units)
    day = rf"^\s*(?P<day>{_alternatives(words.offsets)})\s*(?:(?P<sign>[+-])\s*{COUNT}\s*(?P<unit>{unit}))?\s*$"
    return [
        (re.compile(day), 0),
        *((re.compile(_form(form, unit)), 1) for form in words.ahead),
        *((re.compile(_form(form, unit)), -1) for form in words.ago),
    ]


def _fold(text: str) -> str:
    """Text compared whatever its case and apostrophe (’ or ')."""
    return text.translate(APOSTROPHES).casefold()


ENGLISH_DATES = DateWords(
    today=("today",),
    tomorrow=("tomorrow",),
    yesterday=("yesterday",),
    day=("day", "days"),
    week=("week", "weeks"),
    ahead=("in {count} {unit}",),
    ago=("{count} {unit} ago",),
)
# The languages a relative date may be written in, by Gherkin code; steps/i18n/<code>.toml [dates] add theirs.
DATE_LANGUAGES: dict[str, DateWords] = {"en": ENGLISH_DATES}


def register_date_words(code: str, words: DateWords) -> None:
    """Let scenarios write relative dates in one more language."""
    DATE_LANGUAGES[code] = words


def relative_days(text: str) -> int | None:
    """The days from today a relative date means ("in 3 days" -> 3, "hier" -> -1), in any registered language."""
    folded = _fold(text)
    for words in DATE_LANGUAGES.values():
        offsets, units = {_fold(k): v for k, v in words.offsets.items()}, {_fold(k): v for k, v in words.units.items()}
        for pattern, direction in words.patterns():
            found = pattern.match(folded)
            if found is None:
                continue
            groups = found.groupdict()
            days = offsets[groups["day"]] if groups.get("day") else 0
            if groups.get("count"):
                sign = direction or (1 if groups["sign"] == "+" else -1)
                days += sign * int(groups["count"]) * DAYS_PER[units[groups["unit"]]]
            return days
    return None


def is_date(text: str) -> bool:
    """Whether `text` is a date this suite understands (relative in a registered language, or ISO)."""
    return relative_days(text) is not None or bool(ISO_DATE.match(text))


def parse_date(text: str, today: date | None = None) -> date | datetime:
    """'today', 'in 3 days', 'today + 3 days', 'demain', '2026-12-31', '2026-12-31 14:30' -> a date (or datetime)."""
    days = relative_days(text)
    if days is not None:
        return (today or date.today()) + timedelta(days=days)
    iso = ISO_DATE.match(text)
    if iso:
        year, month, day, hour, minute, second = iso.groups()
        if hour is None:
            return date(int(year), int(month), int(day))
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    examples = "; ".join(", ".join(words.examples) for words in DATE_LANGUAGES.values())
    raise ValueError(f"{text!r} is not a date: write one like {examples}, or 2026-12-31")
