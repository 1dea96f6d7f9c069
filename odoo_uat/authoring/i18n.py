"""Phrases in the super user's language: one file per language (steps/i18n/<code>.toml), each translation on the
same step function as its English phrase.

A language file says which Gherkin language (`# language: fr`) and Odoo language (`fr_FR`) it is for, gives
each English phrase (exactly as registered) its translation with the same `{name:Type}` fields, and may add
wordings of its own (French "unité/unités"), the parameter descriptions (and, for a type taking a few set
wordings, its wordings in that language: "deux étapes" for "two steps"), the areas' headings, table columns
and the catalog's sentences in that language. `step_registry.register_translations(...)` stacks one more
pytest-bdd parser on each step function whose English phrase is translated; a translation of an unknown phrase,
or with other fields, stops the import naming the file and line.

`complete = true` in its [language] table says every documented English phrase must have a translation in the
file: the lint then fails on each phrase left without one (odoo_uat/authoring/coverage.py).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import parse
from gherkin.dialect import Dialect
from pytest_bdd import parsers

from odoo_uat.authoring.params import EXTRA_TYPES, TYPES, ParamType, fields, wording
from odoo_uat.values import DateWords, register_date_words

ENGLISH = "en"
LANGUAGE_FILES = "*.toml"
TYPE_KEYS = ("kind", "looks_like", "example", "values")
STEP_TYPES = ("given", "when", "then")
NUMBER = re.compile(r"-?\d[\d,.]*")
# A step function may take this argument (with a default of None): the Odoo language (fr_FR) of the phrase as the
# scenario wrote it, None for English; e.g. to read Odoo's field labels in the language the table is written in.
PHRASE_LANGUAGE = "phrase_language"
DATE_KEYS = ("today", "tomorrow", "yesterday", "day", "week", "ahead", "ago")
DATE_FORM_FIELDS = ("{count}", "{unit}")


class TranslationError(ValueError):
    """A language file translates a phrase that does not exist, or changes its fields, or cannot be read."""


@dataclass(frozen=True)
class PhraseTranslation:
    """One English phrase and its translation, with the file line where it is written."""

    english: str
    text: str
    line: int
    example: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Language:
    """What one language file holds."""

    code: str  # Gherkin's language code, as in `# language: fr`
    name: str  # the language's own name: "français"
    odoo: str  # Odoo's language code: fr_FR
    path: Path
    keywords: Mapping[str, str]  # given/when/then/and -> the keyword used in examples
    wordings: Mapping[str, ParamType]
    types: Mapping[str, ParamType]  # English type name -> the type described in this language
    phrases: tuple[PhraseTranslation, ...]
    areas: Mapping[str, str]  # step module -> its area's heading in this language
    columns: Mapping[str, str]  # a table column in this language -> the English column
    text: Mapping[str, str]  # the catalog's sentences, by key
    dates: DateWords | None = None  # how relative dates are written: aujourd'hui, demain, dans 3 jours
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # English column -> {value here: English}
    guide: Mapping[str, str] = field(default_factory=dict)  # the guide's texts, by key (docs/guide/<code>.md)
    complete: bool = False  # every documented English phrase must be translated here (the lint says which are not)

    @property
    def extra_types(self) -> dict[str, Callable[[str], object]]:
        """The grammar's converters, those of the types this language words its own way, and its wordings."""
        return {
            **EXTRA_TYPES,
            **{name: param.converter() for name, param in self.types.items() if param.pattern != TYPES[name].pattern},
            **{name: param.converter() for name, param in self.wordings.items()},
        }

    @property
    def all_types(self) -> dict[str, ParamType]:
        """The grammar's types plus this language's wordings, by the name a phrase writes."""
        return {**TYPES, **self.wordings}

    def keyword(self, step_type: str | None) -> str:
        """The keyword an example line of this step type starts with."""
        if step_type is None:
            return "/".join(self.keywords[kind] for kind in STEP_TYPES)
        return self.keywords[step_type]

    def sentence(self, key: str, default: str) -> str:
        """A catalog sentence in this language, the English one when the file has none."""
        return self.text.get(key, default)

    def strip_keyword(self, line: str) -> tuple[str | None, str]:
        """('Quand', 'the rest') for a step line in this language, (None, line) without a keyword."""
        dialect = Dialect.for_name(self.code)
        keywords = [
            *dialect.given_keywords,
            *dialect.when_keywords,
            *dialect.then_keywords,
            *dialect.and_keywords,
            *dialect.but_keywords,
        ]
        for keyword in sorted({keyword for keyword in keywords if keyword.strip() != "*"}, key=len, reverse=True):
            if line.startswith(keyword):
                return keyword.strip(), line[len(keyword) :].strip()
        return None, line.strip()


class TranslatedPhrase(parsers.cfparse):
    """The parser of a translated phrase: a cfparse knowing its language, its English phrase and its example."""

    def __init__(self, translation: PhraseTranslation, language: Language) -> None:
        super().__init__(translation.text, extra_types=language.extra_types)
        self.language = language
        self.translation = translation

    def parse_arguments(self, name: str) -> dict[str, Any]:
        """The phrase's values, and its language for a step function that takes PHRASE_LANGUAGE."""
        return {**super().parse_arguments(name), PHRASE_LANGUAGE: self.language.odoo}


def _line_of(lines: list[str], text: str, start: int = 0) -> int:
    """The 1-based line of the file where text is written (the line of its table when not found)."""
    needles = [text, text.replace('"', '\\"')]
    for index in range(start, len(lines)):
        if any(needle in lines[index] for needle in needles):
            return index + 1
    return start + 1


def read_language(path: Path) -> Language:
    """A language file, checked for its own shape (not yet against the step functions)."""
    raw = path.read_text(encoding="utf-8")
    try:
        table = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise TranslationError(f"{path}: not valid TOML: {error}") from None
    lines = raw.splitlines()
    head = table.get("language", {})
    missing = [key for key in ("gherkin", "name", "odoo", "given", "when", "then") if key not in head]
    if missing:
        raise TranslationError(
            f'{path}:1: [language] needs {", ".join(missing)} (e.g. gherkin = "fr", '
            'name = "français", odoo = "fr_FR", given = "Étant donné", when = "Quand", '
            'then = "Alors")'
        )
    code = str(head["gherkin"])
    if Dialect.for_name(code) is None:
        raise TranslationError(f"{path}:{_line_of(lines, 'gherkin')}: Gherkin has no language {code!r}")
    wordings = {}
    for name, words in table.get("wordings", {}).items():
        if name in TYPES:
            raise TranslationError(
                f"{path}:{_line_of(lines, name)}: the wording {name} has the name of a type of "
                "the grammar; give it another name (e.g. with the language's word)"
            )
        wordings[name] = wording(name, *words)
    types = {}
    for name, described in table.get("types", {}).items():
        if name not in TYPES:
            raise TranslationError(
                f"{path}:{_line_of(lines, f'[types.{name}]')}: [types.{name}] describes no "
                f"type of the grammar; the types are {', '.join(TYPES)}"
            )
        english = TYPES[name]
        unknown_keys = sorted(set(described) - set(TYPE_KEYS))
        if unknown_keys:
            raise TranslationError(
                f"{path}:{_line_of(lines, f'[types.{name}]')}: [types.{name}] has no key "
                f"{', '.join(unknown_keys)}; its keys are {', '.join(TYPE_KEYS)}"
            )
        if "values" in described:
            where = f"{path}:{_line_of(lines, f'[types.{name}.values]')}"
            types[name] = translated_choice(english, described, where)
            continue
        types[name] = ParamType(
            english.name,
            described.get("kind", english.kind),
            described.get("looks_like", english.looks_like),
            described.get("example", english.example),
            english.pattern,
            english.convert,
            english.shown,
        )
    phrases, cursor = [], 0
    for entry in table.get("phrases", []):
        if "en" not in entry or "text" not in entry:
            raise TranslationError(
                f"{path}:{cursor + 1}: each [[phrases]] needs en = the English phrase and text = its translation"
            )
        cursor = _line_of(lines, entry["en"], cursor)
        phrases.append(
            PhraseTranslation(entry["en"], entry["text"], cursor, entry.get("example"), entry.get("description"))
        )
    keywords = {kind: str(head[kind]) for kind in STEP_TYPES}
    keywords["and"] = str(head.get("and", keywords["given"]))
    values = {
        str(column): {str(here): str(english) for here, english in mapping.items()}
        for column, mapping in table.get("values", {}).items()
    }
    return Language(
        code,
        str(head["name"]),
        str(head["odoo"]),
        path,
        keywords,
        wordings,
        types,
        tuple(phrases),
        dict(table.get("areas", {})),
        dict(table.get("columns", {})),
        dict(table.get("catalog", {})),
        read_dates(table.get("dates"), path, lines),
        values,
        dict(table.get("guide", {})),
        _complete(head.get("complete", False), path, lines),
    )


def _complete(value: object, path: Path, lines: list[str]) -> bool:
    """The [language] table's `complete`: true or false."""
    if not isinstance(value, bool):
        raise TranslationError(
            f"{path}:{_line_of(lines, 'complete')}: [language] complete must be true or false, not {value!r}"
        )
    return value


def translated_choice(english: ParamType, described: Mapping[str, Any], where: str) -> ParamType:
    """A type taking a few set wordings (ReceptionSteps, SplitMethod...), worded in a language: each wording of
    the language's [types.<Type>.values] stands for a wording of the English type and gives the step its value."""
    values = described["values"]
    if not isinstance(values, Mapping) or not values:
        raise TranslationError(f"{where}: [types.{english.name}.values] maps each wording here to an English one")
    pattern = re.compile(english.pattern, re.IGNORECASE)
    converted: dict[str, object] = {}
    for here, there in values.items():
        if not isinstance(there, str) or not pattern.fullmatch(there.strip()):
            raise TranslationError(
                f"{where}: {here!r} stands for {there!r}, which {english.name} does not take; "
                f"{english.name} takes {english.looks_like}"
            )
        converted[here.strip().casefold()] = english.convert(there.strip())
    alternatives = "|".join(re.escape(here.strip()) for here in sorted(values, key=len, reverse=True))

    def convert(text: str) -> object:
        return converted[text.strip().casefold()]

    listed = ", ".join(f'"{here}"' for here in values)
    return ParamType(
        english.name,
        str(described.get("kind", english.kind)),
        str(described.get("looks_like", listed)),
        str(described.get("example", next(iter(values)))),
        f"(?:{alternatives})",
        convert,
    )


def read_dates(table: Mapping[str, Any] | None, path: Path, lines: list[str]) -> DateWords | None:
    """The [dates] section of a language file: its words for relative dates, each a list of strings."""
    if table is None:
        return None
    where = f"{path}:{_line_of(lines, '[dates]')}"
    missing = [key for key in DATE_KEYS if key not in table]
    if missing:
        raise TranslationError(
            f'{where}: [dates] needs {", ".join(missing)} (e.g. today = ["aujourd\'hui"], '
            'day = ["jour", "jours"], ahead = ["dans {count} {unit}"], '
            'ago = ["il y a {count} {unit}"])'
        )
    words = {}
    for key in DATE_KEYS:
        value = table[key]
        if not isinstance(value, list) or not value or not all(isinstance(word, str) and word for word in value):
            raise TranslationError(f'{where}: [dates] {key} must be a list of words, e.g. {key} = ["..."]')
        words[key] = tuple(value)
    for key in ("ahead", "ago"):
        for form in words[key]:
            if not all(marker in form for marker in DATE_FORM_FIELDS):
                raise TranslationError(
                    f"{where}: [dates] {key} form {form!r} must hold {{count}} and {{unit}}, "
                    'e.g. "dans {count} {unit}"'
                )
    return DateWords(**words)


def read_languages(directory: Path) -> list[Language]:
    """Every language file of a folder, by Gherkin code."""
    return [read_language(path) for path in sorted(directory.glob(LANGUAGE_FILES))]


def named_fields(text: str, types: Mapping[str, ParamType]) -> dict[str, str]:
    """The named fields of a phrase: name -> type name (wordings have no name and give the step nothing)."""
    return {found.name: found.spec for _literal, found in fields(text, types) if found is not None and found.name}


def check_translation(translation: PhraseTranslation, language: Language) -> None:
    """The translation has the English phrase's named fields, each with a type this language knows."""
    where = f"{language.path}:{translation.line}"
    types = language.all_types
    unknown = [found for _literal, found in fields(translation.text, types) if found is not None and found.type is None]
    if unknown:
        spec = unknown[0].spec
        raise TranslationError(
            f"{where}: the translation {translation.text!r} has the field "
            f"{{{unknown[0].name}:{spec}}} of no known type; the types are "
            f"{', '.join(types)} (wordings of this language in [wordings])"
        )
    english, translated = named_fields(translation.english, TYPES), named_fields(translation.text, types)
    if english != translated:
        raise TranslationError(
            f"{where}: the translation {translation.text!r} must have the fields of the English phrase "
            f"{translation.english!r}: {_listed(english)}; it has {_listed(translated)}"
        )


def _listed(found: Mapping[str, str]) -> str:
    return ", ".join(f"{{{name}:{spec}}}" for name, spec in found.items()) or "none"


def example_for(
    translation: PhraseTranslation, language: Language, english_example: str | None, step_type: str | None
) -> str:
    """A full example line: the file's own, else the English example's values put into the translated phrase."""
    if translation.example:
        return translation.example
    keyword = language.keyword(step_type or "given")
    values: dict[str, str] = {}
    english_words: list[str] = []
    if english_example:
        raw = parse.compile(_raw_format(translation.english))
        found = raw.parse(english_example)
        if found is not None:
            values = {name: str(value) for name, value in found.named.items()}
            english_words = [str(value) for value in found.fixed]
    parts = []
    unnamed = 0
    for literal, found in fields(translation.text, language.all_types):
        parts.append(literal)
        if found is None:
            continue
        if found.name:
            parts.append(values.get(found.name, f"<{found.name}>"))
        elif found.type is not None:
            forms = found.type.shown.split("/") if found.type.shown else [found.type.example]
            english_type = _unnamed_types(translation.english)
            # The English example's form of the same wording, else the plural when the example counts more than one.
            index = int(any(NUMBER.fullmatch(value) and value != "1" for value in values.values()))
            if unnamed < len(english_words) and unnamed < len(english_type):
                english_forms = (english_type[unnamed].shown or "").split("/")
                word = english_words[unnamed].strip().casefold()
                index = next((i for i, form in enumerate(english_forms) if form.casefold() == word), index)
            parts.append(forms[min(index, len(forms) - 1)])
            unnamed += 1
    return f"{keyword} {''.join(parts)}"


def _raw_format(text: str) -> str:
    """The phrase with its fields untyped, to read the values of an English example as written."""
    parts = []
    for literal, found in fields(text, TYPES):
        parts.append(literal.replace("{", "{{").replace("}", "}}"))
        if found is not None:
            parts.append(f"{{{found.name}}}" if found.name else "{}")
    return "".join(parts)


def _unnamed_types(text: str) -> list[ParamType]:
    """The wordings of an English phrase, in order."""
    return [
        found.type
        for _literal, found in fields(text, TYPES)
        if found is not None and not found.name and found.type is not None
    ]


@dataclass
class Translations:
    """The languages registered in this process: what the lint, the catalog and the tables ask."""

    languages: dict[str, Language] = field(default_factory=dict)

    def column(self, name: str) -> str | None:
        """The English column a translated table column stands for (any registered language), or None."""
        folded = name.strip().casefold()
        for language in self.languages.values():
            for translated, english in language.columns.items():
                if translated.casefold() == folded:
                    return english
        return None

    def value(self, column: str, text: str) -> str:
        """The English value a table cell of this (English) column stands for in any registered language, or text."""
        folded = text.strip().casefold()
        for language in self.languages.values():
            for here, english in language.values.get(column, {}).items():
                if here.casefold() == folded:
                    return english
        return text

    def values_of(self, column: str) -> dict[str, str]:
        """Value written in a registered language -> English value, for the cells of this (English) column."""
        return {
            here: english
            for language in self.languages.values()
            for here, english in language.values.get(column, {}).items()
        }

    def columns_of(self, english: Iterable[str]) -> dict[str, str]:
        """Translated column -> English column, for the English columns given."""
        wanted = {name.casefold() for name in english}
        return {
            translated: column
            for language in self.languages.values()
            for translated, column in language.columns.items()
            if column.casefold() in wanted
        }

    def add(self, language: Language) -> None:
        """Count a language from now on: its columns, its values and its words for relative dates."""
        self.languages[language.code] = language
        if language.dates is not None:
            register_date_words(language.code, language.dates)


REGISTERED = Translations()
