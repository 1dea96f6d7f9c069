"""Every step the recorder writes must be a documented phrase: checked against the step registry (docs/steps.md)."""
from __future__ import annotations

from pathlib import Path

from odoo_uat.authoring.step_registry import Registry, StepDef, column_name, load
from odoo_uat.recorder.scenario import Comment, Line, Step


class Phrasebook:
    """The suite's documented phrases, and whether a step line the recorder composed is one of them."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    @classmethod
    def of(cls, root: Path) -> Phrasebook:
        """The phrases of the step modules under root (steps/)."""
        return cls(load(root))

    def definition(self, step: Step) -> StepDef | None:
        """The one phrase this step uses, None when none (or several) match."""
        found = [definition for definition in self.registry.steps
                 if definition.accepts(step.type) and definition.matches(step.text)]
        return found[0] if len(found) == 1 else None

    def problem(self, step: Step) -> str | None:
        """Why the step is not a documented phrase used as documented, or None when it is."""
        definition = self.definition(step)
        if definition is None:
            return "no documented phrase matches it"
        if step.table and definition.datatable is None:
            return f'"{definition.display}" takes no table'
        if not step.table and definition.datatable == "required":
            return f'"{definition.display}" needs a table'
        if step.table and definition.columns:
            allowed = {column_name(column).casefold() for column in definition.columns}
            unknown = [column for column in step.table[0] if column.casefold() not in allowed]
            if unknown:
                return f"its columns {', '.join(unknown)} are not among {', '.join(definition.columns)}"
        return None

    def checked(self, lines: list[Line]) -> list[Line]:
        """The lines, each step that is no documented phrase turned into a comment saying so."""
        out: list[Line] = []
        for line in lines:
            problem = self.problem(line) if isinstance(line, Step) else None
            if problem is None:
                out.append(line)
                continue
            out.append(Comment(f"not written as a step, {problem}: {line.type.title()} {line.text}"))
            out += [Comment("  | " + " | ".join(row) + " |") for row in line.table]
        return out
