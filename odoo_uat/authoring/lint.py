"""Check feature files against the Gherkin grammar, the step definitions and the suite's conventions, without Odoo.

It also counts, per language file of steps/i18n/, the documented English phrases without a translation: a file
saying `complete = true` (French) fails the lint on each; for the others it is one summary line, and
`--missing-translations` lists them (odoo_uat/authoring/coverage.py)."""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from gherkin.dialect import Dialect
from gherkin.errors import CompositeParserException, ParserError
from gherkin.parser import Parser
from pytest_bdd.exceptions import GherkinParseError, TokenError
from pytest_bdd.gherkin_parser import ERROR_PATTERNS, GherkinDocument
from pytest_bdd.gherkin_parser import Background as GherkinBackground
from pytest_bdd.gherkin_parser import Feature as GherkinFeature
from pytest_bdd.gherkin_parser import Rule as GherkinRule
from pytest_bdd.gherkin_parser import Scenario as GherkinScenario
from pytest_bdd.gherkin_parser import Step as GherkinStep
from pytest_bdd.gherkin_parser import Tag as GherkinTag
from pytest_bdd.parser import PARAM_RE, FeatureParser, Step, render_string

from odoo_uat.authoring import coverage, step_registry
from odoo_uat.authoring.i18n import ENGLISH
from odoo_uat.authoring.matching import Mismatch, StepMatcher, argument_problems
from odoo_uat.authoring.project import LintConfig, add_root_option, root_of
from odoo_uat.authoring.step_registry import StepDef
from odoo_uat.values import folded

FEATURE_SUFFIX = ".feature"
STEP_KEYWORDS_HINT = "a step starts with Given, When, Then, And or But"
CLOSEST_COUNT = 3


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, printed as path:line[:column]: message."""

    path: str
    line: int
    column: int
    message: str
    code: str = field(compare=False)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass
class FeatureFile:
    """A feature file as read: its lines and, when the grammar accepts it, its Gherkin document."""

    path: Path
    display: str
    lines: list[str]
    document: GherkinDocument | None = None

    @property
    def scenarios(self) -> list[GherkinScenario]:
        """Every scenario, including those inside Rules."""
        if self.document is None or self.document.feature is None:
            return []
        found = []
        for child in self.document.feature.children:
            if child.scenario:
                found.append(child.scenario)
            elif child.rule:
                found += [grandchild.scenario for grandchild in child.rule.children if grandchild.scenario]
        return found


@dataclass
class Report:
    """The problems found and what was checked."""

    problems: list[Problem]
    feature_files: int
    scenarios: int
    step_definitions: int
    translations: list[coverage.LanguageCoverage] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing was found."""
        return not self.problems

    def summary(self) -> str:
        """One line for the end of the output."""
        checked = (
            f"{self.feature_files} feature file(s), {self.scenarios} scenario(s), "
            f"{self.step_definitions} step definition(s)"
        )
        translations = coverage.summary_line(self.translations)
        after = f". {translations}" if translations else ""
        if self.ok:
            return f"{checked}: no problems{after}"
        files = len({problem.path for problem in self.problems})
        return f"{len(self.problems)} problem(s) in {files} file(s); checked {checked}{after}"


def display_path(path: Path) -> str:
    """path relative to the working directory when below it, as editors and CI annotate it."""
    absolute = path.resolve()
    cwd = Path.cwd().resolve()
    return str(absolute.relative_to(cwd)) if absolute.is_relative_to(cwd) else str(absolute)


def feature_files(paths: Iterable[Path]) -> list[Path]:
    """The feature files named or found below the given paths; FileNotFoundError for a missing one."""
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            found.update(dict.fromkeys(sorted(path.rglob(f"*{FEATURE_SUFFIX}"))))
        elif path.is_file():
            found[path] = None
        else:
            raise FileNotFoundError(f"no such file or directory: {path}")
    return list(found)


def read_feature(path: Path) -> tuple[FeatureFile, list[Problem]]:
    """Parse a file with the Gherkin parser pytest-bdd uses; grammar errors become problems."""
    display = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return FeatureFile(path, display, []), [Problem(display, 1, 0, f"not UTF-8 text: {error}", "syntax")]
    feature = FeatureFile(path, display, text.splitlines())
    try:
        data = Parser().parse(text)
    except ParserError as error:
        errors = error.errors if isinstance(error, CompositeParserException) else [error]
        return feature, [_syntax_problem(display, parser_error) for parser_error in errors]
    if not data.get("feature"):
        message = "no Feature in this file: it must start with 'Feature: <name>'"
        return feature, [Problem(display, 1, 0, message, "feature")]
    feature.document = GherkinDocument.from_dict(data)
    return feature, []


def _syntax_problem(display: str, error: Exception) -> Problem:
    """A Gherkin parser error, worded like pytest-bdd words it where it has a wording."""
    location = getattr(error, "location", None) or {"line": 1, "column": 0}
    message = re.sub(r"^\(\d+:\d+\): ", "", str(error))
    got = re.search(r"got '(.*)'$", message)
    if got:
        token = got.group(1)
        friendly = next(
            (
                text
                for pattern, exception, text in ERROR_PATTERNS
                if exception is not TokenError and pattern.search(message)
            ),
            None,
        )
        message = (
            f"{friendly} (line: {token!r})"
            if friendly
            else f"unexpected line {token!r}: {STEP_KEYWORDS_HINT}; other lines are keywords "
            "(Feature:, Rule:, Background:, Scenario:, Examples:), table rows, tags or # comments"
        )
    return Problem(display, location["line"], location.get("column") or 0, message, "syntax")


class FeatureChecker:
    """Checks one parsed feature file against the step definitions and the conventions."""

    def __init__(self, feature: FeatureFile, config: LintConfig, matcher: StepMatcher) -> None:
        self.feature = feature
        self.config = config
        self.matcher = matcher
        self.document = feature.document
        assert self.document is not None
        self.language = self.document.feature.language or ENGLISH
        self.dialect = Dialect.for_name(self.language)
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str, code: str) -> None:
        """Record a problem at a line of this file."""
        self.problems.append(Problem(self.feature.display, line, 0, message, code))

    def check(self) -> list[Problem]:
        """All the problems of this file except duplicated scenario names across files."""
        feature = self.document.feature
        self.check_tags(feature.tags)
        self.check_single_feature(feature)
        names: dict[str, int] = {}
        for child in feature.children:
            if child.background:
                self.check_background(child.background)
            elif child.rule:
                self.check_rule(child.rule)
            elif child.scenario:
                self.check_scenario(child.scenario)
        if not self.feature.scenarios:
            self.problem(feature.location.line, "this Feature has no scenarios", "feature")
        for scenario in self.feature.scenarios:
            name = scenario.name.strip()
            if name and name in names:  # pytest-bdd keeps scenarios in a dict by name: the earlier one would never run
                self.problem(
                    scenario.location.line,
                    f'scenario name "{name}" is already used at line {names[name]}'
                    " of this file: pytest-bdd would silently drop one of them",
                    "duplicate-scenario",
                )
            names.setdefault(name, scenario.location.line)
        self.check_pytest_bdd_accepts()
        return self.problems

    def check_pytest_bdd_accepts(self) -> None:
        """Whatever else pytest-bdd itself would refuse while collecting, unless already reported at that line."""
        try:
            FeatureParser(str(self.feature.path.parent), self.feature.path.name).parse()
        except GherkinParseError as error:
            if error.line not in {problem.line for problem in self.problems}:
                self.problem(error.line, error.message, "syntax")

    def check_tags(self, tags: Iterable[GherkinTag]) -> None:
        """Report tags of no known form."""
        for tag in tags:
            name = tag.name.lstrip("@")
            if not self.config.is_known_tag(name):
                self.problem(tag.location.line, f"unknown tag {tag.name}; {self.config.tag_hint(name)}", "tag")

    def check_single_feature(self, feature: GherkinFeature) -> None:
        """A second 'Feature:' before any scenario is swallowed as description text; say so."""
        keywords = tuple(f"{keyword}:" for keyword in self.dialect.feature_keywords)
        for line, text in self.description_lines(feature.location.line, feature.description):
            if text.startswith(keywords):
                self.problem(
                    line,
                    "only one Feature per file: this second Feature would be read as description "
                    "text; move it to its own .feature file",
                    "feature",
                )

    def check_background(self, background: GherkinBackground) -> None:
        """Background steps must be Given steps that match a definition."""
        self.check_description_steps(background.location.line, background.description)
        steps = self.typed_steps(background.steps)
        for step in steps:
            if step.type != "given":
                self.problem(
                    step.line_number,
                    f'Background holds only Given steps: "{step.keyword} {step.name}" is '
                    f"a {step.type.title()} step; move it into the scenarios",
                    "background",
                )
            self.check_step(step, step.name)
        self.check_shared_settings(steps)

    def check_rule(self, rule: GherkinRule) -> None:
        """A Rule's tags, Background and scenarios."""
        self.check_tags(rule.tags)
        for child in rule.children:
            if child.background:
                self.check_background(child.background)
            elif child.scenario:
                self.check_scenario(child.scenario)

    def check_scenario(self, scenario: GherkinScenario) -> None:
        """Name, steps and Examples of one scenario or outline."""
        self.check_tags(scenario.tags)
        if not scenario.name.strip():
            self.problem(
                scenario.location.line, "this scenario has no name: pytest-bdd names the test after it", "scenario"
            )
        self.check_description_steps(scenario.location.line, scenario.description)
        if not scenario.steps:
            self.problem(scenario.location.line, f'scenario "{scenario.name}" has no steps', "scenario")
        steps = self.typed_steps(scenario.steps)
        rows = self.example_rows(scenario)
        for step in steps:
            seen: set[str] = set()
            for row_line, context in rows:
                text = render_string(step.name, context)
                if row_line is not None and any(name not in context for name in PARAM_RE.findall(step.name)):
                    continue  # a <placeholder> without a column: already reported, matching would only repeat it
                if text not in seen:
                    seen.add(text)
                    self.check_step(step, text, row_line if text != step.name else None)
        self.check_shared_settings(steps)

    def example_rows(self, scenario: GherkinScenario) -> list[tuple[int | None, dict[str, str]]]:
        """(line, values) of every Examples row, checking columns against the <placeholders> used."""
        if not scenario.examples:
            if scenario.keyword in self.dialect.scenario_outline_keywords:
                self.problem(
                    scenario.location.line, f'{scenario.keyword} "{scenario.name}" has no Examples table', "examples"
                )
            return [(None, {})]
        uses = self.placeholder_uses(scenario)
        rows: list[tuple[int | None, dict[str, str]]] = []
        for examples in scenario.examples:
            self.check_tags(examples.tags)
            if examples.table_header is None:
                self.problem(
                    examples.location.line,
                    "Examples without a table: add a header row of column names and one row per example",
                    "examples",
                )
                continue
            columns = [cell.value for cell in examples.table_header.cells]
            for placeholder, line in uses.items():
                if placeholder not in columns:
                    self.problem(
                        line,
                        f"<{placeholder}> is not a column of the Examples at line "
                        f"{examples.location.line} (columns: {', '.join(columns)})",
                        "examples",
                    )
            for cell in examples.table_header.cells:
                if cell.value not in uses:
                    self.problem(
                        cell.location.line,
                        f'Examples column "{cell.value}" is not used: no <{cell.value}> '
                        f'in the steps of "{scenario.name}"',
                        "examples",
                    )
            if not examples.table_body:
                self.problem(examples.location.line, "Examples table has no rows below its header", "examples")
            for row in examples.table_body or []:
                rows.append((row.location.line, dict(zip(columns, (cell.value for cell in row.cells), strict=False))))
        return rows or [(None, {})]

    @staticmethod
    def placeholder_uses(scenario: GherkinScenario) -> dict[str, int]:
        """Each <placeholder> of the outline and the first line using it (name, steps, tables, docstrings)."""
        uses: dict[str, int] = {name: scenario.location.line for name in PARAM_RE.findall(scenario.name)}
        for step in scenario.steps:
            texts = [step.text]
            if step.datatable:
                texts += [cell.value for row in step.datatable.rows for cell in row.cells]
            if step.docstring:
                texts.append(step.docstring.content)
            for text in texts:
                for name in PARAM_RE.findall(text):
                    uses.setdefault(name, step.location.line)
        return uses

    def typed_steps(self, steps: list[GherkinStep]) -> list[Step]:
        """Steps typed given/when/then exactly as pytest-bdd types them (And/But take the type above)."""
        parser = FeatureParser(str(self.feature.path.parent), self.feature.path.name)
        try:
            return parser.parse_steps(steps)
        except GherkinParseError as error:
            self.problem(error.line, error.message, "step-keyword")
            return []

    def check_description_steps(self, keyword_line: int, description: str) -> None:
        """Catch a first step whose keyword is misspelled: Gherkin reads it as description text."""
        keywords = {keyword.strip().lower() for keyword in self.step_keywords()}
        for line, text in self.description_lines(keyword_line, description):
            word, _, rest = text.partition(" ")
            if word.lower() in keywords or (rest and self.matcher.any_type(rest)):
                self.problem(
                    line,
                    f'"{text}" is read as a description, not a step: {STEP_KEYWORDS_HINT} '
                    "(capitalised, followed by a space)",
                    "step-keyword",
                )

    def step_keywords(self) -> list[str]:
        """Given/When/Then/And/But in this file's language."""
        dialect = self.dialect
        return [
            *dialect.given_keywords,
            *dialect.when_keywords,
            *dialect.then_keywords,
            *dialect.and_keywords,
            *dialect.but_keywords,
        ]

    def description_lines(self, keyword_line: int, description: str) -> list[tuple[int, str]]:
        """(line number, text) of each line of a description that starts after keyword_line."""
        found, index = [], keyword_line  # lines[keyword_line] is the line after the keyword (1-based)
        for text in (line.strip() for line in description.splitlines()):
            if not text:
                continue
            while index < len(self.feature.lines) and self.feature.lines[index].strip() != text:
                index += 1
            found.append((index + 1, text))
        return found

    def check_step(self, step: Step, text: str, row_line: int | None = None) -> None:
        """The step matches exactly one definition, and has a table/docstring exactly when it takes one."""
        row = f" (with the Examples row at line {row_line})" if row_line else ""
        definitions = self.matcher.matching(step.type, text)
        if not definitions:
            self.problem(step.line_number, unmatched_message(self.matcher, step, text, row, self.language), "no-step")
            return
        if len(definitions) > 1:
            names = " and ".join(
                f"{definition.display} ({definition.path}:{definition.line})" for definition in definitions
            )
            self.problem(step.line_number, f'step "{text}"{row} is ambiguous: it matches {names}', "ambiguous-step")
            return
        self.check_arguments(step, text, definitions[0])

    def check_arguments(self, step: Step, text: str, definition: StepDef) -> None:
        """A table or text block goes with a definition taking `datatable` or `docstring`, and vice versa."""
        where = f"{definition.path}:{definition.line}"
        table = None if step.datatable is None else [[cell.value for cell in row.cells] for row in step.datatable.rows]
        for found in argument_problems(definition, table, step.docstring is not None):
            match found.mismatch:
                case Mismatch.TABLE_MISSING:
                    columns = f" with the columns {', '.join(definition.columns)}" if definition.columns else ""
                    self.problem(
                        step.line_number, f'step "{text}" needs a table{columns} below it ({where})', "datatable"
                    )
                case Mismatch.TABLE_IGNORED:
                    self.problem(
                        step.line_number,
                        f'step "{text}" has a table but its definition ({where}) takes '
                        "none: the table would be ignored",
                        "datatable",
                    )
                case Mismatch.UNKNOWN_COLUMNS:
                    self.problem(
                        step.datatable.location.line,
                        f"unknown table column(s) {', '.join(found.columns)} "
                        f'for "{text}"; its columns: '
                        f"{', '.join(definition.columns)}",
                        "datatable",
                    )
                case Mismatch.TEXT_MISSING:
                    self.problem(
                        step.line_number,
                        f'step "{text}" needs a text block between """ lines below it ({where})',
                        "docstring",
                    )
                case Mismatch.TEXT_IGNORED:
                    self.problem(
                        step.line_number,
                        f'step "{text}" has a text block but its definition ({where}) takes none: it would be ignored',
                        "docstring",
                    )

    def check_shared_settings(self, steps: Sequence[Step]) -> None:
        """Report steps that would change settings every scenario running at once shares (see shared_settings_problems)."""
        found = [(step, definition) for step in steps for definition in self.matcher.matching(step.type, step.name)[:1]]
        for line, message in shared_settings_problems(found, settings_fix(self.matcher.steps, self.language)):
            self.problem(line, message, "shared-settings")


# --- Settings shared by every scenario running at once (steps/settings_steps.py) ---
# A records table on the settings model, or the Settings screen edited in the web client, saves *every* setting
# from a snapshot: under a parallel run it turns off what another scenario turned on. Only turning a setting on,
# one save at a time, is safe: `the setting "<label>" is on`.
SETTING_PHRASE = 'the setting "{setting:Label}" is on'
SETTINGS_FIX = "use `{phrase}` (one per setting the scenario needs), which only turns it on"
RECORDS_TABLE = 'the following "{model:Model}" records exist:'
OPEN_MENU = 'I open "{menu_path:MenuPath}"'
SCREEN_WRITES = frozenset(
    {'I set "{field:Label}" to "{value:Text}"', "I fill in:", "I add the lines:", 'I click "{button:Label}"', "I save"}
)
# The settings model as Odoo names it (res.config.settings, "Config Settings"; fr, de, es, nl from Odoo's base
# translations) and the Settings menus' names ("Settings" in base_setup's translations).
SETTINGS_MODELS = frozenset(
    {
        "res.config.settings",
        "config settings",
        "settings",
        "paramètres de configuration",
        "paramètres",
        "konfigurationseinstellungen",
        "einstellungen",
        "ajustes de configuración",
        "ajustes",
        "configuratie-instellingen",
        "instellingen",
    }
)
SYSTEM_PARAMETER_MODELS = frozenset(
    {
        "ir.config_parameter",
        "system parameter",
        "system parameters",
        "paramètres système",
        "paramètre système",
        "systemparameter",
        "parámetro del sistema",
        "systeemparameter",
    }
)
SETTINGS_MENUS = frozenset({"settings", "paramètres", "einstellungen", "ajustes", "instellingen"})
MENU_SEPARATOR = "/"


def english_phrase(definition: StepDef) -> str:
    """The English phrase of a definition, also for a translated one."""
    translation = getattr(definition.parser, "translation", None)
    return translation.english if translation is not None else definition.parser.name


def settings_fix(steps: Sequence[StepDef], language: str = ENGLISH) -> str:
    """The fix of a shared-settings problem, with the setting phrase in the file's language when it has one."""
    phrases = {
        definition.language: definition.display for definition in steps if english_phrase(definition) == SETTING_PHRASE
    }
    return SETTINGS_FIX.format(phrase=phrases.get(language) or phrases.get(ENGLISH) or f"Given {SETTING_PHRASE}")


def settings_model_problem(model: str, fix: str) -> str | None:
    """Why a records table on this model would break a parallel run, or None."""
    name = folded(model)
    if name in SETTINGS_MODELS or name.endswith(".settings"):
        return (
            f'a records table on "{model}" saves every company setting at once, from a snapshot: in a parallel run it '
            f"turns off what other scenarios turned on; {fix}"
        )
    if name in SYSTEM_PARAMETER_MODELS:
        return (
            f'a records table on "{model}" changes a system parameter every scenario running at once shares; set it '
            f"up once on the database under test, or, for a setting of the Settings screen, {fix}"
        )
    return None


def is_settings_screen(menu_path: str) -> bool:
    """Whether a menu path opens a Settings screen ("Settings", "Sales / Configuration / Settings")."""
    return folded(menu_path.split(MENU_SEPARATOR)[-1]) in SETTINGS_MENUS


def shared_settings_problems(steps: Sequence[tuple[Step, StepDef]], fix: str) -> list[tuple[int, str]]:
    """(line, message) of the steps, in order, that would change shared settings: a records table on the settings
    (or system parameter) model, and the first change made on a Settings screen opened in the web client."""
    problems: list[tuple[int, str]] = []
    on_settings: str | None = None
    for step, definition in steps:
        english = english_phrase(definition)
        arguments = _arguments(definition, step.name)
        if english == RECORDS_TABLE and (message := settings_model_problem(arguments.get("model", ""), fix)):
            problems.append((step.line_number, message))
        elif english == OPEN_MENU:
            path = arguments.get("menu_path", "")
            on_settings = path if is_settings_screen(path) else None
        elif english in SCREEN_WRITES and on_settings is not None:
            problems.append(
                (
                    step.line_number,
                    f'"{step.keyword} {step.name}" changes the Settings screen opened with "{on_settings}", which '
                    f"every scenario running at once shares (its Save writes every setting); {fix}",
                )
            )
            on_settings = None  # one problem per visit of the screen
    return problems


def _arguments(definition: StepDef, text: str) -> dict[str, str]:
    """The phrase's values in the step text ({} when it does not parse)."""
    try:
        return {name: str(value) for name, value in definition.parser.parse_arguments(text).items()}
    except (ValueError, AttributeError, TypeError):
        return {}


def unmatched_message(matcher: StepMatcher, step: Step, text: str, row: str = "", language: str = ENGLISH) -> str:
    """What to tell a person whose step matches nothing: the right keyword, or the closest phrases (in the
    file's language when it has phrases of its own)."""
    other_types = matcher.any_type(text)
    if other_types:
        defined = " | ".join(definition.display for definition in other_types)
        inherited = (
            f" ({step.keyword} steps take the keyword of the step above them)"
            if step.keyword not in step_registry.KEYWORDS.values()
            else ""
        )
        return f'no step matches "{text}"{row} as a {step.type.title()} step{inherited}; it is defined as: {defined}'
    return f'no step matches "{text}"{row}; closest known phrases: {closest(matcher.steps, text, language)}'


def closest(steps: Sequence[StepDef], text: str, language: str = ENGLISH) -> str:
    """The nearest phrases of the language (English when it has none), compared with the phrase and its example."""
    if not steps:
        return f"none (no step definitions found in {step_registry.STEPS_PACKAGE}/)"
    candidates = (
        [definition for definition in steps if definition.language == language]
        or [definition for definition in steps if definition.language == ENGLISH]
        or steps
    )

    def similarity(definition: StepDef) -> float:
        example = (
            definition.translated.strip_keyword(definition.example)[1]
            if definition.translated
            else step_registry.split_keyword(definition.example)[1]
        )
        return max(
            difflib.SequenceMatcher(None, text.lower(), candidate.lower()).ratio()
            for candidate in (definition.phrase, example)
        )

    ranked = dict.fromkeys(definition.display for definition in sorted(candidates, key=similarity, reverse=True))
    return " | ".join(list(ranked)[:CLOSEST_COUNT])


def duplicate_scenario_names(linted: Sequence[FeatureFile], others: Sequence[FeatureFile]) -> list[Problem]:
    """Scenario names used in two feature files: pytest-bdd derives test names from them."""
    where: dict[str, list[tuple[str, int]]] = {}
    for feature in [*linted, *others]:
        for scenario in feature.scenarios:
            if scenario.name.strip():
                where.setdefault(scenario.name.strip(), []).append((feature.display, scenario.location.line))
    linted_files = {feature.display for feature in linted}
    problems = []
    for name, places in where.items():
        files = {path for path, _line in places}
        if len(files) < 2:
            continue  # repeated within one file only: reported by that file's check
        for path, line in places:
            if path in linted_files:
                elsewhere = ", ".join(f"{other}:{other_line}" for other, other_line in places if other != path)
                problems.append(
                    Problem(
                        path,
                        line,
                        0,
                        f'scenario name "{name}" is also used at {elsewhere}: '
                        "scenario names must be unique across feature files",
                        "duplicate-scenario",
                    )
                )
    return problems


def _other_features(config: LintConfig, linted: Sequence[Path]) -> list[FeatureFile]:
    """The project's feature files not being linted: a new scenario's name must not clash with theirs either."""
    if not config.features_dir.is_dir():
        return []
    skip = {path.resolve() for path in linted}
    return [read_feature(path)[0] for path in feature_files([config.features_dir]) if path.resolve() not in skip]


def lint(paths: Sequence[Path], root: Path) -> Report:
    """Lint the feature files below paths with the step definitions and settings of root."""
    root = root.resolve()
    config = LintConfig.load(root)
    registry = step_registry.load(root)
    matcher = StepMatcher(registry)
    problems = [
        Problem(display_path(root / error.path), error.line, 0, error.message, "step-module")
        for error in registry.import_errors
    ]
    translations = coverage.coverage(registry)
    problems += missing_translation_problems(translations, root)
    files = feature_files(paths)
    linted: list[FeatureFile] = []
    for path in files:
        feature, file_problems = read_feature(path)
        problems += file_problems
        linted.append(feature)
        if feature.document is not None and not file_problems:
            problems += FeatureChecker(feature, config, matcher).check()
    problems += duplicate_scenario_names(linted, _other_features(config, files))
    scenarios = sum(len(feature.scenarios) for feature in linted)
    return Report(sorted(set(problems)), len(files), scenarios, len(registry.steps), translations)


def missing_translation_problems(found: Sequence[coverage.LanguageCoverage], root: Path) -> list[Problem]:
    """A problem at each documented English phrase a language file saying `complete = true` does not translate."""
    return [
        Problem(
            display_path(root / definition.path),
            definition.line,
            0,
            coverage.missing_message(definition, language.language, root),
            "missing-translation",
        )
        for language in found
        if language.failing
        for definition in language.missing
    ]


def missing_translations(root: Path, codes: Sequence[str], output: str) -> int:
    """--missing-translations: per language, the documented English phrases it does not translate. 1 when a file
    saying complete = true misses one, 0 otherwise (other languages only inform)."""
    registry = step_registry.load(root.resolve())
    found = coverage.coverage(registry, codes)
    for error in registry.import_errors:
        print(Problem(display_path(root / error.path), error.line, 0, error.message, "step-module"), file=sys.stderr)
    if output == "json":
        print(json.dumps(coverage.report_json(found, root), indent=2, ensure_ascii=False))
    else:
        for line in coverage.report_lines(found, root) or ["no language files: no phrase is translated"]:
            print(line)
    return 1 if registry.import_errors or any(language.failing for language in found) else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print problems and a summary; 0 when clean, 1 on problems, 2 on bad arguments."""
    parser = argparse.ArgumentParser(prog="python -m odoo_uat.authoring.lint", description=__doc__)
    parser.add_argument(
        "paths", nargs="*", type=Path, help="feature files or folders (default: the features folder of the project)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument(
        "--missing-translations",
        action="store_true",
        help="instead of linting, list per language file the documented English phrases it does not translate "
        "(status 1 when a file saying complete = true misses one)",
    )
    parser.add_argument(
        "--language",
        action="append",
        default=[],
        metavar="CODE",
        help="with --missing-translations: only this language (fr, de...); may be repeated",
    )
    add_root_option(parser)
    args = parser.parse_args(argv)
    root = root_of(args)
    if args.missing_translations:
        return missing_translations(root, args.language, args.format)
    if args.language:
        parser.error("--language goes with --missing-translations")
    paths = args.paths or [LintConfig.load(root).features_dir]
    try:
        report = lint(paths, root)
    except FileNotFoundError as error:
        parser.error(str(error))
    if args.format == "json":
        print(
            json.dumps(
                {
                    "ok": report.ok,
                    "summary": report.summary(),
                    "problems": [asdict(problem) for problem in report.problems],
                    "translations": coverage.report_json(report.translations, root),
                },
                indent=2,
            )
        )
    else:
        for problem in report.problems:
            print(problem)
        print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
