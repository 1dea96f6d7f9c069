"""Generate docs/steps.md, the phrase book of the steps (and docs/steps.<language>.md for each language file of
steps/i18n/), and enforce the step modules' docstring convention."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pytest_bdd.scenario import STEP_ARGUMENTS_RESERVED_NAMES

from odoo_uat.authoring import params, step_registry
from odoo_uat.authoring.i18n import ENGLISH, Language
from odoo_uat.authoring.project import (
    BUILTIN_TAGS,
    PROCESS_AREA_MEANING,
    LintConfig,
    add_root_option,
    root_of,
)
from odoo_uat.authoring.step_registry import (
    COLUMNS_PREFIX,
    EXAMPLE_PREFIX,
    STEPS_PACKAGE,
    ModuleProblem,
    Registry,
    StepDef,
)

CATALOG = Path("docs/steps.md")
GUIDE_TEMPLATES = Path("docs/guide")  # docs/guide/<code>.md: a language's guide, with {{...}} placeholders
GUIDE = Path("docs/writing-scenarios.md")
# {{keyword.when}}, {{example:I save}}, {{phrase:I save}}, {{dates}}, {{values.Type}}, {{columns}}, {{catalog}}...
PLACEHOLDER = re.compile(r"\{\{\s*(?P<name>[\w.]+)\s*(?::\s*(?P<argument>.*?))?\s*\}\}(?!\})")
GHERKIN_FENCE = "```gherkin"
OUT_OF_DATE = f"{CATALOG} is out of date: run make catalog"
OUT_OF_DATE_OTHER = "{path} is out of date: run make catalog"
STEP_FUNCTION_NAME = "_"  # pytest-bdd's recommendation: the phrase is the name
KEYWORD_ORDER = {"given": 0, "when": 1, "then": 2, None: 3}

CONVENTION = f"""\
  - the module docstring's first line names the business area, e.g. "Sales: quotations and orders.";
  - step functions are named {STEP_FUNCTION_NAME}, decorated with @given/@when/@then and a plain string or
    phrase('... {{quantity:Quantity}} ...') from odoo_uat/authoring/params.py, every parameter typed by its grammar;
  - each step function's docstring first line says what it does; a line '{EXAMPLE_PREFIX} <one full step line>'
    gives an example matching the phrase; a step taking `datatable` may name its columns: '{COLUMNS_PREFIX} a, b'."""

HEADER = """\
# Step catalog

<!-- Generated from the step modules in {steps}/ by `make catalog` (python -m odoo_uat.authoring.catalog): do not edit. -->

The phrases scenarios can use, by business area. Start each step with its keyword (`Given`, `When`, `Then`);
`And` and `But` continue the keyword of the step above them. Write a phrase exactly as shown and replace each
`<parameter>` by a value of the kind listed (quotes shown in a phrase are part of it).
"""


def code(text: str) -> str:
    """text as a Markdown code span, even when it holds backticks."""
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def catalog_path(language: str = ENGLISH) -> Path:
    """docs/steps.md for English, docs/steps.<code>.md for another language."""
    return CATALOG if language == ENGLISH else CATALOG.with_suffix(f".{language}.md")


def languages(registry: Registry) -> dict[str, Language]:
    """The languages the registry has translated phrases in, by Gherkin code."""
    return {
        definition.translated.code: definition.translated
        for definition in registry.steps
        if definition.translated is not None
    }


def render(registry: Registry, config: LintConfig, language: Language | None = None) -> str:
    """The whole of docs/steps.md, or of docs/steps.<code>.md for a language."""
    code_ = language.code if language is not None else ENGLISH
    if language is None:
        parts = [HEADER.format(steps=STEPS_PACKAGE), render_tags(config), render_types()]
    else:
        parts = [render_language_header(language), render_language_tags(language), render_types(language)]
    areas: dict[str, list[StepDef]] = {}
    for definition in registry.steps:
        if definition.language == code_:
            heading = language.areas.get(definition.module, definition.area) if language else definition.area
            areas.setdefault(heading, []).append(definition)
    if not areas:
        parts.append(f"No step definitions yet: the modules in {STEPS_PACKAGE}/ define none.\n")
    sentence = sentences(language)
    for area, definitions in areas.items():
        modules = ", ".join(code(str(path)) for path in dict.fromkeys(definition.path for definition in definitions))
        lines = [f"## {area}", "", f"{sentence('defined_in', 'Defined in')} {modules}.", ""]
        for definition in sorted(definitions, key=lambda definition: KEYWORD_ORDER[definition.type]):
            lines += render_step(definition)
        parts.append("\n".join(lines))
    return "\n".join(parts)


def sentences(language: Language | None) -> Callable[[str, str], str]:
    """The catalog's sentence lookup in a language: (key, English sentence) -> the sentence to write."""
    return language.sentence if language is not None else (lambda _key, default: default)


def render_language_header(language: Language) -> str:
    """Title, generated-file notice and introduction of a language's catalog."""
    title = language.sentence("title", f"Step catalog ({language.name})")
    notice = language.sentence(
        "generated", f"Generated from {STEPS_PACKAGE}/ and {language.path.name} by `make catalog`: do not edit."
    )
    intro = language.sentence(
        "intro", f"The phrases a feature file starting with `# language: {language.code}` can use."
    )
    return f"# {title}\n\n<!-- {notice} -->\n\n{intro}\n"


def render_language_tags(language: Language) -> str:
    """The tags section of a language's catalog: the tags are the same in every language."""
    return (
        f"## {language.sentence('tags', 'Tags')}\n\n"
        f"{language.sentence('tags_intro', 'Tags are written as in the English catalog (steps.md).')}\n"
    )


def render_tags(config: LintConfig) -> str:
    """The tags a scenario may carry, grouped by meaning."""
    meanings: dict[str, list[str]] = {}
    for form, meaning in BUILTIN_TAGS:
        meanings.setdefault(meaning, []).append(form.form)
    features = (
        config.features_dir.relative_to(config.root)
        if config.features_dir.is_relative_to(config.root)
        else config.features_dir
    )
    meanings[PROCESS_AREA_MEANING.format(features=features)] = ["<process area>"]
    if config.extra_tags:
        meanings["listed in [tool.odoo-uat] tags of pyproject.toml"] = list(config.extra_tags)
    lines = ["## Tags", "", "Put tags on the line above `Feature:`, `Rule:`, `Scenario:` or `Examples:`.", ""]
    lines += [
        f"- {', '.join(code('@' + form.lstrip('@')) for form in forms)}: {meaning}"
        for meaning, forms in meanings.items()
    ]
    return "\n".join(lines) + "\n"


def render_types(language: Language | None = None) -> str:
    """The parameter types of the grammar: what a value of each looks like, with an example (in a language)."""
    sentence = sentences(language)
    intro = sentence(
        "parameters_intro",
        "What to write for each kind of `<parameter>` (quotes around a name are part of the phrase).",
    )
    lines = [f"## {sentence('parameters', 'Parameters')}", "", intro, ""]
    described = [language.types.get(name, param) if language else param for name, param in params.TYPES.items()]
    lines += [
        f"- **{param.kind}**: {param.looks_like}; {sentence('for_example', 'e.g.')} {code(param.example)}"
        for param in described
        if param.shown is None
    ]
    return "\n".join(lines) + "\n"


def render_step(definition: StepDef) -> list[str]:
    """The list entry of one phrase: keyword and phrase, description, parameters, table, example."""
    language = definition.translated
    sentence = sentences(language)
    lines = [
        f"- **{definition.keyword}** {code(definition.phrase)}"
        + (f": {definition.description}" if definition.description else "")
    ]
    if definition.params:
        lines.append(
            f"  - {sentence('parameters_line', 'parameters')}: "
            + ", ".join(f"{code('<' + param.name + '>')} {param.kind}" for param in definition.params)
        )
    columns_shown = [_column(column, language) for column in definition.columns]
    if definition.datatable:
        columns = ", ".join(code(column) for column in columns_shown)
        takes = (
            sentence("takes_optional_table", "takes an optional table")
            if definition.datatable == "optional"
            else sentence("takes_table", "takes a table")
        )
        lines.append(f"  - {takes}" + (f" {sentence('with_columns', 'with the columns')} {columns}" if columns else ""))
    if definition.docstring:
        article = "an optional" if definition.docstring == "optional" else "a"
        lines.append(f"  - {sentence('takes_text', f'takes {article} text block between `{chr(34) * 3}` lines')}")
    example = code(definition.example)
    if definition.columns:
        header = " | ".join(step_registry.column_name(column) for column in columns_shown)
        example += f" {sentence('followed_by_table', 'followed by a table whose first row is')} {code(f'| {header} |')}"
    lines.append(f"  - {sentence('example', 'example')}: {example}")
    return lines + [""]


def _column(column: str, language: Language | None) -> str:
    """A documented column in the language: its translation when the language file has one."""
    if language is None:
        return column
    name = step_registry.column_name(column)
    translated = next(
        (text for text, english in language.columns.items() if english.casefold() == name.casefold()), None
    )
    return column.replace(name, translated, 1) if translated else column


class GuideError(ValueError):
    """A guide template names a phrase, a keyword or a table that its language file does not have."""


def guide_path(language: str) -> Path:
    """docs/writing-scenarios.<code>.md, generated from docs/guide/<code>.md."""
    return GUIDE.with_suffix(f".{language}.md")


def render_guide(template: Path, registry: Registry, language: Language, where: Path | None = None) -> str:
    """A language's guide: the template with its placeholders filled from the language file and the phrases;
    every step line of a ```gherkin block must be a phrase of the language (or English)."""
    shown = where or template
    definitions = [definition for definition in registry.steps if definition.language in (language.code, ENGLISH)]
    by_english = {
        definition.parser.translation.english: definition
        for definition in registry.steps
        if definition.translated is language
    }
    lines = template.read_text(encoding="utf-8").splitlines()
    notice = language.guide.get(
        "generated", f"Generated from {shown.as_posix()} and {language.path.name} by `make catalog`: do not edit."
    )
    out = [f"<!-- {notice.format(template=shown.as_posix())} -->", ""]
    in_gherkin = False
    for number, line in enumerate(lines, 1):
        where_line = f"{shown}:{number}"
        text = PLACEHOLDER.sub(lambda found, at=where_line: _filled(found, language, by_english, at), line)
        stripped = text.strip()
        if stripped.startswith("```"):
            in_gherkin = stripped == GHERKIN_FENCE and not in_gherkin
        elif in_gherkin:
            _check_step_line(stripped, language, definitions, f"{shown}:{number}")
        out.append(text)
    return "\n".join(out).rstrip("\n") + "\n"


def _filled(found: re.Match[str], language: Language, by_english: dict[str, StepDef], where: str) -> str:
    """The text of one {{placeholder}} of a guide template."""
    name, argument = found["name"], found["argument"]
    if name in ("example", "phrase"):
        definition = by_english.get(argument or "")
        if definition is None:
            raise GuideError(
                f"{where}: {language.path.name} translates no phrase {argument!r}; write the English "
                "phrase exactly as in its step module (the catalog steps.md lists them)"
            )
        return definition.example if name == "example" else f"{definition.keyword} {definition.phrase}"
    if name.startswith("keyword."):
        kind = name.partition(".")[2]
        if kind not in language.keywords:
            raise GuideError(
                f"{where}: no keyword {kind!r}; use keyword.given, keyword.when, keyword.then or keyword.and"
            )
        return language.keywords[kind]
    if name == "dates":
        if language.dates is None:
            raise GuideError(f"{where}: {{{{dates}}}} needs a [dates] section in {language.path}")
        return ", ".join(f"`{example}`" for example in language.dates.examples)
    if name.startswith("values."):
        column = name.partition(".")[2]
        values = language.values.get(column)
        if not values:
            raise GuideError(f"{where}: {language.path.name} has no [values.{column}] section")
        return ", ".join(f"`{here}` ({english})" for here, english in values.items())
    if name.startswith("column."):
        english = name.partition(".")[2]
        return next((here for here, column in language.columns.items() if column == english), english)
    if name == "columns":
        return ", ".join(f"`{here}`" for here in language.columns)
    simple = {
        "code": language.code,
        "odoo": language.odoo,
        "name": language.name,
        "catalog": catalog_path(language.code).name,
    }
    if name in simple:
        return simple[name]
    raise GuideError(
        f"{where}: unknown placeholder {{{{{name}}}}}; known: example:<English phrase>, "
        "phrase:<English phrase>, keyword.given|when|then|and, dates, values.<column>, column.<column>, "
        "columns, code, odoo, name, catalog"
    )


def _check_step_line(line: str, language: Language, definitions: list[StepDef], where: str) -> None:
    """A step line of a guide's Gherkin block is a phrase of the language or English; anything else is left."""
    if not line or line.startswith(("#", "@", "|", '"""')):
        return
    keyword, text = language.strip_keyword(line)
    if keyword is None:
        keyword, text = _strip_english(line)
    if keyword is None:
        return  # Fonctionnalité:, Scénario:, a description line
    if not any(definition.matches(text) for definition in definitions):
        raise GuideError(
            f"{where}: the guide quotes {line!r}, which is no phrase of {language.path.name} "
            f"nor an English one; write one of {catalog_path(language.code).name}"
        )


def _strip_english(line: str) -> tuple[str | None, str]:
    """('When', 'the rest') for an English step line, (None, line) otherwise."""
    for keyword in ("Given", "When", "Then", "And", "But"):
        if line.startswith(keyword + " "):
            return keyword, line[len(keyword) :].strip()
    return None, line


def guides(root: Path, registry: Registry) -> dict[Path, str]:
    """Each generated guide (docs/writing-scenarios.<code>.md) and its text, for the templates of docs/guide/."""
    known = languages(registry)
    rendered = {}
    for template in sorted((root / GUIDE_TEMPLATES).glob("*.md")):
        language = known.get(template.stem)
        if language is None:
            raise GuideError(
                f"{template}: no language file steps/i18n/{template.stem}.toml translates phrases; "
                f"name the template after one of {', '.join(sorted(known)) or 'none'}"
            )
        rendered[guide_path(language.code)] = render_guide(template, registry, language, template.relative_to(root))
    return rendered


def convention_problems(registry: Registry, root: Path) -> list[ModuleProblem]:
    """Where step modules break the convention the catalog and the lint rely on."""
    problems = list(registry.import_errors)
    by_function: dict[int, list[StepDef]] = {}
    for definition in registry.steps:
        by_function.setdefault(id(definition.func), []).append(definition)
    for module in dict.fromkeys(definition.module for definition in registry.steps):
        loaded = sys.modules.get(module)
        if loaded is not None and not (loaded.__doc__ or "").strip():
            path = Path(loaded.__file__ or module).resolve()
            where = path.relative_to(root) if path.is_relative_to(root) else path
            problems.append(
                ModuleProblem(
                    where,
                    1,
                    'module docstring missing: its first line names the area, e.g. "Sales: quotations and orders."',
                )
            )
    seen_phrases: dict[tuple[str | None, str], StepDef] = {}
    for definitions in by_function.values():
        problems += function_problems(definitions)
        for definition in definitions:
            key = (definition.type, definition.parser.name)
            if key in seen_phrases:
                first = seen_phrases[key]
                problems.append(
                    ModuleProblem(
                        definition.path,
                        definition.line,
                        f"{definition.display} is already defined at {first.path}:{first.line}",
                    )
                )
            seen_phrases.setdefault(key, definition)
    return sorted(dict.fromkeys(problems), key=lambda problem: (str(problem.path), problem.line, problem.message))


def function_problems(definitions: list[StepDef]) -> list[ModuleProblem]:
    """Convention problems of one step function (one or more phrases)."""
    first = definitions[0]
    func = first.func
    doc = func.__doc__ or ""
    messages = []
    if func.__name__ != STEP_FUNCTION_NAME:
        messages.append(f"step function {func.__name__}() should be named {STEP_FUNCTION_NAME}: the phrase is its name")
    if not doc.strip():
        messages.append(
            f'step "{first.phrase}" has no docstring: its first line says what the step does '
            f"(and a line '{EXAMPLE_PREFIX} <a full step line>' gives an example)"
        )
    for example in step_registry.docstring_examples(doc):
        text = step_registry.split_keyword(example)[1]
        if not any(definition.matches(text) for definition in definitions):
            messages.append(
                f'{EXAMPLE_PREFIX} "{example}" does not match the phrase '
                + " or ".join(f'"{definition.phrase}"' for definition in definitions)
            )
    for definition in definitions:
        for reason in step_registry.untyped_params(definition):
            messages.append(
                f'"{definition.phrase}": {reason}; write it with phrase(...) of '
                f"odoo_uat/authoring/params.py, each parameter typed ({', '.join(params.TYPES)})"
            )
        reserved = sorted({param.name for param in definition.params} & STEP_ARGUMENTS_RESERVED_NAMES)
        if reserved:
            messages.append(
                f"parameter name(s) {', '.join(reserved)} are reserved by pytest-bdd for tables and text "
                "blocks; rename them"
            )
    if first.columns and first.datatable is None:
        messages.append(f"the docstring says '{COLUMNS_PREFIX}' but the function takes no datatable argument")
    return [ModuleProblem(first.path, first.line, message) for message in messages]


def main(argv: Sequence[str] | None = None) -> int:
    """Write docs/steps.md (or, with --check, compare it); 1 when out of date or the convention is broken."""
    parser = argparse.ArgumentParser(prog="python -m odoo_uat.authoring.catalog", description=__doc__)
    parser.add_argument("--check", action="store_true", help=f"do not write: exit 1 when {CATALOG} is out of date")
    add_root_option(parser)
    args = parser.parse_args(argv)
    root = root_of(args)
    registry = step_registry.load(root)
    config = LintConfig.load(root)
    status = 0
    for language in [None, *languages(registry).values()]:
        path = catalog_path(language.code if language else ENGLISH)
        text = render(registry, config, language)
        target = root / path
        if args.check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                print(OUT_OF_DATE if language is None else OUT_OF_DATE_OTHER.format(path=path))
                status = 1
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            count = sum(
                definition.language == (language.code if language else ENGLISH) for definition in registry.steps
            )
            print(f"wrote {path}: {count} phrase(s)")
    try:
        rendered = guides(root, registry)
    except GuideError as error:
        print(error)
        return 1
    for path, text in rendered.items():
        target = root / path
        if args.check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                print(OUT_OF_DATE_OTHER.format(path=path))
                status = 1
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {path} from {GUIDE_TEMPLATES / path.name.split('.')[-2]}.md")
    problems = convention_problems(registry, root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in the step modules; the convention they follow:\n{CONVENTION}")
    return 1 if problems else status


if __name__ == "__main__":
    sys.exit(main())
