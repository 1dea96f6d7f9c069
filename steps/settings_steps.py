"""Company settings: turning on what a scenario needs, by the label the Settings screen shows."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import allure
from pytest_bdd import given

from odoo_uat.authoring.params import phrase
from odoo_uat.authoring.tables import table_rows
from odoo_uat.odoo.company_settings import CompanySettings, SettingChange
from odoo_uat.record_links import RecordLinks, link_record

SETTING_COLUMN = "Setting"
SETTINGS_SCREEN = "/odoo/settings"  # the Settings screen's URL (base_setup's action path "settings", 18.0 and 19.0)

log = logging.getLogger(__name__)


@given(phrase('the setting "{setting:Label}" is on'))
def _(
    setting: str, company_settings: CompanySettings, record_links: RecordLinks, phrase_language: str | None = None
) -> None:
    """Turn on a company setting by its label on the Settings screen, as its Save does (nothing written when on).

    The label is the one the Settings screen shows, in the feature file's language or in English (its
    technical name works too). Settings are shared by every scenario running at once: they are only ever
    turned on, one save at a time. A setting that installs a module is refused: install the module for
    the run instead (and tag the scenario @requires_module:<module>).
    Example: Given the setting "Pricelists" is on
    """
    _turn_on([setting], company_settings, record_links, phrase_language)


@given("the settings are on:")
def _(
    datatable: list[list[str]],
    company_settings: CompanySettings,
    record_links: RecordLinks,
    phrase_language: str | None = None,
) -> None:
    """Turn on several company settings in one save of the Settings screen, one label per row (those off only).

    Columns: Setting.
    Example: Given the settings are on:
    """
    labels = [row[SETTING_COLUMN] for row in table_rows(datatable, [SETTING_COLUMN], required=[SETTING_COLUMN])]
    _turn_on(labels, company_settings, record_links, phrase_language)


def _turn_on(
    labels: Sequence[str], company_settings: CompanySettings, record_links: RecordLinks, language: str | None
) -> None:
    """Turn the settings on and record each in the scenario's Allure result: a step, and a link to the screen."""
    for change in company_settings.turn_on(labels, language):
        with allure.step(_described(change)):
            log.info(_described(change))
        link_record(f"{record_links.url}{SETTINGS_SCREEN}", f'Setting "{change.label}" ({change.field})')


def _described(change: SettingChange) -> str:
    """What a change did, in words: turned on (with what came with it) or already on."""
    if not change.written:
        return f'Setting "{change.label}" ({change.field}) was already on: nothing written'
    with_it = f", with {', '.join(change.with_it)}" if change.with_it else ""
    return f'Setting "{change.label}" ({change.field}) turned on{with_it} (Settings saved as the administrator)'
