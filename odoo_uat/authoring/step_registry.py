"""The suite's step definitions, found by importing the step modules the way pytest-bdd registers them, and the
translated phrases stacked on them (register_translations)."""

from __future__ import annotations

import ast
import difflib
import importlib
import inspect
import pkgutil
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from pytest_bdd import parsers
from pytest_bdd.scenario import STEP_ARGUMENT_DATATABLE, STEP_ARGUMENT_DOCSTRING
from pytest_bdd.steps import (
    StepFunctionContext,
    StepNamePrefix,
    step,
    step_function_context_registry,
)

from odoo_uat.authoring.i18n import (
    ENGLISH,
    REGISTERED,
    Language,
    TranslatedPhrase,
    TranslationError,
    check_translation,
    example_for,
    read_languages,
)
from odoo_uat.authoring.params import EXTRA_TYPES, TYPES, Field, ParamType, fields

STEPS_PACKAGE = "steps"
CONFTEST = "conftest.py"
EXAMPLE_PREFIX = "Example:"
COLUMNS_PREFIX = "Columns:"
KEYWORDS: dict[str | None, str] = {"given": "Given", "when": "When", "then": "Then", None: "Given/When/Then"}
STEP_LINE_KEYWORDS = ("Given", "When", "Then", "And", "But", "*")

COLUMNS_RE = re.compile(rf"(?:^|\s){COLUMNS_PREFIX}\s*(.+?)\.?\s*$")


@dataclass(frozen=True)
class Param:
    """One parameter of a phrase: its name and, in words, what a value looks like."""

    name: str
    kind: str


@dataclass(frozen=True)
class StepDef:
    """One phrase of a step function, with what the catalog and the lint need to know about it."""

    type: str | None
    parser: parsers.StepParser
    func: Callable[..., object]
    module: str
    area: str
    path: Path
    line: int
    phrase: str
    params: tuple[Param, ...]
    description: str
    examples: tuple[str, ...]
    columns: tuple[str, ...]
    datatable: str | None  # "required", "optional" or None when the function takes no table
    docstring: str | None  # same, for a text block between """
    translated: Language | None = field(default=None, compare=False)  # the language of a translated phrase

    @property
    def language(self) -> str:
        """The Gherkin language code of the phrase: en, or the language file's."""
        return self.translated.code if self.translated is not None else ENGLISH

    @property
    def keyword(self) -> str:
        """Given, When, Then, or Given/When/Then for a step usable with any keyword (in the phrase's language)."""
        return self.translated.keyword(self.type) if self.translated is not None else KEYWORDS[self.type]

    @property
    def display(self) -> str:
        """The phrase as a person reads it: keyword, then text with <parameters>."""
        return f"{self.keyword} {self.phrase}"

    @property
    def example(self) -> str:
        """A full step line: the docstring's first matching example, else the phrase itself."""
        if self.examples:
            return self.examples[0]
        return f"{self.keyword} {self.phrase}" if self.translated is not None else _full_line(self.phrase, self.type)

    def accepts(self, step_type: str) -> bool:
        """Whether a step of this type (given/when/then) can use this definition, as pytest-bdd decides."""
        return self.type is None or self.type == step_type

    def matches(self, text: str) -> bool:
        """Whether the step text is this phrase; a failing custom type converter counts as no match."""
        return parser_matches(self.parser, text)


@dataclass(frozen=True)
class ModuleProblem:
    """A step module that breaks the convention or cannot be imported."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Registry:
    """Every step definition of the suite, plus the step modules that failed to import."""

    steps: list[StepDef] = field(default_factory=list)
    import_errors: list[ModuleProblem] = field(default_factory=list)
    modules: dict[str, ModuleType] = field(default_factory=dict)


def step_module_names(root: Path) -> list[str]:
    """The steps package and its modules (recursively), plus the `steps.` entries of conftest's pytest_plugins."""
    package = root / STEPS_PACKAGE
    names = [STEPS_PACKAGE] if (package / "__init__.py").is_file() else []
    # A subpackage failing to import is skipped here and reported when load() imports it.
    names += [
        info.name
        for info in pkgutil.walk_packages([str(package)], prefix=f"{STEPS_PACKAGE}.", onerror=lambda _name: None)
    ]
    names += [name for name in _conftest_plugins(root / CONFTEST) if name.startswith(f"{STEPS_PACKAGE}.")]
    return list(dict.fromkeys(names))


def _conftest_plugins(conftest: Path) -> list[str]:
    """A literal `pytest_plugins` of the conftest, read without importing it (it may start fixtures' imports)."""
    try:
        tree = ast.parse(conftest.read_text(encoding="utf-8")) if conftest.is_file() else ast.Module([], [])
    except SyntaxError:  # pytest will say so; the steps package walk still finds the modules
        return []
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(target, ast.Name) and target.id == "pytest_plugins" for target in targets):
                try:
                    value = ast.literal_eval(node.value)
                except (ValueError, TypeError):  # computed list: the steps package walk already finds those modules
                    return []
                return [value] if isinstance(value, str) else [str(item) for item in value]
    return []


def load(root: Path) -> Registry:
    """Import the step modules under root and describe every phrase they define."""
    root = root.resolve()
    _prefer_root(root)
    registry = Registry()
    for name in step_module_names(root):
        try:
            registry.modules[name] = importlib.import_module(name)
        except Exception as error:  # a colleague's half-written module must not hide everyone else's steps
            registry.import_errors.append(_import_problem(root, name, error))
    seen: set[int] = set()
    for module in registry.modules.values():
        for context in contexts(module):
            if id(context) not in seen:
                seen.add(id(context))
                registry.steps.append(_describe(context, root))
    return registry


def _prefer_root(root: Path) -> None:
    """Make `import steps` find root/steps, forgetting a `steps` package imported from elsewhere."""
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    loaded = sys.modules.get(STEPS_PACKAGE)
    if loaded is not None and not _is_under(loaded, root / STEPS_PACKAGE):
        for name in [name for name in sys.modules if name == STEPS_PACKAGE or name.startswith(f"{STEPS_PACKAGE}.")]:
            del sys.modules[name]
    # Step modules written a moment ago (tests, editors) are missed by the path finders' directory cache.
    importlib.invalidate_caches()


def _is_under(module: ModuleType, directory: Path) -> bool:
    """Whether a module or package was loaded from directory."""
    locations = list(getattr(module, "__path__", [])) or [getattr(module, "__file__", None) or ""]
    return any(Path(location).resolve().is_relative_to(directory.resolve()) for location in locations if location)


def _import_problem(root: Path, name: str, error: Exception) -> ModuleProblem:
    """Where a step module failed to import, as close to the failing line as the traceback says."""
    path = root / Path(*name.split(".")).with_suffix(".py")
    if not path.is_file():  # a package: its __init__ failed
        path = path.with_suffix("") / "__init__.py"
    line = getattr(error, "lineno", None) if isinstance(error, SyntaxError) else None
    if line is None:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__) if Path(frame.filename) == path]
        line = frames[-1].lineno if frames else 1
    return ModuleProblem(
        _relative(path, root), line or 1, f"cannot import step module {name}: {type(error).__name__}: {error}"
    )


def contexts(module: ModuleType) -> Iterator[StepFunctionContext]:
    """Step contexts pytest-bdd injected into the module's namespace, in definition order."""
    for attr_name, value in list(vars(module).items()):
        if attr_name.startswith(StepNamePrefix.step_def.value):
            marker = getattr(value, "__wrapped__", value)  # pytest.fixture wraps pytest-bdd's marker function
            context = step_function_context_registry.get(marker)
            if context is not None:
                yield context


def register_translations(
    directory: Path, step_modules: Iterable[str], namespace: MutableMapping[str, Any]
) -> list[Language]:
    """Stack each translated phrase of the folder's language files on its English phrase's step functions.

    Call it at the top level of the loader module: pytest-bdd puts each step's fixture into the namespace
    of the module calling its decorator (that module must then be one of pytest's plugins).
    """
    modules = [importlib.import_module(name) for name in step_modules]
    by_phrase = _contexts_by_phrase(modules)
    languages = read_languages(directory)
    for language in languages:
        for translation in language.phrases:
            check_translation(translation, language)
            targets = by_phrase.get(translation.english)
            if not targets:
                close = _closest(translation.english, by_phrase)
                raise TranslationError(
                    f"{language.path}:{translation.line}: no step has the English phrase "
                    f"{translation.english!r}"
                    + (f"; did you mean {close!r}?" if close else "")
                    + " (write it exactly as in the step module's decorator)"
                )
            for context in targets:
                before = len(namespace)
                # stacklevel 2: the frame of register_translations' caller, the loader module, receives the fixture.
                step(
                    TranslatedPhrase(translation, language),
                    context.type,
                    converters=context.converters,
                    target_fixture=context.target_fixture,
                    stacklevel=2,
                )(context.step_func)
                if len(namespace) == before:
                    raise RuntimeError(
                        "odoo_uat.authoring.step_registry.register_translations must be called at "
                        "the top level of the loader module whose namespace it is given"
                    )
        REGISTERED.add(language)
    return languages


def _contexts_by_phrase(modules: Iterable[ModuleType]) -> dict[str, list[StepFunctionContext]]:
    """The step contexts of the modules by their phrase as written in the decorator."""
    found: dict[str, list[StepFunctionContext]] = {}
    for module in modules:
        for context in contexts(module):
            if not isinstance(context.parser, TranslatedPhrase):
                found.setdefault(context.parser.name, []).append(context)
    return found


def _closest(text: str, known: Iterable[str]) -> str | None:
    """The English phrase nearest to a misspelled one."""
    close = difflib.get_close_matches(text, list(known), n=1, cutoff=0.6)
    return close[0] if close else None


def _describe(context: StepFunctionContext, root: Path) -> StepDef:
    """A StepDef from pytest-bdd's context of one decorator."""
    func = context.step_func
    module = sys.modules.get(func.__module__)
    doc = inspect.getdoc(func) or ""
    source, line = _source(func)
    params = _params(context)
    parameters = inspect.signature(func).parameters
    translated = context.parser if isinstance(context.parser, TranslatedPhrase) else None
    if translated is not None:
        english = parsers.cfparse(translated.translation.english, extra_types=EXTRA_TYPES)
        english_example = next(
            (
                split_keyword(example)[1]
                for example in docstring_examples(doc)
                if parser_matches(english, split_keyword(example)[1])
            ),
            None,
        )
        example = example_for(translated.translation, translated.language, english_example, context.type)
        matched = parser_matches(translated, translated.language.strip_keyword(example)[1])
        examples: tuple[str, ...] = (example,) if matched else ()
        description = translated.translation.description or docstring_description(doc)
    else:
        examples = tuple(
            _full_line(example, context.type)
            for example in docstring_examples(doc)
            if parser_matches(context.parser, split_keyword(example)[1])
        )
        description = docstring_description(doc)
    return StepDef(
        type=context.type,
        parser=context.parser,
        func=func,
        module=func.__module__,
        area=module_area(module),
        path=_relative(source, root),
        line=line,
        phrase=readable_phrase(context.parser),
        params=params,
        description=description,
        examples=examples,
        columns=docstring_columns(doc),
        datatable=_argument_need(parameters, STEP_ARGUMENT_DATATABLE),
        docstring=_argument_need(parameters, STEP_ARGUMENT_DOCSTRING),
        translated=translated.language if translated is not None else None,
    )


def parser_matches(parser: parsers.StepParser, text: str) -> bool:
    """Whether the parser reads the step text; a failing converter counts as no match."""
    try:
        return bool(parser.is_matching(text))
    except Exception:  # a converter in the step module raised: pytest-bdd would fail on this step too
        return False


def _source(func: Callable[..., object]) -> tuple[Path, int]:
    """File and first line (its first decorator) of a step function."""
    try:
        path = Path(inspect.getsourcefile(func) or "?")
    except TypeError:  # not a Python function (a builtin or a callable object)
        path = Path("?")
    return path, getattr(getattr(func, "__code__", None), "co_firstlineno", 1)


def _relative(path: Path, root: Path) -> Path:
    """path relative to root when inside it, for short stable references."""
    resolved = path.resolve()
    return resolved.relative_to(root) if resolved.is_relative_to(root) else resolved


def _argument_need(parameters: Mapping[str, inspect.Parameter], name: str) -> str | None:
    """'required' when the function needs the argument, 'optional' when it has a default, else None."""
    if name not in parameters:
        return None
    return "optional" if parameters[name].default is not inspect.Parameter.empty else "required"


def module_area(module: ModuleType | None) -> str:
    """The business area a step module covers: its docstring's first line, without the final period."""
    doc = inspect.getdoc(module) if module is not None else None
    if not doc:
        return module.__name__ if module is not None else "?"
    return doc.splitlines()[0].strip().rstrip(".")


def docstring_examples(doc: str) -> list[str]:
    """The `Example: <step line>` lines of a step function's docstring."""
    return [
        line.strip()[len(EXAMPLE_PREFIX) :].strip()
        for line in doc.splitlines()
        if line.strip().startswith(EXAMPLE_PREFIX)
    ]


def docstring_columns(doc: str) -> tuple[str, ...]:
    """The table columns named by `Columns: a, b` in a docstring line (alone or ending a sentence)."""
    for line in doc.splitlines():
        match = COLUMNS_RE.search(line)
        if match:
            return tuple(column.strip() for column in match.group(1).split(",") if column.strip())
    return ()


def docstring_description(doc: str) -> str:
    """The docstring's first line, without a `Columns: ...` sentence ending it."""
    first = doc.strip().splitlines()[0] if doc.strip() else ""
    return COLUMNS_RE.sub("", first).strip()


def column_name(column: str) -> str:
    """The name a table header must carry for a documented column: 'Type (Goods/Service)' -> 'Type'."""
    return re.sub(r"\s*\(.*\)\s*$", "", column).strip()


def split_keyword(line: str) -> tuple[str | None, str]:
    """('Given', 'the rest') for a step line, (None, line) when it starts with no keyword."""
    for keyword in STEP_LINE_KEYWORDS:
        if line.startswith(f"{keyword} "):
            return keyword, line[len(keyword) + 1 :].strip()
    return None, line.strip()


def _full_line(example: str, step_type: str | None) -> str:
    """An example as a full step line, its keyword added when the docstring left it out."""
    return example if split_keyword(example)[0] else f"{KEYWORDS[step_type or 'given']} {example}"


def readable_phrase(parser: parsers.StepParser) -> str:
    """The phrase as a person reads it: each parameter written <name>, a wording as its forms (unit/units)."""
    if isinstance(parser, parsers.parse):  # cfparse is a parse too
        try:
            return "".join(
                literal + ("" if found is None else _shown(found))
                for literal, found in fields(parser.name, _types(parser))
            )
        except ValueError:  # a format string.Formatter rejects but parse accepts: show it as written
            return parser.name
    return parser.name  # a regular expression or a plain string: as written


def _types(parser: parsers.StepParser) -> dict[str, ParamType]:
    """The types a phrase's fields may name: the grammar's, plus its language's wordings when translated."""
    if isinstance(parser, TranslatedPhrase):
        return {**parser.language.all_types, **parser.language.types}
    return TYPES


def _shown(found: Field) -> str:
    """A field of a phrase as the catalog shows it."""
    if found.type is not None and found.type.shown is not None:
        return found.type.shown
    return f"<{found.name or 'value'}>"


def _params(context: StepFunctionContext) -> tuple[Param, ...]:
    """Parameters of the phrase with the kind of value each takes, as its type says."""
    parser = context.parser
    if isinstance(parser, parsers.parse):
        try:
            found = [
                (field.name, field.type.kind if field.type else field.spec or "text")
                for _literal, field in fields(parser.name, _types(parser))
                if field is not None and field.name
            ]
        except ValueError:
            found = []
    elif isinstance(parser, parsers.re):
        found = [(name, "text") for name in parser.regex.groupindex]
    else:
        found = []
    return tuple(Param(name, kind) for name, kind in dict(found).items())


def untyped_params(definition: StepDef) -> list[str]:
    """Why a phrase's parameters are outside the grammar: a regular expression, or fields without a type."""
    parser = definition.parser
    if isinstance(parser, parsers.re):
        return ["its phrase is a regular expression"]
    if isinstance(parser, parsers.parse):
        try:
            return [
                f"{{{field.name}{':' + field.spec if field.spec else ''}}} has no type of the grammar"
                for _literal, field in fields(parser.name, _types(parser))
                if field is not None and field.type is None
            ]
        except ValueError:
            return ["its phrase cannot be read"]
    return []
