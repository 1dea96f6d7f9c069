"""What a Then step read from Odoo, noted for the scenario's outcome record ("read" of its check).

A Then step, or the page object it calls, notes each value at the point where it reads it:

    on_hand = note("on hand", records.on_hand(product, location))
    raise AssertionError(f'... but shows "{note(self.label, self.shown())}".')
    note(self.label, self.shown)  # a callable is read only while a Then step is recorded

`note` returns the value, so it wraps the reading in place. The outcome plugin starts a collection before each Then
step and attaches what was noted to the step's check, passed or failed (a failed check holds the mismatched value).
Outside a recorded Then step (a Given or When step, a unit test, the bench, --no-outcomes) `note` does nothing and a
callable is never called: noting never reads Odoo a second time.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

LOG = logging.getLogger("odoo_uat.outcome")
AGAIN = " #{n}"  # a label noted twice in one step: "Total", "Total #2"
UNREAD = "(unreadable)"
_READINGS: ContextVar[dict[str, Any] | None] = ContextVar("odoo_uat_readings", default=None)


@dataclass(frozen=True)
class Shown:
    """A text as a screen showed it, with how that screen writes dates and numbers (normalise.Normaliser.reading)."""

    text: str
    date_format: str | None = None
    decimal_point: str | None = None


def note(label: str, value: Any, locale: Any = None) -> Any:
    """Note that the running Then step read `value` under `label` ("Total", "on hand"); returns it.

    A callable is called (once) only when a Then step is being recorded, and what it returns is noted and returned;
    an error while calling it is noted as "(unreadable)" and never fails the step. `locale`, for a text read on
    screen, is how the user's language writes dates and numbers (anything with `date_format` and `decimal_point`,
    such as the page's UserLocale): the text is then read in that format when the record is normalised.
    """
    readings = _READINGS.get()
    if readings is None:
        return value
    if callable(value):
        try:
            value = value()
        except Exception as error:  # a note never fails a step
            LOG.debug("reading %r for the outcome record: %s", label, error)
            value = UNREAD
    name, n = str(label), 1
    while name in readings:
        n += 1
        name = str(label) + AGAIN.format(n=n)
    readings[name] = (
        Shown(value, getattr(locale, "date_format", None), getattr(locale, "decimal_point", None))
        if locale is not None and isinstance(value, str)
        else value
    )
    return value


def collecting() -> bool:
    """Whether a Then step is being recorded now (what `note` keeps)."""
    return _READINGS.get() is not None


def start() -> None:
    """Collect what the step about to run notes (the plugin, before a Then step)."""
    _READINGS.set({})


def stop() -> dict[str, Any]:
    """What the step noted, in the order it read it; collecting stops (the plugin, once the step ended)."""
    readings = _READINGS.get()
    _READINGS.set(None)
    return dict(readings or {})
