"""Company settings: turning on what a scenario needs, by the label the Settings screen shows."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

import allure
import pytest
from pytest_bdd import given

from odoo_uat.authoring.params import phrase
from odoo_uat.authoring.tables import table_rows
from odoo_uat.odoo.company_settings import CompanySettings, SettingChange
from odoo_uat.record_links import RecordLinks, link_record
from odoo_uat.report.speed_budget import SETTINGS_TURNED_ON, start_cost

SETTING_COLUMN = "Setting"
SETTINGS_SCREEN = "/odoo/settings"  # the Settings screen's URL (base_setup's action path "settings", 18.0 and 19.0)

log = logging.getLogger(__name__)


@given(phrase('the setting "{setting:Label}" is on'))
def _(
    setting: str,
    company_settings: CompanySettings,
    record_links: RecordLinks,
    request: pytest.FixtureRequest,
    phrase_language: str | None = None,
) -> None:
    """Turn on a company setting by its label on the Settings screen, as its Save does (nothing written when on).

    The label is the one the Settings screen shows, in the feature file's language or in English (its
    technical name works too). Settings are shared by every scenario running at once: they are only ever
    turned on, one save at a time. A setting that installs a module is refused: install the module for
    the run instead (and tag the scenario @requires_module:<module>).
    Example: Given the setting "Pricelists" is on
    """
    _turn_on([setting], company_settings, record_links, request, phrase_language)


@given("the settings are on:")
def _(
    datatable: list[list[str]],
    company_settings: CompanySettings,
    record_links: RecordLinks,
    request: pytest.FixtureRequest,
    phrase_language: str | None = None,
) -> None:
    """Turn on several company settings in one save of the Settings screen, one label per row (those off only).

    Columns: Setting.
    Example: Given the settings are on:
    """
    labels = [row[SETTING_COLUMN] for row in table_rows(datatable, [SETTING_COLUMN], required=[SETTING_COLUMN])]
    _turn_on(labels, company_settings, record_links, request, phrase_language)


def _turn_on(
    labels: Sequence[str],
    company_settings: CompanySettings,
    record_links: RecordLinks,
    request: pytest.FixtureRequest,
    language: str | None,
) -> None:
    """Turn the settings on and record each in the scenario's Allure result: a step, and a link to the screen.

    A save that turned one on is the database's start-up, paid by whichever scenario needs the setting first: its
    seconds are left out of the scenario's speed budget (odoo_uat/report/speed_budget.py)."""
    started = time.perf_counter()
    changes = company_settings.turn_on(labels, language)
    if any(change.written for change in changes):
        request.node.user_properties.extend(start_cost(SETTINGS_TURNED_ON, time.perf_counter() - started))
    for change in changes:
        with allure.step(_described(change)):
            log.info(_described(change))
        link_record(f"{record_links.url}{SETTINGS_SCREEN}", f'Setting "{change.label}" ({change.field})')


def _described(change: SettingChange) -> str:
    """What a change did, in words: turned on (with what came with it) or already on."""
    if not change.written:
        return f'Setting "{change.label}" ({change.field}) was already on: nothing written'
    with_it = f", with {', '.join(change.with_it)}" if change.with_it else ""
    return f'Setting "{change.label}" ({change.field}) turned on{with_it} (Settings saved as the administrator)'
