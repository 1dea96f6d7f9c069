"""The error of the embedded default: a message that says what to do."""

from __future__ import annotations


class EmbeddedError(Exception):
    """The embedded Odoo cannot be prepared or started; the message says what to do."""
