"""The embedded default: given an Odoo source tree, run it on a private PostgreSQL for the suite."""
from __future__ import annotations


class EmbeddedError(Exception):
    """The embedded Odoo cannot be prepared or started; the message says what to do."""


# Imported after EmbeddedError, which the submodules import from here.
from odoo_uat.embedded.runtime import OdooSource, detect_series  # noqa: E402
from odoo_uat.embedded.server import EmbeddedOdoo  # noqa: E402

__all__ = ["EmbeddedError", "EmbeddedOdoo", "OdooSource", "detect_series"]
