"""Link conventions for evidence the exit report shows next to a failed scenario."""

from __future__ import annotations

import allure

RECORD_LINK_TYPE = "odoo-record"  # links to records a scenario created or checked


def link_record(url: str, name: str) -> None:
    """Link the running scenario to an Odoo record (e.g. "S00042"); the exit report lists them for failures."""
    allure.dynamic.link(url, link_type=RECORD_LINK_TYPE, name=name)
