"""Record links: the Odoo records a scenario created or checked, linked from its Allure result."""

from __future__ import annotations

import allure

from odoo_uat.report.evidence import RECORD_LINK_TYPE


def link_record(url: str, name: str) -> None:
    """Link the running scenario to an Odoo record (e.g. "S00042"); the exit report lists them for failures."""
    allure.dynamic.link(url, link_type=RECORD_LINK_TYPE, name=name)


class RecordLinks:
    """Links the Odoo records a scenario created or checked from its Allure result."""

    def __init__(self, url: str) -> None:
        self.url = url

    def add(self, model: str, record_id: int, label: str) -> None:
        """Link this record (its URL on the server, /odoo/<model>/<id> on 18.0 and 19.0)."""
        link_record(f"{self.url}/odoo/{model}/{record_id}", label)
