"""Unique names: what a scenario calls "Acme" is "Acme k3x9ab-1" in Odoo (run id, scenario number), for this scenario only."""

from __future__ import annotations

import itertools
import re

from odoo_uat.odoo.run_id import new_run_id

# The field holding a record's own name: made unique per scenario wherever a scenario gives it a value,
# so later steps find the record by the scenario's name.
RECORD_NAME = "name"


class ScenarioNames:
    """Turns the names a scenario writes into the unique names created in Odoo, and back."""

    def __init__(self, token: str) -> None:
        self.token = token
        self._unique: dict[str, str] = {}
        self._shown: dict[str, str] = {}  # a name Odoo shows (a warehouse's short name) -> the scenario's name

    def alias(self, name: str, real: str) -> str:
        """Make `name` stand for `real`, a name Odoo made itself ("North Depot/Stock" for "UK3X9/Stock"); returns it."""
        self._unique[name] = real
        return real

    def shown_as(self, real: str, name: str) -> None:
        """Read `real` as `name` wherever Odoo shows it (a warehouse's short name "UK3X9" as "North Depot")."""
        self._shown[real] = name

    def scenario_text(self, text: str) -> str:
        """Odoo's text with this scenario's names as the scenario wrote them ("North Depot: Pick", "North Depot/Stock")."""
        return _replace(text, {**self._shown, **{real: name for name, real in self._unique.items()}})

    def odoo_text(self, text: str) -> str:
        """A text the scenario wrote with Odoo's names for the scenario's own in it ("North Depot: Pick" ->
        "North Depot k3x9-1: Pick"); the reverse of scenario_text."""
        return self._unique[text] if text in self._unique else _replace(text, self._unique)

    def unique(self, name: str) -> str:
        """The unique name to create for `name` (the same one every time it is asked)."""
        return self._unique.setdefault(name, f"{name} {self.token}")

    def real(self, name: str) -> str:
        """The name in Odoo for what the scenario calls `name`; unknown names pass through."""
        return self._unique.get(name, name)

    def real_parts(self, name: str, separator: str) -> str:
        """The name in Odoo of a name made of parts ("Acme, John", "All / Timber"), each part the scenario's or not."""
        if name in self._unique:
            return self._unique[name]
        return separator.join(self.real(part) for part in name.split(separator))

    def known(self) -> dict[str, str]:
        """Scenario name -> unique name, for what this scenario created."""
        return dict(self._unique)


def _replace(text: str, names: dict[str, str]) -> str:
    """Each whole name of `names` found in the text replaced by its value, longest first, in one pass."""
    if not names:
        return text
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.sub(rf"(?<![\w-])(?:{alternatives})(?![\w-])", lambda found: names[found.group(0)], text)


class RunNames:
    """Hands each scenario of this run its own ScenarioNames.

    The run id is shared by the xdist workers of a run; the worker id ("gw1") keeps their names apart.
    """

    def __init__(self, run_id: str | None = None, worker: str | None = None) -> None:
        self.run_id = run_id or new_run_id()
        self._prefix = f"{self.run_id}-{worker}-" if worker else f"{self.run_id}-"
        self._counter = itertools.count(1)

    def for_scenario(self) -> ScenarioNames:
        """A fresh namespace for one scenario (each Outline example gets its own)."""
        return ScenarioNames(f"{self._prefix}{next(self._counter)}")
