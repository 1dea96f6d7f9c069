"""The link type of the records a scenario created or checked: written by odoo_uat/record_links.py, read here."""

from __future__ import annotations

RECORD_LINK_TYPE = "odoo-record"
