"""Printed reports: where a run keeps them, the text a PDF shows (read with pypdf), and the checks made on that text.

Shared by the print phrases (steps/print_steps.py, steps/list_steps.py) and the evidence plugin, which sweeps the
folder at the end of the run with the other artefacts (docs/secrets.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from odoo_uat.report.scrub import known_values

PRINTED = "printed"  # the folder, next to the run's Allure results, that keeps the reports the scenarios printed
REPORTS = Path("reports")  # the run's reports folder when no Allure results folder is given
UNSAFE = re.compile(r"[^\w.-]+")
MAX_FOLDER_NAME = 120
SPACES = re.compile(r"\s+")
# A number as a scenario writes it ("5", "4,00", "1,234.50"), or any other single character.
NUMBER_OR_CHAR = re.compile(r"\d[\d.,]*\d|\d|.", re.DOTALL)


def printed_root(allure_results: str | Path | None) -> Path:
    """<the run's reports folder>/printed: next to the Allure results (reports/, or a shard's folder)."""
    reports = Path(allure_results).parent if allure_results else REPORTS
    return reports / PRINTED


def scenario_folder(allure_results: str | Path | None, test_name: str) -> Path:
    """Where one scenario's printed reports are kept: <reports>/printed/<the test's name, made safe for a path>/."""
    return printed_root(allure_results) / UNSAFE.sub("_", test_name)[:MAX_FOLDER_NAME]


def pdf_text(path: Path) -> str:
    """The text of every page of a PDF, page after page, as pypdf extracts it."""
    try:
        reader = PdfReader(path)
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, OSError) as error:
        raise AssertionError(f"The printed report {path.name} cannot be read as a PDF ({error}).") from None


def check_readable(name: str, path: Path, text: str) -> None:
    """Raise a clear error when a PDF has no text to read: its words are drawn as shapes, so no check can see them."""
    if text.strip():
        return
    raise AssertionError(
        f'The printed "{name}" ({path}) has no text to read: its words are drawn as shapes. wkhtmltopdf does that with '
        "the web fonts of Odoo's report styles when it is built without patched Qt (as Debian's and Ubuntu's "
        "wkhtmltopdf package is) and the server loads those styles (its web.base.url reaches it). Install wkhtmltopdf "
        "0.12.6.1 with patched Qt on the Odoo server (the build Odoo's documentation names: "
        "https://github.com/wkhtmltopdf/packaging/releases), then print again (docs/writing-scenarios.md, section 11.2)."
    )


def line_pattern(line: str) -> re.Pattern[str]:
    """What a line the scenario wrote matches in a PDF's text: the same characters, spacing aside (a PDF breaks a long
    name over two lines of a narrow column), and each number by its value as the report formats it ("5" is "5.00" and
    "5,00"; "12.5" is "12.50"), never a part of another number."""
    parts: list[str] = []
    for piece in NUMBER_OR_CHAR.finditer(unicodedata.normalize("NFKC", line)):
        text = piece.group()
        if text.isspace():
            continue
        parts.append(_number_pattern(text) if text[0].isdigit() else re.escape(text))
    return re.compile(r"\s*".join(parts))


def _number_pattern(number: str) -> str:
    """A number as written ("5", "4,00", "1,234.50") -> a pattern for its value in any decimal format."""
    head, separator, tail = max(number.rpartition("."), number.rpartition(","), key=lambda split: len(split[0]))
    if not separator or len(tail) == 3:  # no decimals, or a thousands group ("1,000"): as written
        head, tail = number, ""
    decimals = tail.rstrip("0")
    # A label sets the cents apart (smaller, on their own line): pypdf reads "24." then "50".
    fraction = rf"[.,]\s*{re.escape(decimals)}0*" if decimals else r"(?:[.,]\s*0+)?"
    return rf"(?<!\d){re.escape(head)}{fraction}(?![.,]?\d)"


def missing_lines(text: str, lines: Iterable[str]) -> list[str]:
    """The lines (as the scenario wrote them) that the text does not show (line_pattern); case counts."""
    shown = unicodedata.normalize("NFKC", text)
    return [line for line in lines if not line_pattern(line).search(shown)]


def shown_secrets(text: str, known: Iterable[str]) -> bool:
    """Whether the text shows one of the known secret values (in any escaped form)."""
    return any(value in text for value in known_values(known))


def excerpt(text: str, limit: int = 1500) -> str:
    """The text on one line per line of the PDF, blank lines dropped, cut at `limit` characters (for a message)."""
    lines = [SPACES.sub(" ", line).strip() for line in text.splitlines()]
    shown = "\n".join(line for line in lines if line)
    return shown if len(shown) <= limit else shown[:limit] + " …"
