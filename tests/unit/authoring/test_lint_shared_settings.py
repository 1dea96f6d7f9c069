"""The feature lint refuses what would change settings every scenario running at once shares."""

from __future__ import annotations

import pytest

from odoo_uat.authoring import lint
from odoo_uat.authoring.i18n import REGISTERED

pytest_plugins = ["pytester"]

STEPS = '''
    """Settings, records and the web client, as the suite phrases them."""
    from pytest_bdd import given, when

    from odoo_uat.authoring.params import phrase


    @given(phrase('the setting "{setting:Label}" is on'))
    def _(setting):
        """Turn a setting on."""


    @given(phrase('the following "{model:Model}" records exist:'))
    def _(model, datatable):
        """Create records of any model."""


    @when(phrase('I open "{menu_path:MenuPath}"'))
    def _(menu_path):
        """Open a menu."""


    @when(phrase('I set "{field:Label}" to "{value:Text}"'))
    def _(field, value):
        """Set a field."""


    @when(phrase('I click "{button:Label}"'))
    def _(button):
        """Click a button."""


    @when("I save")
    def _():
        """Save the form."""
'''

FRENCH = """
[language]
gherkin = "fr"
name = "français"
odoo = "fr_FR"
given = "Étant donné"
when = "Quand"
then = "Alors"
and = "Et"

[[phrases]]
en = 'the setting "{setting:Label}" is on'
text = 'le paramètre "{setting:Label}" est activé'

[[phrases]]
en = 'the following "{model:Model}" records exist:'
text = 'les enregistrements "{model:Model}" suivants :'
"""

TRANSLATIONS = '''
    """Translations of the phrases."""
    from pathlib import Path

    from odoo_uat.authoring.step_registry import register_translations

    LANGUAGES = register_translations(Path(__file__).parent / "i18n", ["steps.settings"], globals())
'''


@pytest.fixture
def run_lint(pytester: pytest.Pytester, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """A project with the phrases above; returns the lint's problem lines for features/<name>.feature.

    Its French file replaces the real one in the process's registered languages: they are put back afterwards.
    """
    monkeypatch.setattr(REGISTERED, "languages", dict(REGISTERED.languages))
    pytester.makepyfile(**{"steps/__init__": "", "steps/settings": STEPS})
    pytester.makefile(".toml", pyproject="[tool.odoo-uat]\n")
    (pytester.path / "features" / "sales").mkdir(parents=True)

    def run(text: str, name: str = "sales/settings") -> list[str]:
        pytester.makefile(".feature", **{f"features/{name}": text})
        lint.main(["--root", str(pytester.path)])
        return capsys.readouterr().out.splitlines()[:-1]

    return run


def test_the_setting_phrase_passes(run_lint):
    assert (
        run_lint(
            """
            Feature: Prices
              Scenario: Price lists on
                Given the setting "Pricelists" is on
            """
        )
        == []
    )


@pytest.mark.parametrize("model", ["res.config.settings", "Config Settings", "settings", "sale.settings"])
def test_a_records_table_on_the_settings_model_is_refused_with_the_fix(run_lint, model):
    [problem] = run_lint(
        f"""
        Feature: Prices
          Scenario: Price lists on
            Given the following "{model}" records exist:
              | Pricelists |
              | yes        |
        """
    )
    assert problem == (
        f'features/sales/settings.feature:3: a records table on "{model}" saves every company setting at once, from '
        "a snapshot: in a parallel run it turns off what other scenarios turned on; use "
        '`Given the setting "<setting>" is on` (one per setting the scenario needs), which only turns it on'
    )


def test_a_records_table_on_system_parameters_is_refused(run_lint):
    [problem] = run_lint(
        """
        Feature: Prices
          Background:
            Given the following "System Parameter" records exist:
              | Key     | Value |
              | a.b.c   | 1     |

          Scenario: Parameters
            Given the setting "Pricelists" is on
        """
    )
    assert problem.startswith(
        'features/sales/settings.feature:3: a records table on "System Parameter" changes a system parameter '
        "every scenario running at once shares; set it up once on the database under test"
    )


def test_a_change_on_a_settings_screen_is_refused_once_per_visit(run_lint):
    problems = run_lint(
        """
        Feature: Prices
          Scenario: Price lists on by hand
            When I open "Sales / Configuration / Settings"
            And I set "Pricelists" to "yes"
            And I save
            When I open "Sales / Orders / Quotations"
            And I click "New"
        """
    )
    assert problems == [
        'features/sales/settings.feature:4: "And I set "Pricelists" to "yes"" changes the Settings screen opened '
        'with "Sales / Configuration / Settings", which every scenario running at once shares (its Save writes '
        'every setting); use `Given the setting "<setting>" is on` (one per setting the scenario needs), which only '
        "turns it on"
    ]


def test_only_looking_at_the_settings_screen_passes(run_lint):
    assert (
        run_lint(
            """
            Feature: Prices
              Scenario: Look
                When I open "Settings"
                When I open "Settings / Users & Companies / Users"
                And I click "New"
            """
        )
        == []
    )


def test_a_french_file_is_told_the_french_phrase(run_lint, pytester):
    pytester.makefile(".toml", **{"steps/i18n/fr": FRENCH})
    pytester.makepyfile(**{"steps/translations": TRANSLATIONS})
    [problem] = run_lint(
        """
        # language: fr
        Fonctionnalité: Prix
          Scénario: Listes de prix
            Étant donné les enregistrements "Paramètres de configuration" suivants :
              | Listes de prix |
              | oui            |
        """,
        "sales/prices_fr",
    )
    assert problem.endswith(
        'use `Étant donné le paramètre "<setting>" est activé` (one per setting the scenario '
        "needs), which only turns it on"
    )
    assert problem.startswith('features/sales/prices_fr.feature:4: a records table on "Paramètres de configuration"')


def test_settings_screen_paths_in_each_language():
    assert all(
        lint.is_settings_screen(path)
        for path in (
            "Settings",
            "Ventes / Configuration / Paramètres",
            "Lager / Konfiguration / Einstellungen",
            "Ventas / Configuración / Ajustes",
            "Verkoop / Configuratie / Instellingen",
        )
    )
    assert not lint.is_settings_screen("Settings / Users & Companies / Users")
