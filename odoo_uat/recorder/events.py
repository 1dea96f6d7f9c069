"""What the recorder's listener in the web client reports: one event per thing the user did, in Odoo's terms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KINDS = frozenset({"menu", "field", "add_line", "button", "save", "status", "open_record", "search", "other"})
# What a feature file says for a value typed into a password input: listener.js never sends the value itself.
PASSWORD_PLACEHOLDER = "<password>"


@dataclass(frozen=True)
class Event:
    """One user action (or status change) as listener.js reported it."""

    kind: str
    model: str | None = None  # the main view's model when it happened
    label: str | None = None  # a field's label, a button's text, a stage's name, a menu's name
    value: str | None = None  # what a field was set to
    field: str | None = None  # the technical name of the field set
    where: str | None = None  # "form", "dialog" or "line" for a field; "view" or "dialog" for a button
    list: str | None = None  # the lines' field (order_line) for a line's cell or an added line
    row: str | None = None  # the row a line's cell belongs to
    xmlid: str | None = None  # a menu's XML id
    name: str | None = None  # a button's method name
    text: str | None = None  # a searched text, the text of a record opened
    what: str | None = None  # for "other": what happened, in words
    secret: bool = False  # a password input was set: `value` is PASSWORD_PLACEHOLDER, never what was typed

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> Event:
        """An Event from the listener's JSON object; unknown keys are dropped, an unknown kind becomes "other".

        A field the listener flags `secret` gets the placeholder as its value, whatever value came with it."""
        known = {
            key: (None if value is None else str(value))
            for key, value in raw.items()
            if key in cls.__dataclass_fields__ and key != "secret"
        }
        if known.get("kind") not in KINDS:
            known = {"kind": "other", "what": f"did something the recorder does not know ({raw.get('kind')!r})"}
        elif raw.get("secret"):
            return cls(**{**known, "value": PASSWORD_PLACEHOLDER}, secret=True)
        return cls(**known)
