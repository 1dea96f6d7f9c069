"""Reading Odoo's log for why an install or update failed: the module to blame and the traceback to quote."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from odoo_uat.embedded.errors import EmbeddedError

# Where Odoo's log records start: "2026-11-28 17:50:11,123 4242 ERROR db logger: message".
LOG_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) ")
FAILURE_LEVELS = ("ERROR", "CRITICAL")
QUOTED_LINES = 25  # of the failure's traceback, in the error message
MAX_RECORDS = 5  # log records quoted before the one with the traceback


def failure_excerpt(log_text: str, modules: Sequence[str], preferred: Sequence[str] = ()) -> tuple[str | None, str]:
    """The module a failed Odoo run names (None when it names none) and the failure's lines to quote.

    The failure is the first ERROR or CRITICAL record with its traceback; the module is the last
    of `preferred` (the customisation's), else of `modules`, that a path or a "module <name>" in it
    names: the deepest frame is the culprit.
    """
    lines = log_text.splitlines()
    start = next(
        (
            number
            for number, line in enumerate(lines)
            if (match := LOG_RECORD.match(line)) and match["level"] in FAILURE_LEVELS
        ),
        None,
    )
    if start is None:
        return None, "\n".join(lines[-QUOTED_LINES:])
    # From the first failure record up to the end of the first traceback (a record such as
    # "Couldn't load module x" comes before the record that carries the traceback).
    end = start
    for _ in range(MAX_RECORDS):
        record_end = next(
            (number for number in range(end + 1, len(lines)) if LOG_RECORD.match(lines[number])), len(lines)
        )
        traceback_found, end = record_end - end > 1, record_end
        if traceback_found or end == len(lines):
            break
    block = lines[start:end]
    text = "\n".join(block)
    culprit = last_named(text, preferred) or last_named(text, modules)
    quoted = block if len(block) <= QUOTED_LINES else [block[0], "  ...", *block[-(QUOTED_LINES - 2) :]]
    return culprit, "\n".join(quoted)


def last_named(text: str, modules: Iterable[str]) -> str | None:
    """The module of modules that text names last, in a path (/name/) or as "module name"."""
    named = [
        (match.start(), module)
        for module in modules
        for match in re.finditer(rf"[/\\]{re.escape(module)}[/\\]|\bmodule:? '?{re.escape(module)}\b", text)
    ]
    return max(named)[1] if named else None


def build_failure(
    log: Path,
    returncode: int | None,
    modules: Sequence[str],
    doing: str,
    missing: Sequence[str] = (),
    preferred: Sequence[str] = (),
) -> EmbeddedError:
    """The error for a failed install or update: the module named, Odoo's traceback quoted."""
    try:
        text = log.read_text(errors="replace")
    except OSError:
        text = ""
    culprit, excerpt = failure_excerpt(text, [*preferred, *modules], preferred)
    what = f"the module {culprit}" if culprit else "the module(s) " + ", ".join(modules or ["base"])
    outcome = f"Odoo exited with {returncode}" if returncode else "Odoo exited without error"
    if missing:
        outcome += f"; not installed: {', '.join(missing)}"
    return EmbeddedError(f"Odoo could not {doing} {what} ({outcome}). From {log}:\n" + indent(excerpt))


def indent(text: str, prefix: str = "    ") -> str:
    """Quote text as an indented block."""
    return "\n".join(prefix + line for line in text.splitlines())
