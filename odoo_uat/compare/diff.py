"""Two outcome records of one scenario compared with DeepDiff: the changes, each named by document and field.

A record is first made comparable: the run's own data (meta) and what the settings ignore are left out, the Then
checks become step -> how it ended, and what each step read (readings.note) step -> label -> value. DeepDiff then
walks both; numbers within the tolerances of their kind (an amount, or a quantity by the field's name or the
reading's label) and texts that both match an ignore_values pattern count as equal. A changed reading is named by
its step and `read "<label>"`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from deepdiff import DeepDiff
from deepdiff.operator import BaseOperator

from odoo_uat.compare.settings import CompareSettings

ABSENT = "(absent)"
MAX_SHOWN = 200
SECTIONS = {"documents": None, "stock moves": "Stock moves", "products": "Products", "checks": "Checks"}
SCENARIO = "Scenario"
READINGS = "readings"  # what each Then step read, by step then label: compared value by value
READ = 'read "{label}"'  # a reading's field in a report: the step is its document
LEFT_OUT = ("scenario", "notes")  # who the scenario is, and what the recording said: shown, not compared
SEPARATOR = "/"
# DeepDiff's report kinds -> whether the value was added (True), removed (False) or changed (None).
REPORTS = {
    "values_changed": None,
    "type_changes": None,
    "dictionary_item_added": True,
    "dictionary_item_removed": False,
    "iterable_item_added": True,
    "iterable_item_removed": False,
}


@dataclass(frozen=True)
class Change:
    """One value that differs: in which document (or section), where in it, before (BASE) and after (HEAD)."""

    document: str
    field: str
    before: Any
    after: Any

    def shown(self, value: Any) -> str:
        """A value as the reports show it: text as is, anything else as compact JSON, cut at MAX_SHOWN."""
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
        return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def comparable(record: Mapping[str, Any], settings: CompareSettings) -> dict[str, Any]:
    """What of a record is compared, the ignored paths left out."""
    data = {key: value for key, value in record.items() if key not in LEFT_OUT}
    checks: dict[str, str] = {}
    read: dict[str, dict[str, Any]] = {}
    for check in record.get("checks") or []:
        step = str(check.get("step"))
        while step in checks:
            step += " (again)"
        checks[step] = str(check.get("status")) + (f": {check['message']}" if check.get("message") else "")
        if isinstance(check.get("read"), Mapping) and check["read"]:
            read[step] = dict(check["read"])
    data["checks"] = checks
    if read:
        data[READINGS] = read
    return prune(data, settings.ignored)


def ignored(path: tuple[str, ...], patterns: Iterable[str]) -> bool:
    """Whether a path is left out: a pattern matches the path ("documents/*/lines/*/name") or, without a "/", its last
    key ("name")."""
    joined = SEPARATOR.join(path)
    return any(
        fnmatchcase(joined, pattern) or (SEPARATOR not in pattern and fnmatchcase(path[-1], pattern))
        for pattern in patterns
    )


def prune(value: Any, patterns: tuple[str, ...], path: tuple[str, ...] = ()) -> Any:
    """The value without the keys whose path is ignored."""
    if isinstance(value, Mapping):
        return {
            key: prune(item, patterns, (*path, str(key)))
            for key, item in value.items()
            if not ignored((*path, str(key)), patterns)
        }
    return value


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Tolerance(BaseOperator):
    """Numbers within the tolerance of their kind, and texts that both match an ignore_values pattern, are equal."""

    def __init__(self, settings: CompareSettings) -> None:
        super().__init__()
        self.settings = settings

    def match(self, level) -> bool:
        both_numbers = is_number(level.t1) and is_number(level.t2)
        both_texts = isinstance(level.t1, str) and isinstance(level.t2, str) and bool(self.settings.ignore_values)
        return both_numbers or both_texts

    def give_up_diffing(self, level, diff_instance) -> bool:
        if isinstance(level.t1, str):
            return any(p.fullmatch(level.t1) and p.fullmatch(level.t2) for p in self.settings.ignore_values)
        field = str(level.path(output_format="list")[-1]) if level.path(output_format="list") else ""
        # A reading's label is as the screen shows it ("Quantity"): matched in lower case too.
        quantity = any(fnmatchcase(name, p) for name in (field, field.lower()) for p in self.settings.quantity_fields)
        s = self.settings
        absolute, relative = (
            (s.quantity_tolerance, s.quantity_relative_tolerance)
            if quantity
            else (s.amount_tolerance, s.amount_relative_tolerance)
        )
        # A hair above the tolerance for binary floats: 0.01 apart is within a tolerance of 0.01.
        return math.isclose(float(level.t1), float(level.t2), rel_tol=relative, abs_tol=absolute + 1e-9)


def changes(base: Mapping[str, Any], head: Mapping[str, Any], settings: CompareSettings) -> list[Change]:
    """What differs between two records of one scenario (BASE, HEAD), in the order of their paths."""
    left, right = comparable(base, settings), comparable(head, settings)
    if (READINGS in left) != (READINGS in right):  # a record made before readings were noted compares without
        left.pop(READINGS, None), right.pop(READINGS, None)
    found = DeepDiff(
        left,
        right,
        view="tree",
        custom_operators=[Tolerance(settings)],
        ignore_numeric_type_changes=True,
    )
    steps: dict[str, int] = {}  # each step's place: in BASE, then the steps HEAD ran only
    for step in [*left.get("checks", {}), *right.get("checks", {})]:
        steps.setdefault(step, len(steps))
    listed: list[tuple[tuple[str, int, str], Change]] = []
    for report, added in REPORTS.items():
        for level in found.get(report, []):
            path = [str(part) for part in level.path(output_format="list")]
            if _not_run(path, added, left, right):
                continue  # the step did not run on one side: its check says so, its readings would repeat it
            before = ABSENT if added is True else level.t1
            after = ABSENT if added is False else level.t2
            change = Change(*_where(path), before, after)
            listed.append((_order(path, change, steps), change))
    return [change for _, change in sorted(listed, key=lambda item: item[0])]


def _order(path: list[str], change: Change, steps: Mapping[str, int]) -> tuple[str, int, str]:
    """Documents and sections by name; the checks in the order the scenario ran them, each step's readings right
    after its check: "passed -> failed", then the value it read."""
    if path[:1] in (["checks"], [READINGS]) and len(path) > 1:
        return str(SECTIONS["checks"]), steps.get(path[1], len(steps)), "\n".join(path[:1] + path[2:])
    return change.document, 0, change.field


def _not_run(path: list[str], added: bool | None, left: Mapping[str, Any], right: Mapping[str, Any]) -> bool:
    """Whether a change is all of a step's readings, on one side only, where that step has no check (it never ran)."""
    if path[:1] != [READINGS] or len(path) != 2 or added is None:
        return False
    return path[1] not in (right if added is False else left).get("checks", {})


def _where(path: list[str]) -> tuple[str, str]:
    """(document, field) of a DeepDiff path: ["documents", "Sales order 1", "lines", "Oak Pallet", "price_unit"] is
    ("Sales order 1", "lines/Oak Pallet/price_unit"); ["status"] is ("Scenario", "status")."""
    if not path:
        return SCENARIO, ""
    section, rest = path[0], path[1:]
    if section == "documents" and rest:
        return rest[0], SEPARATOR.join(rest[1:])
    if section == READINGS and rest:  # ["readings", step, label]: the step, and what it read
        return rest[0], READ.format(label=SEPARATOR.join(rest[1:])) if rest[1:] else "read"
    if section in SECTIONS and SECTIONS[section]:
        return str(SECTIONS[section]), SEPARATOR.join(rest)
    return SCENARIO, SEPARATOR.join(path)
