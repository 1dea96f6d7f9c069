"""What a translated file writes that used to be English-only: relative dates, product types, the records phrase's
model and field labels (read in the file's language)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from odoo_uat.authoring.i18n import PHRASE_LANGUAGE, REGISTERED, TranslationError, read_language
from odoo_uat.authoring.tables import TableError
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Records
from odoo_uat.values import DATE_LANGUAGES, ENGLISH_DATES, is_date, parse_date

ROOT = Path(__file__).resolve().parents[3]
LANGUAGES = ROOT / "steps" / "i18n"
TODAY = date(2026, 3, 10)


@pytest.fixture
def suite_languages(monkeypatch):
    """The suite's language files registered (tables, dates), given back as they were afterwards."""
    for path in sorted(LANGUAGES.glob("*.toml")):
        language = read_language(path)
        monkeypatch.setitem(REGISTERED.languages, language.code, language)
        monkeypatch.setitem(DATE_LANGUAGES, language.code, language.dates)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("today", 0),
        ("Tomorrow", 1),
        ("yesterday", -1),
        ("today + 3 days", 3),
        ("today - 2 weeks", -14),
        ("in 3 days", 3),
        ("in 1 week", 7),
        ("2 weeks ago", -14),
        ("aujourd'hui", 0),
        ("Aujourd’hui", 0),
        ("demain", 1),
        ("hier", -1),
        ("dans 3 jours", 3),
        ("aujourd'hui + 1 semaine", 7),
        ("il y a 2 semaines", -14),
        ("hoy", 0),
        ("mañana", 1),
        ("dentro de 3 días", 3),
        ("en 2 semanas", 14),
        ("hace 1 día", -1),
        ("heute", 0),
        ("morgen", 1),
        ("in 3 Tagen", 3),
        ("vor 2 Wochen", -14),
        ("heute + 1 Tag", 1),
        ("vandaag", 0),
        ("gisteren", -1),
        ("over 3 dagen", 3),
        ("2 weken geleden", -14),
    ],
)
def test_relative_dates_in_every_language(suite_languages, text, days):
    assert is_date(text)
    assert (parse_date(text, TODAY) - TODAY).days == days


def test_an_iso_date_and_time_still_read():
    assert parse_date("2026-12-31", TODAY) == date(2026, 12, 31)
    assert parse_date("2026-12-31 14:30", TODAY).hour == 14


def test_a_date_not_understood_names_the_forms_of_each_language(suite_languages):
    with pytest.raises(ValueError, match=r"dans 3 jours.*2026-12-31") as error:
        parse_date("dans trois jours", TODAY)
    assert "in 3 days" in str(error.value) and "over 3 dagen" in str(error.value)
    assert not is_date("the day after")


def test_english_examples_are_read_back():
    assert all(is_date(example) for example in ENGLISH_DATES.examples)


def test_a_dates_section_missing_a_word_or_a_form_without_count_names_the_file(tmp_path):
    head = (
        '[language]\ngherkin = "fr"\nname = "français"\nodoo = "fr_FR"\ngiven = "Soit"\nwhen = "Quand"\n'
        'then = "Alors"\n'
    )
    path = tmp_path / "fr.toml"
    path.write_text(head + '[dates]\ntoday = ["aujourd\'hui"]\n')
    with pytest.raises(TranslationError, match=r"fr\.toml:\d+: \[dates\] needs tomorrow"):
        read_language(path)
    path.write_text(
        head + '[dates]\ntoday = ["a"]\ntomorrow = ["b"]\nyesterday = ["c"]\nday = ["jour"]\n'
        'week = ["semaine"]\nahead = ["dans {count} jours"]\nago = ["il y a {count} {unit}"]\n'
    )
    with pytest.raises(TranslationError, match=r"must hold \{count\} and \{unit\}"):
        read_language(path)


@pytest.mark.parametrize(
    ("written", "traits"),
    [
        ("Goods", {}),
        ("Biens", {}),
        ("marchandises", {}),
        ("Service", {"service": True}),
        ("Servicio", {"service": True}),
        ("Dienstleistung", {"service": True}),
        ("Dienst", {"service": True}),
        ("Consommable", {"consumable": True}),
        ("Güter", {}),
    ],
)
def test_product_types_in_every_language(suite_languages, written, traits):
    from steps.data_steps import product_traits

    assert product_traits(written) == traits


def test_an_unknown_product_type_lists_the_translated_ones(suite_languages):
    from steps.data_steps import product_traits

    with pytest.raises(ValueError, match=r"'Kit' is unknown: use Goods, Service or Consumable \(or .*Biens"):
        product_traits("Kit")


# -- the records phrase in the file's language, against a fake of Odoo's metadata answers -------------------------

FIELDS = {
    "en_US": {
        "name": {"string": "Name", "type": "char"},
        "parent_id": {"string": "Parent Category", "type": "many2one", "relation": "product.category"},
        "property_cost_method": {
            "string": "Costing Method",
            "type": "selection",
            "selection": [["standard", "Standard Price"], ["average", "Average Cost (AVCO)"]],
        },
    },
    "fr_FR": {
        "name": {"string": "Nom", "type": "char"},
        "parent_id": {"string": "Catégorie parente", "type": "many2one", "relation": "product.category"},
        "property_cost_method": {
            "string": "Méthode de coût",
            "type": "selection",
            "selection": [["standard", "Prix standard"], ["average", "Coût moyen (AVCO)"]],
        },
    },
}
MODELS = [{"model": "product.category", "name": {"en_US": "Product Category", "fr_FR": "Catégorie de produits"}}]


class FakeModel:
    """An odoorpc model answering ir.model reads, fields_get and get_views in the language of its context."""

    def __init__(self, name: str, lang: str = "en_US") -> None:
        self.name, self.lang = name, lang

    def with_context(self, lang: str) -> FakeModel:
        return FakeModel(self.name, lang)

    def search_read(self, domain: list, fields: list[str], limit: int | None = None) -> list[dict[str, str]]:
        if self.name != "ir.model":
            return []  # no menus, no screens: the model is named by its description
        return [{"model": row["model"], "name": row["name"][self.lang]} for row in MODELS]

    def fields_get(self, attributes: list[str]) -> dict[str, dict[str, Any]]:
        return FIELDS[self.lang]

    def get_views(self, views: list, options: dict) -> dict[str, Any]:
        return {"views": {kind: {"arch": f"<{kind}/>"} for _, kind in views}, "models": {}}

    def name_search(self, name: str, args: list, operator: str, limit: int) -> list[tuple[int, str]]:
        return [(7, "All")] if name == "All" else []


class FakeOdoo:
    def __init__(self) -> None:
        self.env = defaultdict(
            lambda: FakeModel("other"), {name: FakeModel(name) for name in ("ir.model", "product.category")}
        )


class FakeSeed:
    def __init__(self) -> None:
        self.created: list[tuple[str, list[dict[str, Any]]]] = []

    def records(self, model: str, values: list[dict[str, Any]]) -> list[int]:
        self.created.append((model, values))
        return list(range(100, 100 + len(values)))


def seed_records(table: list[list[str]], model: str, language: str | None) -> tuple[FakeSeed, Records]:
    from steps.records_steps import _ as records_exist

    names, seed = ScenarioNames("r1"), FakeSeed()
    records = Records(FakeOdoo(), names, {})
    records_exist(model, table, names, records, seed, **({PHRASE_LANGUAGE: language} if language else {}))
    return seed, records


def test_a_french_model_description_and_french_labels_seed_records():
    table = [["Nom", "Catégorie parente", "Méthode de coût"], ["Palettes", "All", "Coût moyen (AVCO)"]]
    seed, records = seed_records(table, "Catégorie de produits", "fr_FR")
    assert seed.created == [
        ("product.category", [{"name": "Palettes r1", "parent_id": 7, "property_cost_method": "average"}])
    ]
    assert records.seeded[("product.category", "Palettes")] == 100


def test_english_labels_and_choices_still_work_in_a_french_file():
    table = [["Name", "Méthode de coût"], ["Palettes", "Average Cost (AVCO)"]]
    seed, _records = seed_records(table, "product.category", "fr_FR")
    assert seed.created[0][1] == [{"name": "Palettes r1", "property_cost_method": "average"}]


def test_an_english_file_reads_english_labels_only():
    with pytest.raises(TableError, match=r'no field "Nom"'):
        seed_records([["Nom"], ["Palettes"]], "Product Category", None)


def test_the_phrase_in_french_gives_the_step_its_language():
    from odoo_uat.authoring.i18n import TranslatedPhrase

    french = read_language(LANGUAGES / "fr.toml")
    translation = next(item for item in french.phrases if item.english.startswith('the following "{model'))
    parsed = TranslatedPhrase(translation, french).parse_arguments(
        'les enregistrements "Catégorie de produits" suivants :'
    )
    assert parsed == {"model": "Catégorie de produits", PHRASE_LANGUAGE: "fr_FR"}
