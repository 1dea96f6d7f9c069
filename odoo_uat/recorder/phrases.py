"""Every step the recorder writes must be a documented phrase: checked against the step registry (docs/steps.md)
by the lint's own matching (odoo_uat/authoring/matching.py)."""

from __future__ import annotations

from pathlib import Path

from odoo_uat.authoring.matching import ArgumentProblem, Mismatch, StepMatcher, argument_problems
from odoo_uat.authoring.step_registry import Registry, StepDef, load
from odoo_uat.recorder.scenario import Comment, Line, Step

# How a comment says why a step the recorder composed is not written as one.
REASONS = {
    Mismatch.TABLE_MISSING: '"{display}" needs a table',
    Mismatch.TABLE_IGNORED: '"{display}" takes no table',
    Mismatch.UNKNOWN_COLUMNS: "its columns {columns} are not among {known}",
    Mismatch.TEXT_MISSING: '"{display}" needs a text block',
    Mismatch.TEXT_IGNORED: '"{display}" takes no text block',
}


class Phrasebook:
    """The suite's documented phrases, and whether a step line the recorder composed is one of them."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.matcher = StepMatcher(registry)

    @classmethod
    def of(cls, root: Path) -> Phrasebook:
        """The phrases of the step modules under root (steps/)."""
        return cls(load(root))

    def definition(self, step: Step) -> StepDef | None:
        """The one phrase this step uses, None when none (or several) match."""
        found = self.matcher.matching(step.type, step.text)
        return found[0] if len(found) == 1 else None

    def problem(self, step: Step) -> str | None:
        """Why the step is not a documented phrase used as documented, or None when it is."""
        definition = self.definition(step)
        if definition is None:
            return "no documented phrase matches it"
        problems = argument_problems(definition, step.table or None)
        return _reason(problems[0], definition) if problems else None

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


def _reason(found: ArgumentProblem, definition: StepDef) -> str:
    """A mismatch of the step's table or text block, as the recorder's comment says it."""
    return REASONS[found.mismatch].format(
        display=definition.display, columns=", ".join(found.columns), known=", ".join(definition.columns)
    )
