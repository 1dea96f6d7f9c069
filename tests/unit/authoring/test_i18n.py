"""Phrases in other languages: one file per language, stacked on the English phrases' step functions, checked at import."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat.authoring import catalog, lint, step_registry
from odoo_uat.authoring.i18n import TranslationError, read_languages
from odoo_uat.authoring.project import LintConfig
from odoo_uat.authoring.tables import table_rows
from odoo_uat.odoo.roles import Roles, RolesFileError

pytest_plugins = ["pytester"]

REPOSITORY = Path(__file__).resolve().parents[3]

STEPS = '''
    """Sales: quotations and orders."""
    from pytest_bdd import given, then, when

    from odoo_uat.authoring.params import phrase


    @when(phrase('I order {qty:Quantity} units of "{product:Name}"'))
    def _(qty, product):
        """Order a product.

        Example: When I order 3 units of "Desk"
        """


    @then(phrase('the status is "{status:Label}"'))
    def _(status):
        """The status.

        Example: Then the status is "Sales Order"
        """
'''


@pytest.fixture(autouse=True)
def keep_the_suite_s_languages():
    """A sample project's loader registers its own languages in-process: give the suite's back afterwards,
    or later tests in the same run (the French scenarios) would read the sample's columns."""
    from odoo_uat.authoring.i18n import REGISTERED
    from odoo_uat.values import DATE_LANGUAGES

    saved, dates = dict(REGISTERED.languages), dict(DATE_LANGUAGES)
    yield
    REGISTERED.languages.clear()
    REGISTERED.languages.update(saved)
    DATE_LANGUAGES.clear()
    DATE_LANGUAGES.update(dates)


LOADER = '''
    """Translations: the phrases in other languages."""
    from pathlib import Path

    from odoo_uat.authoring.step_registry import register_translations

    LANGUAGES = register_translations(Path(__file__).parent / "i18n", ["steps.sales"], globals())
'''

FRENCH = """\
[language]
gherkin = "fr"
name = "français"
odoo = "fr_FR"
given = "Étant donné"
when = "Quand"
then = "Alors"

[wordings]
Unites = ["unité", "unités"]

[columns]
"Nom" = "Name"

[[phrases]]
en = 'I order {qty:Quantity} units of "{product:Name}"'
text = 'je commande {qty:Quantity} {:Unites} de "{product:Name}"'

[[phrases]]
en = 'the status is "{status:Label}"'
text = 'le statut est "{status:Label}"'
example = 'Alors le statut est "Bon de commande"'
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project with one step module, a French language file and the loader."""
    pytester.makepyfile(**{"steps/__init__": "", "steps/sales": STEPS, "steps/translations": LOADER})
    (pytester.path / "steps" / "i18n").mkdir()
    (pytester.path / "steps" / "i18n" / "fr.toml").write_text(FRENCH, encoding="utf-8")
    return pytester


def french(definitions: list[step_registry.StepDef]) -> dict[str, step_registry.StepDef]:
    return {definition.phrase: definition for definition in definitions if definition.language == "fr"}


def test_a_translation_is_one_more_phrase_of_the_same_step_function(project) -> None:
    registry = step_registry.load(project.path)
    by_phrase = {definition.phrase: definition for definition in registry.steps}
    translated = by_phrase['je commande <qty> unité/unités de "<product>"']
    assert translated.func is by_phrase['I order <qty> units of "<product>"'].func
    assert translated.type == "when" and translated.keyword == "Quand"
    assert translated.parser.parse_arguments('je commande 2,5 unités de "Bureau"') == {
        "qty": 2.5,
        "product": "Bureau",
        "phrase_language": "fr_FR",
    }


def test_an_example_is_made_from_the_english_one_when_the_file_has_none(project) -> None:
    registry = step_registry.load(project.path)
    assert (
        french(registry.steps)['je commande <qty> unité/unités de "<product>"'].example
        == 'Quand je commande 3 unités de "Desk"'
    )
    assert french(registry.steps)['le statut est "<status>"'].example == 'Alors le statut est "Bon de commande"'


def test_a_translation_of_an_unknown_phrase_fails_naming_the_file_and_line(project) -> None:
    path = project.path / "steps" / "i18n" / "fr.toml"
    path.write_text(FRENCH.replace("I order {qty", "I orders {qty"), encoding="utf-8")
    registry = step_registry.load(project.path)
    [problem] = registry.import_errors
    assert f"{path}:16: no step has the English phrase" in problem.message
    assert "did you mean 'I order {qty:Quantity}" in problem.message


def test_a_translation_with_other_fields_fails_naming_the_file_and_line(tmp_path) -> None:
    (tmp_path / "fr.toml").write_text(
        FRENCH.replace('de "{product:Name}"\'', 'de "{produit:Name}"\''), encoding="utf-8"
    )
    [language] = read_languages(tmp_path)
    from odoo_uat.authoring.i18n import check_translation

    with pytest.raises(
        TranslationError,
        match=r"fr.toml:16: the translation .* must have the fields of the English "
        r"phrase .*\{qty:Quantity\}, \{product:Name\}; it has "
        r"\{qty:Quantity\}, \{produit:Name\}",
    ):
        check_translation(language.phrases[0], language)


def test_a_wording_may_not_take_the_name_of_a_type(tmp_path) -> None:
    (tmp_path / "nl.toml").write_text(FRENCH.replace("Unites =", "Records ="), encoding="utf-8")
    with pytest.raises(TranslationError, match="the wording Records has the name of a type"):
        read_languages(tmp_path)


def test_the_lint_reads_french_keywords_and_suggests_french_phrases(project) -> None:
    feature = project.path / "features" / "vente.feature"
    feature.parent.mkdir()
    feature.write_text(
        "# language: fr\nFonctionnalité: Vente\n  Scénario: Commander\n"
        '    Quand je commande 2 unités de "Bureau"\n'
        '    Alors le statu est "Bon de commande"\n',
        encoding="utf-8",
    )
    report = lint.lint([feature], project.path)
    [problem] = report.problems
    assert problem.line == 5
    assert 'closest known phrases: Alors le statut est "<status>"' in problem.message


def test_the_catalog_is_written_per_language_with_translated_headings(project) -> None:
    registry = step_registry.load(project.path)
    [language] = catalog.languages(registry).values()
    text = catalog.render(registry, LintConfig.load(project.path), language)
    assert catalog.catalog_path("fr") == Path("docs/steps.fr.md")
    assert '- **Quand** `je commande <qty> unité/unités de "<product>"`: Order a product.' in text
    assert "I order" not in text


def test_tables_take_translated_columns(project) -> None:
    step_registry.load(project.path)
    assert table_rows([["Nom"], ["Bureau"]], ["Name", "Email"]) == [{"Name": "Bureau"}]


def test_the_repository_s_language_catalogs_are_up_to_date() -> None:
    registry = step_registry.load(REPOSITORY)
    config = LintConfig.load(REPOSITORY)
    languages = catalog.languages(registry)
    assert {"fr", "es", "de", "nl"} <= set(languages)
    for language in languages.values():
        written = REPOSITORY / catalog.catalog_path(language.code)
        assert written.is_file() and written.read_text(encoding="utf-8") == catalog.render(
            registry, config, language
        ), catalog.OUT_OF_DATE_OTHER.format(path=catalog.catalog_path(language.code))


def test_every_generic_phrase_is_translated_in_each_language() -> None:
    registry = step_registry.load(REPOSITORY)
    generic = {"steps.ui_steps", "steps.check_steps", "steps.data_steps", "steps.records_steps", "steps.session_steps"}
    english = {
        definition.parser.name
        for definition in registry.steps
        if definition.module in generic and definition.language == "en"
    }
    for code in ("fr", "es", "de", "nl"):
        translated = {
            definition.parser.translation.english for definition in registry.steps if definition.language == code
        }
        assert english <= translated, f"{code}: not translated: {sorted(english - translated)}"


def test_a_role_may_have_a_language(tmp_path) -> None:
    path = tmp_path / "roles.toml"
    path.write_text('["Commercial"]\ngroups = []\nlanguage = "fr_FR"\n["Buyer"]\ngroups = []\n', encoding="utf-8")
    roles = Roles(path)
    assert roles["Commercial"].language == "fr_FR" and roles["Buyer"].language is None
    path.write_text('["Commercial"]\ngroups = []\nlanguage = "French"\n', encoding="utf-8")
    with pytest.raises(RolesFileError, match='language = "fr_FR"'):
        Roles(path)
