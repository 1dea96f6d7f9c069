"""Which documented English phrases each language file translates, and which it does not yet.

Every English phrase of the step modules is documented (the catalog prints it); a language file
(steps/i18n/<code>.toml) translates some or all of them. A file whose [language] table says
`complete = true` must translate every one: the lint fails on a phrase left without a translation
there. For the other languages the lint only counts what is missing, and
`python -m odoo_uat.authoring.lint --missing-translations` lists it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from odoo_uat.authoring.i18n import Language
from odoo_uat.authoring.step_registry import Registry, StepDef

# The generic phrases: the web client, checks, lines, lists, searches, settings, data and who acts. Every language
# file translates at least these (tests/unit/authoring/test_translation_coverage.py).
GENERIC_STEP_MODULES = (
    "steps.ui_steps",
    "steps.check_steps",
    "steps.line_steps",
    "steps.list_steps",
    "steps.search_steps",
    "steps.settings_steps",
    "steps.data_steps",
    "steps.records_steps",
    "steps.session_steps",
)
LIST_COMMAND = "python -m odoo_uat.authoring.lint --missing-translations"


@dataclass(frozen=True)
class LanguageCoverage:
    """The documented English phrases of one language file: how many, and those it does not translate."""

    language: Language
    english: int  # documented English phrases
    missing: tuple[StepDef, ...]  # the English definitions with no translation in this language, in catalog order

    @property
    def code(self) -> str:
        """The Gherkin code of the language: fr."""
        return self.language.code

    @property
    def missing_generic(self) -> tuple[StepDef, ...]:
        """The missing phrases that are generic ones."""
        return tuple(definition for definition in self.missing if definition.module in GENERIC_STEP_MODULES)

    @property
    def failing(self) -> bool:
        """The file says it is complete, and a phrase lacks a translation (the lint fails)."""
        return self.language.complete and bool(self.missing)


def english_phrases(registry: Registry) -> dict[str, StepDef]:
    """Each documented English phrase, as written in its decorator, with its (first) definition."""
    found: dict[str, StepDef] = {}
    for definition in registry.steps:
        if definition.translated is None:
            found.setdefault(definition.parser.name, definition)
    return found


def translated_languages(registry: Registry) -> list[Language]:
    """The languages the registry has translated phrases in, in the order of their files."""
    languages: dict[str, Language] = {}
    for definition in registry.steps:
        if definition.translated is not None:
            languages.setdefault(definition.translated.code, definition.translated)
    return sorted(languages.values(), key=lambda language: language.path.name)


def coverage(registry: Registry, codes: Iterable[str] = ()) -> list[LanguageCoverage]:
    """The coverage of each language (only those of codes, when given)."""
    wanted = set(codes)
    english = english_phrases(registry)
    found = []
    for language in translated_languages(registry):
        if wanted and language.code not in wanted:
            continue
        translated = {
            definition.parser.translation.english
            for definition in registry.steps
            if definition.translated is not None and definition.translated.code == language.code
        }
        missing = tuple(definition for phrase, definition in english.items() if phrase not in translated)
        found.append(LanguageCoverage(language, len(english), missing))
    return found


def missing_message(definition: StepDef, language: Language, root: Path) -> str:
    """What the lint says of a phrase a complete language does not translate, and how to add it."""
    return (
        f"the phrase {definition.parser.name!r} has no {language.name} translation: add it to "
        f"{_relative(language.path, root)}, which says complete = true ([[phrases]] en = the phrase as above, "
        "text = its translation with the same {name:Type} fields, example = a full step line)"
    )


def summary_line(found: Sequence[LanguageCoverage]) -> str | None:
    """A sentence for the lint's summary line: each language, complete or how many phrases it lacks."""
    if not found:
        return None
    parts = []
    for language in found:
        if not language.missing:
            parts.append(f"{language.code} complete")
            continue
        generic = len(language.missing_generic)
        parts.append(
            f"{language.code} {len(language.missing)} missing"
            + (f" ({generic} generic)" if generic else "")
            + (" (complete = true: fails)" if language.language.complete else "")
        )
    return f"Translations of {found[0].english} English phrase(s): {', '.join(parts)} ({LIST_COMMAND} lists them)"


def report_lines(found: Sequence[LanguageCoverage], root: Path) -> list[str]:
    """The --missing-translations report: per language, a heading line and one line per missing phrase."""
    lines = []
    for language in found:
        where = _relative(language.language.path, root)
        complete = ", complete = true" if language.language.complete else ""
        head = f"{language.code} ({language.language.name}, {where}{complete}): "
        if not language.missing:
            lines.append(head + f"all {language.english} English phrase(s) translated")
            continue
        generic = len(language.missing_generic)
        lines.append(
            head
            + f"{len(language.missing)} of {language.english} English phrase(s) not translated"
            + (f", {generic} of them generic" if generic else ", every generic phrase translated")
        )
        lines += [f"  {definition.path}:{definition.line}: {definition.display}" for definition in language.missing]
    return lines


def report_json(found: Sequence[LanguageCoverage], root: Path) -> list[dict[str, object]]:
    """The --missing-translations report as data."""
    return [
        {
            "language": language.code,
            "name": language.language.name,
            "file": str(_relative(language.language.path, root)),
            "complete": language.language.complete,
            "english_phrases": language.english,
            "missing": [
                {
                    "phrase": definition.parser.name,
                    "path": str(definition.path),
                    "line": definition.line,
                    "module": definition.module,
                    "generic": definition.module in GENERIC_STEP_MODULES,
                }
                for definition in language.missing
            ],
        }
        for language in found
    ]


def _relative(path: Path, root: Path) -> Path:
    resolved, base = path.resolve(), root.resolve()
    return resolved.relative_to(base) if resolved.is_relative_to(base) else resolved
