"""[tool.odoo-uat.compare] in pyproject.toml: the tolerances of a compare and what it ignores.

[tool.odoo-uat.compare]
amount_tolerance = 0.01            # absolute, in the company's currency
amount_relative_tolerance = 0      # a fraction of the larger value: 0.001 is 0.1 %
quantity_tolerance = 0.0001
quantity_relative_tolerance = 0
quantity_fields = ["*qty*", "quantity", "valuation quantity"]  # every other number is an amount
ignore = ["meta", "*/name"]        # paths (document/field, globs) or field names left out
ignore_values = ["D[+-][0-9]+"]    # regular expressions: a change whose two values both match is no difference
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TABLE = ("tool", "odoo-uat", "compare")
WHERE = "[tool.odoo-uat.compare]"
NUMBERS = (
    "amount_tolerance",
    "amount_relative_tolerance",
    "quantity_tolerance",
    "quantity_relative_tolerance",
)
LISTS = ("quantity_fields", "ignore", "ignore_values")
KEYS = NUMBERS + LISTS
# What a record holds that is about the run, not about Odoo's data: never compared.
ALWAYS_IGNORED = ("meta", "format")


class CompareSettingsError(Exception):
    """A compare setting is wrong; the message names the key and the fix."""


@dataclass(frozen=True)
class CompareSettings:
    """How two outcome records are compared."""

    amount_tolerance: float = 0.01
    amount_relative_tolerance: float = 0.0
    quantity_tolerance: float = 0.0001
    quantity_relative_tolerance: float = 0.0
    quantity_fields: tuple[str, ...] = ("*qty*", "quantity", "valuation quantity")
    ignore: tuple[str, ...] = ()
    ignore_values: tuple[re.Pattern[str], ...] = ()

    @property
    def ignored(self) -> tuple[str, ...]:
        """What the compare leaves out: the run's own data, then the settings' ignore."""
        return (*ALWAYS_IGNORED, *self.ignore)


def load_compare_settings(pyproject: Path) -> CompareSettings:
    """The table of pyproject.toml (defaults where it, or the file, is absent)."""
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8")) if pyproject.is_file() else {}
    except tomllib.TOMLDecodeError as error:
        raise CompareSettingsError(f"{pyproject}: {error}") from None
    return compare_settings(_table(document))


def compare_settings(table: Mapping[str, Any]) -> CompareSettings:
    """The settings of one [tool.odoo-uat.compare] table; an unknown key or a wrong value names the fix."""
    if unknown := sorted(set(table) - set(KEYS)):
        raise CompareSettingsError(f"{WHERE}: unknown key(s) {', '.join(unknown)}; known: {', '.join(KEYS)}")
    values: dict[str, Any] = {}
    for key in NUMBERS:
        if key in table:
            value = table[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise CompareSettingsError(f"{WHERE}: {key} must be a number, 0 or more (it is {value!r})")
            values[key] = float(value)
    for key in LISTS:
        if key in table:
            value = table[key]
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise CompareSettingsError(f'{WHERE}: {key} must be a list of strings, such as ["meta"]')
            values[key] = tuple(value)
    if "ignore_values" in values:
        values["ignore_values"] = tuple(_pattern(text) for text in values["ignore_values"])
    return CompareSettings(**values)


def _pattern(text: str) -> re.Pattern[str]:
    try:
        return re.compile(text)
    except re.error as error:
        raise CompareSettingsError(f"{WHERE}: ignore_values: {text!r} is no regular expression ({error})") from None


def _table(document: Mapping[str, Any]) -> dict[str, Any]:
    for key in TABLE:
        document = document.get(key, {})
        if not isinstance(document, Mapping):
            raise CompareSettingsError(f"{WHERE} must be a table")
    return dict(document)
