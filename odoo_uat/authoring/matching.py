"""Which step definitions a step line uses, and whether it carries the table or text block they take.

The lint and the recorder ask here, so a step the recorder writes is one the lint accepts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from odoo_uat.authoring.i18n import REGISTERED
from odoo_uat.authoring.step_registry import Registry, StepDef, column_name


class StepMatcher:
    """Finds the definitions of a step text, with a cache since outlines repeat the same texts."""

    def __init__(self, registry: Registry) -> None:
        self.steps = registry.steps
        self._cache: dict[str, list[StepDef]] = {}

    def any_type(self, text: str) -> list[StepDef]:
        """Definitions of any keyword whose phrase matches the text."""
        if text not in self._cache:
            self._cache[text] = [definition for definition in self.steps if definition.matches(text)]
        return self._cache[text]

    def matching(self, step_type: str, text: str) -> list[StepDef]:
        """Definitions pytest-bdd could pick for the step, one per step function."""
        by_function: dict[int, StepDef] = {}
        for definition in self.any_type(text):
            if definition.accepts(step_type):
                by_function.setdefault(id(definition.func), definition)
        return list(by_function.values())


class Mismatch(Enum):
    """How a step's table or text block differs from what its definition takes."""

    TABLE_MISSING = "the definition needs a table"
    TABLE_IGNORED = "the definition takes no table"
    UNKNOWN_COLUMNS = "the table has columns the definition does not name"
    TEXT_MISSING = "the definition needs a text block"
    TEXT_IGNORED = "the definition takes no text block"


@dataclass(frozen=True)
class ArgumentProblem:
    """One mismatch between a step's table or text block and its definition; the unknown columns for a table's."""

    mismatch: Mismatch
    columns: tuple[str, ...] = ()


def argument_problems(
    definition: StepDef, table: Sequence[Sequence[str]] | None, has_text: bool = False
) -> list[ArgumentProblem]:
    """What the step's table (rows of cells, header first; None for no table) and text block do not do as the
    definition takes them; a column may be written in any registered language."""
    problems = []
    if table is None and definition.datatable == "required":
        problems.append(ArgumentProblem(Mismatch.TABLE_MISSING))
    if table is not None and definition.datatable is None:
        problems.append(ArgumentProblem(Mismatch.TABLE_IGNORED))
    if table and definition.columns:
        known = {column_name(column).casefold() for column in definition.columns}
        unknown = tuple(
            column
            for column in table[0]
            if column.casefold() not in known and (REGISTERED.column(column) or "").casefold() not in known
        )
        if unknown:
            problems.append(ArgumentProblem(Mismatch.UNKNOWN_COLUMNS, unknown))
    if not has_text and definition.docstring == "required":
        problems.append(ArgumentProblem(Mismatch.TEXT_MISSING))
    if has_text and definition.docstring is None:
        problems.append(ArgumentProblem(Mismatch.TEXT_IGNORED))
    return problems
