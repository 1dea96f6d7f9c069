"""The embedded default: given an Odoo source tree, run it on a private PostgreSQL for the suite."""

from __future__ import annotations

# The package's public names, for callers outside it; the submodules import from errors, never from here.
from odoo_uat.embedded.errors import EmbeddedError
from odoo_uat.embedded.runtime import OdooSource, detect_series
from odoo_uat.embedded.server import EmbeddedOdoo

__all__ = ["EmbeddedError", "EmbeddedOdoo", "OdooSource", "detect_series"]
