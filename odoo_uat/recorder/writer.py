"""The feature file's text: one Feature, one Scenario, steps with And, tables aligned, comments as # lines."""

from __future__ import annotations

from collections.abc import Sequence

from odoo_uat.recorder.scenario import Comment, Line

INDENT = "  "
KEYWORDS = {"given": "Given", "when": "When", "then": "Then"}


def cell(text: str) -> str:
    """A table cell's text with its pipes and backslashes escaped, as Gherkin reads them."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n")


def table_lines(rows: Sequence[Sequence[str]], indent: str) -> list[str]:
    """A Gherkin table, its columns aligned."""
    cells = [[cell(value) for value in row] for row in rows]
    widths = [max(len(row[index]) for row in cells) for index in range(len(cells[0]))]
    return [indent + "| " + " | ".join(value.ljust(width) for value, width in zip(row, widths)) + " |" for row in cells]


def step_lines(lines: Sequence[Line], indent: str) -> list[str]:
    """Steps with their keyword (And when the type is the one above), tables under them, comments as #."""
    out: list[str] = []
    previous: str | None = None
    for line in lines:
        if isinstance(line, Comment):
            out.append(f"{indent}# {line.text}")
            continue
        keyword = "And" if line.type == previous else KEYWORDS[line.type]
        previous = line.type
        out.append(f"{indent}{keyword} {line.text}")
        if line.table:
            out += table_lines(line.table, indent + INDENT)
    return out


def feature_text(feature: str, description: str, scenario: str, lines: Sequence[Line]) -> str:
    """The whole feature file."""
    body = [
        f"Feature: {feature}",
        *(f"{INDENT}{text}" for text in description.splitlines()),
        "",
        f"{INDENT}Scenario: {scenario}",
        *step_lines(lines, INDENT * 2),
    ]
    return "\n".join(body) + "\n"
