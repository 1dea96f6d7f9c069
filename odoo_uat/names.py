"""Unique names: what a scenario calls "Acme" is "Acme k3x9-1" in Odoo, for this scenario only."""
from __future__ import annotations

import itertools
import secrets
import string

_ALPHABET = string.ascii_lowercase + string.digits


def new_run_id(length: int = 4) -> str:
    """A short random id for this run (one per process, so xdist workers never collide)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


class ScenarioNames:
    """Turns the names a scenario writes into the unique names created in Odoo, and back."""

    def __init__(self, token: str) -> None:
        self.token = token
        self._unique: dict[str, str] = {}

    def unique(self, name: str) -> str:
        """The unique name to create for `name` (the same one every time it is asked)."""
        return self._unique.setdefault(name, f"{name} {self.token}")

    def real(self, name: str) -> str:
        """The name in Odoo for what the scenario calls `name`; unknown names pass through."""
        return self._unique.get(name, name)

    def known(self) -> dict[str, str]:
        """Scenario name -> unique name, for what this scenario created."""
        return dict(self._unique)


class RunNames:
    """Hands each scenario of this run its own ScenarioNames."""

    def __init__(self, run_id: str | None = None) -> None:
        self.run_id = run_id or new_run_id()
        self._counter = itertools.count(1)

    def for_scenario(self) -> ScenarioNames:
        """A fresh namespace for one scenario (each Outline example gets its own)."""
        return ScenarioNames(f"{self.run_id}-{next(self._counter)}")
