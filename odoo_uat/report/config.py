"""Exit criteria settings: [tool.odoo-uat.exit-criteria] in pyproject.toml, or a TOML file it names."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from odoo_uat.tags import SEVERITIES

TABLE = ("tool", "odoo-uat", "exit-criteria")
FILE_KEY = "file"  # names a TOML file whose top-level keys are read first


class ConfigError(Exception):
    """The exit criteria settings are wrong; the message says which key and why."""


@dataclass(frozen=True)
class ExitCriteria:
    """What a GO needs. A criterion set to false (or an empty list) is not checked."""

    must_pass_severities: tuple[str, ...] = ("blocker", "critical")
    min_pass_rate: float | None = 95.0
    max_environment_problems: int | None = 0
    max_flaky: int | None = None  # scenarios passing only on a retry (RETRIES=); off unless set
    every_process_area_executed: bool = True
    process_areas: tuple[str, ...] = ()
    every_requirement_passed: bool = True
    requirements: Path | None = None
    waivers: Path | None = None  # a TOML file of [[waiver]] entries (odoo_uat/report/waivers.py)
    unwaivable_severities: tuple[str, ...] = ("blocker",)  # failing scenarios of these are never waived


def load_criteria(pyproject: Path) -> ExitCriteria:
    """Read the exit criteria; defaults when pyproject.toml or the table is absent."""
    table = _table(_read_toml(pyproject), TABLE) if pyproject.is_file() else {}
    base = pyproject.parent
    if FILE_KEY in table:
        named = base / str(table[FILE_KEY])
        table = {**_read_toml(named), **{k: v for k, v in table.items() if k != FILE_KEY}}
    return criteria_from_mapping(table, base)


def criteria_from_mapping(table: Mapping[str, Any], base: Path) -> ExitCriteria:
    """Validate a settings table; relative paths resolve against base."""
    known = {f.name for f in fields(ExitCriteria)}
    if unknown := sorted(set(table) - known):
        raise ConfigError(f"Unknown exit-criteria key(s): {', '.join(unknown)}. Known: {', '.join(sorted(known))}")
    values: dict[str, Any] = {}
    if "must_pass_severities" in table:
        severities = _strings(table, "must_pass_severities")
        if bad := [s for s in severities if s not in SEVERITIES]:
            raise ConfigError(f"must_pass_severities: {', '.join(bad)} is not one of {', '.join(SEVERITIES)}")
        values["must_pass_severities"] = severities
    if "min_pass_rate" in table:
        values["min_pass_rate"] = _number_or_off(table, "min_pass_rate", 0, 100)
    for key in ("max_environment_problems", "max_flaky"):
        if key in table:
            limit = _number_or_off(table, key, 0, None)
            values[key] = None if limit is None else int(limit)
    for flag in ("every_process_area_executed", "every_requirement_passed"):
        if flag in table:
            if not isinstance(table[flag], bool):
                raise ConfigError(f"{flag} must be true or false")
            values[flag] = table[flag]
    if "process_areas" in table:
        values["process_areas"] = _strings(table, "process_areas")
    if table.get("requirements"):
        values["requirements"] = base / str(table["requirements"])
    if table.get("waivers"):
        values["waivers"] = base / str(table["waivers"])
    if "unwaivable_severities" in table:
        severities = _strings(table, "unwaivable_severities")
        if bad := [s for s in severities if s not in SEVERITIES]:
            raise ConfigError(f"unwaivable_severities: {', '.join(bad)} is not one of {', '.join(SEVERITIES)}")
        values["unwaivable_severities"] = severities
    return ExitCriteria(**values)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"Cannot read {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from None


def _table(document: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    for key in keys:
        document = document.get(key, {})
        if not isinstance(document, Mapping):
            raise ConfigError(f"[{'.'.join(keys)}] must be a table")
    return dict(document)


def _strings(table: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key} must be a list of strings")
    return tuple(value)


def _number_or_off(table: Mapping[str, Any], key: str, low: float, high: float | None) -> float | None:
    value = table[key]
    if value is False:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or value < low
        or (high is not None and value > high)
    ):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise ConfigError(f"{key} must be a number {bound}, or false to skip this criterion")
    return float(value)
