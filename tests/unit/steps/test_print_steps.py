"""The print phrases: each line reads as one phrase only, in English and French; a printed report is asked by the
scenario's name for it, and one whose text shows a secret is neither kept nor attached."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat.authoring import step_registry
from odoo_uat.authoring.matching import StepMatcher
from odoo_uat.secret import Secret
from steps.print_steps import Printed, PrintedReports

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def matcher() -> StepMatcher:
    return StepMatcher(step_registry.load(ROOT))


@pytest.mark.parametrize(
    ("kind", "line", "shown"),
    [
        ("when", 'I print the "Delivery Slip"', 'When I print the "<report>"'),
        ("when", 'I click "Print" to print the "Invoice"', 'When I click "<button>" to print the "<report>"'),
        ("when", 'I click "Print"', 'When I click "<button>"'),
        ("when", 'I choose "Purchase Order" in the Print menu', 'When I choose "<item>" in the Print menu'),
        ("then", 'the printed "Delivery Slip" shows:', 'Then the printed "<report>" shows:'),
    ],
)
def test_each_line_reads_as_one_phrase_only(matcher: StepMatcher, kind: str, line: str, shown: str) -> None:
    assert [definition.display for definition in matcher.matching(kind, line)] == [shown]


class FakeActing:
    def __init__(self, secrets: list[str]) -> None:
        self.secrets = secrets

    def known_secrets(self) -> list[Secret]:
        return [Secret(value) for value in self.secrets]


class FakeDownload:
    def __init__(self, name: str, content: bytes) -> None:
        self.suggested_filename = name
        self.content = content

    def save_as(self, path: Path) -> None:
        Path(path).write_bytes(self.content)


def test_a_report_not_printed_lists_those_that_were(tmp_path: Path) -> None:
    reports = PrintedReports(tmp_path, FakeActing([]))  # type: ignore[arg-type]
    reports.by_name["delivery slip"] = Printed(tmp_path / "Delivery Slip - WH_OUT_00012.pdf", "")
    with pytest.raises(AssertionError, match=r'no "Invoice"\. .*printed: "Delivery Slip - WH_OUT_00012\.pdf"'):
        reports.get("Invoice")
    assert reports.get("DELIVERY SLIP").path.name == "Delivery Slip - WH_OUT_00012.pdf"


def test_a_report_showing_a_secret_is_deleted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("steps.print_steps.pdf_text", lambda path: "Session: 4f1c0ffee-cookie-value")
    reports = PrintedReports(tmp_path, FakeActing(["4f1c0ffee-cookie-value"]))  # type: ignore[arg-type]
    with pytest.raises(AssertionError, match=r"shows a password or a session key"):
        reports.keep("Delivery Slip", FakeDownload("slip.pdf", b"%PDF-1.4"))  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
