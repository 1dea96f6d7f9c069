"""The guide per language is generated from docs/guide/<code>.md and the language file: it quotes only phrases that
exist, its keywords, dates and table values come from the same tables, and --check finds a stale one."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat.authoring import catalog, step_registry
from odoo_uat.authoring.catalog import GuideError, guide_path, guides, render_guide

REPOSITORY = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def registry() -> step_registry.Registry:
    return step_registry.load(REPOSITORY)


@pytest.fixture(scope="module")
def french(registry):
    return catalog.languages(registry)["fr"]


def test_placeholders_are_filled_from_the_language_file(tmp_path, registry, french):
    template = tmp_path / "fr.md"
    template.write_text(
        "`{{keyword.given}}`/`{{keyword.when}}`; {{dates}}; {{values.Type}}; {{column.Type}}\n"
        '```gherkin\n{{example:I save}}\n{{phrase:I open "{menu_path:MenuPath}"}}\n```\n'
    )
    text = render_guide(template, registry, french)
    assert "`Étant donné`/`Quand`" in text
    assert "`dans 3 jours`" in text and "`Biens` (Goods)" in text
    assert "Quand j'enregistre" in text and 'Quand j\'ouvre "<menu_path>"' in text
    assert text.startswith("<!-- Généré depuis")


def test_a_gherkin_block_quoting_no_phrase_stops_the_generation_naming_the_line(tmp_path, registry, french):
    template = tmp_path / "fr.md"
    template.write_text('# Guide\n\n```gherkin\nQuand j\'enregistre\nAlors le statu est "Terminé"\n```\n')
    with pytest.raises(GuideError, match=r"fr\.md:5: the guide quotes 'Alors le statu est \"Terminé\"'"):
        render_guide(template, registry, french)


def test_english_lines_tables_and_descriptions_of_a_gherkin_block_are_accepted(tmp_path, registry, french):
    template = tmp_path / "fr.md"
    template.write_text(
        "```gherkin\n# language: fr\nFonctionnalité: Achats\n  Une description.\n"
        '  Scénario: Un cas\n    When I save\n    Et que je suis connecté en tant que "Acheteur"\n'
        "      | Nom |\n```\n"
    )
    assert "When I save" in render_guide(template, registry, french)


@pytest.mark.parametrize(
    ("placeholder", "message"),
    [
        ("{{example:I dance}}", "translates no phrase 'I dance'"),
        ("{{keyword.sometimes}}", "no keyword 'sometimes'"),
        ("{{values.Colour}}", r"no \[values.Colour\] section"),
        ("{{weather}}", "unknown placeholder"),
    ],
)
def test_a_placeholder_the_language_cannot_fill_names_the_file_and_line(
    tmp_path, registry, french, placeholder, message
):
    template = tmp_path / "fr.md"
    template.write_text(f"Titre\n{placeholder}\n")
    with pytest.raises(GuideError, match=rf"fr\.md:2: .*{message}"):
        render_guide(template, registry, french)


def test_every_language_has_its_guide_generated_and_up_to_date(registry):
    rendered = guides(REPOSITORY, registry)
    assert {guide_path(code) for code in ("fr", "es", "de", "nl")} <= set(rendered)
    for path, text in rendered.items():
        assert (REPOSITORY / path).read_text(encoding="utf-8") == text, f"{path} is out of date: run make catalog"


def test_the_check_fails_on_a_stale_guide(tmp_path, registry, capsys, monkeypatch):
    stale = REPOSITORY / guide_path("fr")
    original = stale.read_text(encoding="utf-8")
    monkeypatch.setattr(catalog, "guides", lambda root, registry: {guide_path("fr"): original + "edited\n"})
    assert catalog.main(["--check", "--root", str(REPOSITORY)]) == 1
    assert "docs/writing-scenarios.fr.md is out of date: run make catalog" in capsys.readouterr().out
    assert stale.read_text(encoding="utf-8") == original
