"""Passwords held so that no traceback, log line or report shows them: `Secret`, and what this process must never
write (every Secret it made, and the session cookies it was given), for the scrub of what a run keeps.

pytest prints the arguments of a failing test's frames (and every local with --showlocals): a function that takes a
password as a str puts it in the terminal, junit.xml and the Allure results. A Secret shows as `Secret('******')`
there; `reveal()` gives the value, in the one expression that sends it (docs/secrets.md).
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable

MASKED = "******"

# Every value this process held as a Secret or was told to remember: what the scrub masks (odoo_uat/plugins/evidence.py).
_KNOWN: set[str] = set()


class Secret:
    """A password (or any credential) whose repr and str are masked; `reveal()` where it is sent."""

    __slots__ = ("_value",)

    def __init__(self, value: str | Secret) -> None:
        if isinstance(value, Secret):
            value = value.reveal()
        if not isinstance(value, str):
            raise TypeError(f"A Secret holds a str, not a {type(value).__name__}.")
        object.__setattr__(self, "_value", value)
        if value:
            _KNOWN.add(value)

    def reveal(self) -> str:
        """The value itself: call it in the expression that sends it, never to keep or show it."""
        return self._value

    def __repr__(self) -> str:
        return f"Secret('{MASKED}')"

    def __str__(self) -> str:
        return MASKED

    def __format__(self, spec: str) -> str:
        return format(MASKED, spec)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash((Secret, self._value))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("A Secret cannot be changed; make a new one.")

    def __copy__(self) -> Secret:
        return self

    def __deepcopy__(self, memo: dict) -> Secret:
        return self

    def __reduce__(self) -> tuple:
        # Pickling would write the value (a cache, a pipe to another process): send reveal() there on purpose.
        raise TypeError("A Secret is not pickled: send its reveal() where a value must cross, on purpose.")


def remember(*values: str | Secret | None) -> None:
    """Values that are secret without being held as a Secret (session cookies): the scrub masks them too."""
    for value in values:
        if isinstance(value, Secret):
            value = value.reveal()
        if value:
            _KNOWN.add(value)


def known() -> frozenset[str]:
    """Every secret value this process has held or remembered, for the scrub of what the run keeps."""
    return frozenset(_KNOWN)


def revealed(values: Iterable[str | Secret | None]) -> list[str]:
    """The plain values of a mix of Secrets and strings (for the scrub, which searches for them)."""
    return [value.reveal() if isinstance(value, Secret) else value for value in values if value]
