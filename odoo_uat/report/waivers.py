"""Waivers: known defects accepted for go-live, each with an owner, a reason, what it covers and an expiry date.

A waiver file (TOML, `waivers` in [tool.odoo-uat.exit-criteria]) holds [[waiver]] entries:

    [[waiver]]
    id = "W-001"
    owner = "Jane Doe, warehouse lead"
    reason = "Counts of several rows are applied one by one until DEF-12 is fixed"
    covers = ["INV-002"]        # requirement ids, @defect tickets, or scenario names
    expires = 2026-12-31

A failing scenario a waiver covers counts as waived while the waiver holds: the verdict is then
"GO with waivers". An expired waiver, or one covering a scenario whose severity may not be waived
(blocker by default), waives nothing and makes the verdict NO-GO.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from odoo_uat.report.results import Scenario

TOML_TABLE = "waiver"
FIELDS = ("id", "owner", "reason", "covers", "expires")
HOLDS, EXPIRED, NOT_ALLOWED, UNUSED = "holds", "expired", "not allowed", "covers nothing failing"


class WaiverError(Exception):
    """The waiver file is missing or malformed; the message says which entry and what to fix."""


@dataclass(frozen=True)
class Waiver:
    """One accepted known defect."""

    id: str
    owner: str
    reason: str
    covers: tuple[str, ...]
    expires: date

    def covers_scenario(self, scenario: Scenario) -> bool:
        """Whether the scenario is one this waiver names: by requirement, @defect ticket or scenario name."""
        names = {scenario.name.casefold(), scenario.title.casefold()}
        return any(c in scenario.requirements or c in scenario.defects or c.casefold() in names for c in self.covers)

    def days_left(self, today: date) -> int:
        """Days until it expires (0 on its last day, negative once expired)."""
        return (self.expires - today).days

    def expired(self, today: date) -> bool:
        """Whether it no longer holds: the day after its expiry date."""
        return self.days_left(today) < 0


@dataclass(frozen=True)
class WaiverStatus:
    """A waiver as this run finds it: the failing scenarios it covers and whether it holds."""

    waiver: Waiver
    state: str  # HOLDS, EXPIRED, NOT_ALLOWED, UNUSED
    scenarios: tuple[Scenario, ...]
    days_left: int
    problem: str = ""  # the NO-GO reason when it is expired or not allowed

    @property
    def blocks(self) -> bool:
        """Whether it makes the verdict NO-GO."""
        return bool(self.problem)


def load_waivers(path: Path) -> list[Waiver]:
    """Read [[waiver]] entries; every field is required and ids are unique."""
    if not path.is_file():
        raise WaiverError(
            f"Waiver file not found: {path} (waivers in [tool.odoo-uat.exit-criteria]); create it or remove the key"
        )
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get(TOML_TABLE, [])
    except tomllib.TOMLDecodeError as error:
        raise WaiverError(f"{path}: {error}") from None
    waivers: dict[str, Waiver] = {}
    for number, entry in enumerate(entries, start=1):
        waiver = _waiver(path, number, entry)
        if waiver.id in waivers:
            raise WaiverError(f"{path}: waiver {waiver.id} is listed twice")
        waivers[waiver.id] = waiver
    return list(waivers.values())


def judge_waivers(
    waivers: Sequence[Waiver], scenarios: Sequence[Scenario], today: date, unwaivable: Sequence[str]
) -> list[WaiverStatus]:
    """Each waiver's state against the failing scenarios of the run."""
    failing = [s for s in scenarios if s.failing]
    statuses = []
    for waiver in waivers:
        covered = tuple(s for s in failing if waiver.covers_scenario(s))
        days = waiver.days_left(today)
        forbidden = [s for s in covered if s.severity in unwaivable]
        if forbidden:
            names = ", ".join(f"{s.title} ({s.severity})" for s in forbidden)
            problem = f"Waiver {waiver.id} covers {names}: a {forbidden[0].severity} scenario may not be waived"
            statuses.append(WaiverStatus(waiver, NOT_ALLOWED, covered, days, problem))
        elif waiver.expired(today):
            problem = f"Waiver {waiver.id} ({waiver.owner}) expired on {waiver.expires.isoformat()}" + (
                f": {', '.join(s.title for s in covered)} still fail{'s' if len(covered) == 1 else ''}"
                if covered
                else ""
            )
            statuses.append(WaiverStatus(waiver, EXPIRED, covered, days, problem))
        else:
            statuses.append(WaiverStatus(waiver, HOLDS if covered else UNUSED, covered, days))
    return statuses


def waived_scenarios(statuses: Sequence[WaiverStatus]) -> set[str]:
    """The uuids of the failing scenarios that a holding waiver covers."""
    return {s.uuid for w in statuses if w.state == HOLDS for s in w.scenarios}


def _waiver(path: Path, number: int, entry: Mapping[str, Any]) -> Waiver:
    where = f"{path}: waiver {entry.get('id') or number}"
    if missing := [f for f in FIELDS if f not in entry or entry[f] in ("", [], None)]:
        raise WaiverError(f"{where} lacks {', '.join(missing)} (a waiver needs {', '.join(FIELDS)})")
    if unknown := sorted(set(entry) - set(FIELDS)):
        raise WaiverError(f"{where}: unknown key(s) {', '.join(unknown)}; a waiver has {', '.join(FIELDS)}")
    covers = entry["covers"]
    if isinstance(covers, str):
        covers = [covers]
    if not isinstance(covers, list) or not all(isinstance(c, str) and c.strip() for c in covers):
        raise WaiverError(f"{where}: covers must be a list of requirement ids, @defect tickets or scenario names")
    expires = entry["expires"]
    if isinstance(expires, str):
        try:
            expires = date.fromisoformat(expires)
        except ValueError:
            expires = None
    if not isinstance(expires, date):
        raise WaiverError(f"{where}: expires must be a date such as 2026-12-31, not {entry['expires']!r}")
    return Waiver(
        id=str(entry["id"]).strip(),
        owner=str(entry["owner"]).strip(),
        reason=str(entry["reason"]).strip(),
        covers=tuple(c.strip().removeprefix("@defect:") for c in covers),
        expires=expires,
    )
