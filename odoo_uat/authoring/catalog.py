"""Generate docs/steps.md, the phrase book of the steps, and enforce the step modules' docstring convention."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pytest_bdd.scenario import STEP_ARGUMENTS_RESERVED_NAMES

from odoo_uat.authoring import params, step_registry
from odoo_uat.authoring.lint import (
    BUILTIN_TAGS,
    PROCESS_AREA_MEANING,
    LintConfig,
    find_root,
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
OUT_OF_DATE = f"{CATALOG} is out of date: run make catalog"
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


def render(registry: Registry, config: LintConfig) -> str:
    """The whole of docs/steps.md."""
    parts = [HEADER.format(steps=STEPS_PACKAGE), render_tags(config), render_types()]
    areas: dict[str, list[StepDef]] = {}
    for definition in registry.steps:
        areas.setdefault(definition.area, []).append(definition)
    if not areas:
        parts.append(f"No step definitions yet: the modules in {STEPS_PACKAGE}/ define none.\n")
    for area, definitions in areas.items():
        modules = ", ".join(code(str(path)) for path in dict.fromkeys(definition.path for definition in definitions))
        lines = [f"## {area}", "", f"Defined in {modules}.", ""]
        for definition in sorted(definitions, key=lambda definition: KEYWORD_ORDER[definition.type]):
            lines += render_step(definition)
        parts.append("\n".join(lines))
    return "\n".join(parts)


def render_tags(config: LintConfig) -> str:
    """The tags a scenario may carry, grouped by meaning."""
    meanings: dict[str, list[str]] = {}
    for form, meaning in BUILTIN_TAGS:
        meanings.setdefault(meaning, []).append(form.form)
    features = config.features_dir.relative_to(config.root) if config.features_dir.is_relative_to(config.root) \
        else config.features_dir
    meanings[PROCESS_AREA_MEANING.format(features=features)] = ["<process area>"]
    if config.extra_tags:
        meanings["listed in [tool.odoo-uat] tags of pyproject.toml"] = list(config.extra_tags)
    lines = ["## Tags", "", "Put tags on the line above `Feature:`, `Rule:`, `Scenario:` or `Examples:`.", ""]
    lines += [f"- {', '.join(code('@' + form.lstrip('@')) for form in forms)}: {meaning}"
              for meaning, forms in meanings.items()]
    return "\n".join(lines) + "\n"


def render_types() -> str:
    """The parameter types of the grammar: what a value of each looks like, with an example."""
    intro = "What to write for each kind of `<parameter>` (quotes around a name are part of the phrase)."
    lines = ["## Parameters", "", intro, ""]
    lines += [f"- **{param.kind}**: {param.looks_like}; e.g. {code(param.example)}"
              for param in params.TYPES.values() if param.shown is None]
    return "\n".join(lines) + "\n"


def render_step(definition: StepDef) -> list[str]:
    """The list entry of one phrase: keyword and phrase, description, parameters, table, example."""
    lines = [f"- **{definition.keyword}** {code(definition.phrase)}"
             + (f": {definition.description}" if definition.description else "")]
    if definition.params:
        lines.append("  - parameters: " + ", ".join(f"{code('<' + param.name + '>')} {param.kind}"
                                                     for param in definition.params))
    if definition.datatable:
        columns = ", ".join(code(column) for column in definition.columns)
        article = "an optional" if definition.datatable == "optional" else "a"
        lines.append(f"  - takes {article} table" + (f" with the columns {columns}" if columns else ""))
    if definition.docstring:
        article = "an optional" if definition.docstring == "optional" else "a"
        lines.append(f'  - takes {article} text block between `"""` lines')
    example = code(definition.example)
    if definition.columns:
        header = " | ".join(step_registry.column_name(column) for column in definition.columns)
        example += f" followed by a table whose first row is {code(f'| {header} |')}"
    lines.append(f"  - example: {example}")
    return lines + [""]


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
            problems.append(ModuleProblem(where, 1, 'module docstring missing: its first line names the area, '
                                                    'e.g. "Sales: quotations and orders."'))
    seen_phrases: dict[tuple[str | None, str], StepDef] = {}
    for definitions in by_function.values():
        problems += function_problems(definitions)
        for definition in definitions:
            key = (definition.type, definition.parser.name)
            if key in seen_phrases:
                first = seen_phrases[key]
                problems.append(ModuleProblem(definition.path, definition.line,
                                              f"{definition.display} is already defined at {first.path}:{first.line}"))
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
        messages.append(f'step "{first.phrase}" has no docstring: its first line says what the step does '
                        f"(and a line '{EXAMPLE_PREFIX} <a full step line>' gives an example)")
    for example in step_registry.docstring_examples(doc):
        text = step_registry.split_keyword(example)[1]
        if not any(definition.matches(text) for definition in definitions):
            messages.append(f'{EXAMPLE_PREFIX} "{example}" does not match the phrase '
                            + " or ".join(f'"{definition.phrase}"' for definition in definitions))
    for definition in definitions:
        for reason in step_registry.untyped_params(definition):
            messages.append(f'"{definition.phrase}": {reason}; write it with phrase(...) of '
                            f"odoo_uat/authoring/params.py, each parameter typed ({', '.join(params.TYPES)})")
        reserved = sorted({param.name for param in definition.params} & STEP_ARGUMENTS_RESERVED_NAMES)
        if reserved:
            messages.append(f"parameter name(s) {', '.join(reserved)} are reserved by pytest-bdd for tables and text "
                            "blocks; rename them")
    if first.columns and first.datatable is None:
        messages.append(f"the docstring says '{COLUMNS_PREFIX}' but the function takes no datatable argument")
    return [ModuleProblem(first.path, first.line, message) for message in messages]


def main(argv: Sequence[str] | None = None) -> int:
    """Write docs/steps.md (or, with --check, compare it); 1 when out of date or the convention is broken."""
    parser = argparse.ArgumentParser(prog="python -m odoo_uat.authoring.catalog", description=__doc__)
    parser.add_argument("--check", action="store_true", help=f"do not write: exit 1 when {CATALOG} is out of date")
    parser.add_argument("--root", type=Path, default=None,
                        help="project folder holding pyproject.toml and steps/ (default: found from here upwards)")
    args = parser.parse_args(argv)
    root = (args.root or find_root(Path.cwd())).resolve()
    registry = step_registry.load(root)
    text = render(registry, LintConfig.load(root))
    target = root / CATALOG
    status = 0
    if args.check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            print(OUT_OF_DATE)
            status = 1
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {CATALOG}: {len(registry.steps)} phrase(s)")
    problems = convention_problems(registry, root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in the step modules; the convention they follow:\n{CONVENTION}")
    return 1 if problems else status


if __name__ == "__main__":
    sys.exit(main())
