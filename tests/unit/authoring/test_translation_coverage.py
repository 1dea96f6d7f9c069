"""Every documented English phrase has its French one, each translation reads its own example, and the lint says,
per language, which phrases are not translated yet (failing only for a file that says it is complete)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from odoo_uat.authoring import coverage, lint, step_registry
from odoo_uat.authoring.i18n import TranslationError, read_languages
from odoo_uat.authoring.matching import StepMatcher

pytest_plugins = ["pytester"]

REPOSITORY = Path(__file__).resolve().parents[3]
LANGUAGES = ("fr", "es", "de", "nl")

STEPS = '''
    """Sales: quotations and orders."""
    from pytest_bdd import given, then, when

    from odoo_uat.authoring.params import phrase


    @when("I confirm the quotation")
    def _():
        """Confirm it.

        Example: When I confirm the quotation
        """


    @then(phrase('the status is "{status:Label}"'))
    def _(status):
        """The status.

        Example: Then the status is "Sales Order"
        """


    @given(phrase('a warehouse "{warehouse:Name}" that receives in {steps:ReceptionSteps}'))
    def _(warehouse, steps):
        """A warehouse.

        Example: Given a warehouse "North Depot" that receives in two steps
        """
'''

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
complete = false

[types.ReceptionSteps]
kind = "réception"

[types.ReceptionSteps.values]
"une étape" = "one step"
"deux étapes" = "two steps"

[[phrases]]
en = "I confirm the quotation"
text = "je confirme le devis"

[[phrases]]
en = 'a warehouse "{warehouse:Name}" that receives in {steps:ReceptionSteps}'
text = 'un entrepôt "{warehouse:Name}" qui reçoit en {steps:ReceptionSteps}'
example = 'Étant donné un entrepôt "Dépôt Nord" qui reçoit en deux étapes'
"""

FEATURE = """\
Feature: Quotes
  Scenario: Confirm
    When I confirm the quotation
    Then the status is "Sales Order"
"""


@pytest.fixture(autouse=True)
def keep_the_suite_s_languages():
    """A sample project's loader registers its own languages in-process: give the suite's back afterwards."""
    from odoo_uat.authoring.i18n import REGISTERED
    from odoo_uat.values import DATE_LANGUAGES

    saved, dates = dict(REGISTERED.languages), dict(DATE_LANGUAGES)
    yield
    REGISTERED.languages.clear()
    REGISTERED.languages.update(saved)
    DATE_LANGUAGES.clear()
    DATE_LANGUAGES.update(dates)


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project with one step module of three phrases, a French file translating two of them, and a feature."""
    pytester.makepyfile(**{"steps/__init__": "", "steps/sales": STEPS, "steps/translations": LOADER})
    (pytester.path / "steps" / "i18n").mkdir()
    (pytester.path / "steps" / "i18n" / "fr.toml").write_text(FRENCH, encoding="utf-8")
    pytester.makefile(".feature", **{"features/quote": FEATURE})
    return pytester


def run(project: pytest.Pytester, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    status = lint.main([*args, "--root", str(project.path)])
    return status, capsys.readouterr().out.splitlines()


def status_line(project: pytest.Pytester) -> int:
    """The line of the decorator of the untranslated phrase in the sample step module."""
    lines = (project.path / "steps" / "sales.py").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if "the status is" in line)


# --- The lint and its command line ---


def test_a_language_not_complete_is_counted_in_one_line_without_failing_the_lint(project, capsys) -> None:
    status, lines = run(project, capsys)
    assert status == 0
    assert lines == [
        "1 feature file(s), 1 scenario(s), 5 step definition(s): no problems. Translations of 3 English phrase(s): "
        "fr 1 missing (python -m odoo_uat.authoring.lint --missing-translations lists them)",
    ]


def test_missing_translations_lists_each_phrase_where_it_is_defined(project, capsys) -> None:
    status, lines = run(project, capsys, "--missing-translations")
    assert status == 0
    assert lines == [
        "fr (français, steps/i18n/fr.toml): 1 of 3 English phrase(s) not translated, every generic phrase translated",
        f'  steps/sales.py:{status_line(project)}: Then the status is "<status>"',
    ]


def test_a_complete_language_fails_the_lint_at_the_untranslated_phrase(project, capsys) -> None:
    french = project.path / "steps" / "i18n" / "fr.toml"
    french.write_text(FRENCH.replace("complete = false", "complete = true"), encoding="utf-8")
    report = lint.lint([project.path / "features"], project.path)
    [problem] = report.problems
    assert (problem.line, problem.code) == (status_line(project), "missing-translation")
    assert problem.path.endswith("steps/sales.py")
    assert problem.message.startswith(
        "the phrase 'the status is \"{status:Label}\"' has no français translation: add it to steps/i18n/fr.toml, "
        "which says complete = true"
    )
    status, lines = run(project, capsys, "--missing-translations")
    assert status == 1
    assert lines[0].startswith("fr (français, steps/i18n/fr.toml, complete = true): 1 of 3")


def test_a_complete_language_with_every_phrase_passes(project, capsys) -> None:
    french = project.path / "steps" / "i18n" / "fr.toml"
    french.write_text(
        FRENCH.replace("complete = false", "complete = true")
        + "\n[[phrases]]\nen = 'the status is \"{status:Label}\"'\ntext = 'le statut est \"{status:Label}\"'\n",
        encoding="utf-8",
    )
    assert run(project, capsys)[0] == 0
    status, lines = run(project, capsys, "--missing-translations")
    assert (status, lines) == (
        0,
        ["fr (français, steps/i18n/fr.toml, complete = true): all 3 English phrase(s) translated"],
    )


def test_missing_translations_as_json_and_for_one_language(project, capsys) -> None:
    status, lines = run(project, capsys, "--missing-translations", "--language", "fr", "--format", "json")
    [french] = json.loads("\n".join(lines))
    assert status == 0
    assert french["language"] == "fr" and french["complete"] is False and french["english_phrases"] == 3
    assert french["missing"] == [
        {
            "phrase": 'the status is "{status:Label}"',
            "path": "steps/sales.py",
            "line": status_line(project),
            "module": "steps.sales",
            "generic": False,
        }
    ]
    assert run(project, capsys, "--missing-translations", "--language", "de") == (
        0,
        ["no language files: no phrase is translated"],
    )


def test_language_alone_is_refused(project, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        lint.main(["--language", "fr", "--root", str(project.path)])
    assert exit_.value.code == 2
    assert "--language goes with --missing-translations" in capsys.readouterr().err


# --- A type of set wordings, worded in the language ---


def test_a_set_wording_is_written_in_the_language_and_gives_the_english_value(project) -> None:
    registry = step_registry.load(project.path)
    [warehouse] = [
        definition
        for definition in registry.steps
        if definition.language == "fr" and definition.phrase.startswith("un entrepôt")
    ]
    assert warehouse.parser.parse_arguments('un entrepôt "Dépôt Nord" qui reçoit en Deux étapes') == {
        "warehouse": "Dépôt Nord",
        "steps": "two_steps",
        "phrase_language": "fr_FR",
    }
    assert not warehouse.matches('un entrepôt "Dépôt Nord" qui reçoit en two steps')
    assert warehouse.params[1].kind == "réception"


def test_a_set_wording_standing_for_no_english_one_is_refused_naming_the_file(tmp_path) -> None:
    (tmp_path / "fr.toml").write_text(FRENCH.replace('= "two steps"', '= "two stages"'), encoding="utf-8")
    with pytest.raises(TranslationError, match=r"fr.toml:13: 'deux étapes' stands for 'two stages', which "):
        read_languages(tmp_path)


def test_a_type_with_an_unknown_key_or_a_complete_that_is_no_boolean_is_refused(tmp_path) -> None:
    path = tmp_path / "fr.toml"
    path.write_text(FRENCH.replace('kind = "réception"', 'kind = "réception"\nvaleurs = 1'), encoding="utf-8")
    with pytest.raises(TranslationError, match=r"\[types.ReceptionSteps\] has no key valeurs"):
        read_languages(tmp_path)
    path.write_text(FRENCH.replace("complete = false", 'complete = "oui"'), encoding="utf-8")
    with pytest.raises(TranslationError, match="complete must be true or false"):
        read_languages(tmp_path)


# --- The repository's own phrases ---


@pytest.fixture(scope="module")
def registry() -> step_registry.Registry:
    found = step_registry.load(REPOSITORY)
    assert not found.import_errors, found.import_errors
    return found


def test_every_documented_english_phrase_has_its_french_one(registry) -> None:
    [french] = coverage.coverage(registry, ["fr"])
    assert french.language.complete, "steps/i18n/fr.toml should say complete = true"
    assert not french.missing, "no French translation in steps/i18n/fr.toml for:\n" + "\n".join(
        f"  {definition.path}:{definition.line}: {definition.parser.name}" for definition in french.missing
    )


def test_every_language_translates_every_generic_phrase(registry) -> None:
    modules = {definition.module for definition in registry.steps}
    assert set(coverage.GENERIC_STEP_MODULES) <= modules, "a generic step module was renamed"
    found = {language.code: language for language in coverage.coverage(registry)}
    assert set(LANGUAGES) <= set(found)
    for code in LANGUAGES:
        assert not found[code].missing_generic, f"{code}: generic phrases not translated: " + ", ".join(
            definition.parser.name for definition in found[code].missing_generic
        )


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_translated_phrase_reads_its_own_example_and_no_other_step_does(registry, code) -> None:
    matcher = StepMatcher(registry)
    wrong = []
    for definition in registry.steps:
        if definition.language != code:
            continue
        if not definition.examples:
            wrong.append(f"{definition.phrase}: its example does not match it")
            continue
        text = definition.translated.strip_keyword(definition.examples[0])[1]
        found = matcher.matching(definition.type or "given", text)
        if [match.func for match in found] != [definition.func]:
            wrong.append(f"{definition.examples[0]}: matches {[match.display for match in found]}")
    assert not wrong, f"{code}:\n" + "\n".join(wrong)


def test_the_french_catalog_has_a_heading_for_every_step_module(registry) -> None:
    [french] = coverage.coverage(registry, ["fr"])
    modules = {definition.module for definition in registry.steps if definition.translated is None}
    missing = sorted(modules - set(french.language.areas))
    assert not missing, f"steps/i18n/fr.toml [areas] has no heading for: {', '.join(missing)}"


@pytest.mark.parametrize(
    ("header", "columns"),
    [
        (["Champ", "Valeur"], ["Field", "Value"]),
        (["Campo", "Valor"], ["Field", "Value"]),
        (["Feld", "Wert"], ["Field", "Value"]),
        (["Veld", "Waarde"], ["Field", "Value"]),
        (["Produit", "Quantité", "Prix unitaire"], ["Product", "Quantity", "Unit price"]),
        (["Produit", "Coût additionnel"], ["Product", "Additional cost"]),
        (["Nom", "Catégorie parente"], ["Name", "Parent"]),
    ],
)
def test_the_columns_of_the_translated_tables_are_known(registry, header, columns) -> None:
    from odoo_uat.authoring.tables import table_rows

    assert table_rows([header, ["a"] * len(header)], columns) == [dict.fromkeys(columns, "a")]
