"""Printed reports: where they are kept, the text of a real PDF (made by Chromium, read by pypdf), and its checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from odoo_uat.printed import check_readable, excerpt, missing_lines, pdf_text, scenario_folder, shown_secrets


@pytest.mark.parametrize(
    ("results", "folder"),
    [
        ("reports/allure-results", "reports/printed/test_count_sheet_Oak_"),
        ("reports/shards/1-of-2/allure-results", "reports/shards/1-of-2/printed/test_count_sheet_Oak_"),
        (None, "reports/printed/test_count_sheet_Oak_"),
    ],
)
def test_printed_reports_are_kept_next_to_the_run_s_results(results: str | None, folder: str) -> None:
    assert scenario_folder(results, "test_count_sheet[Oak]") == Path(folder)


@pytest.fixture(scope="module")
def delivery_slip(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A PDF like a delivery slip: a customer, a narrow column that breaks a long name, a French quantity."""
    page = browser.new_page()
    page.set_content(
        "<h1>Delivery Slip WH/OUT/00012</h1><p>Acme Retail k3x9ab-1</p>"
        "<table><tr><td style='width:60px'>Oak Pallet k3x9ab-1</td><td>4,00\u00a0Unités</td></tr></table>"
    )
    path = tmp_path_factory.mktemp("printed") / "slip.pdf"
    path.write_bytes(page.pdf())
    page.close()
    return path


def test_the_text_of_a_real_pdf_is_read(delivery_slip: Path) -> None:
    text = pdf_text(delivery_slip)
    assert "Delivery Slip WH/OUT/00012" in text and "Acme Retail k3x9ab-1" in text


def test_lines_are_found_whatever_the_pdf_s_spacing(delivery_slip: Path) -> None:
    text = pdf_text(delivery_slip)
    assert missing_lines(text, ["Oak Pallet k3x9ab-1", "4,00 Unités", "WH/OUT/00012"]) == []


def test_the_lines_a_pdf_does_not_show_are_named(delivery_slip: Path) -> None:
    text = pdf_text(delivery_slip)
    assert missing_lines(text, ["Acme Retail", "5,00 Unités", "acme retail"]) == ["5,00 Unités", "acme retail"]


def test_a_pdf_whose_words_are_shapes_says_why_and_what_to_install(browser: Browser, tmp_path: Path) -> None:
    """What Debian's wkhtmltopdf writes with Odoo's report styles: the words drawn as curves, no text to read."""
    page = browser.new_page()
    page.set_content("<svg width='200' height='40'><path d='M2 30 C 10 2, 20 2, 28 30 Z'/></svg>")
    path = tmp_path / "invoice.pdf"
    path.write_bytes(page.pdf())
    page.close()
    with pytest.raises(AssertionError, match=r'printed "Invoice" .*invoice\.pdf.* drawn as shapes.*patched Qt'):
        check_readable("Invoice", path, pdf_text(path))


def test_a_pdf_with_text_is_readable(delivery_slip: Path) -> None:
    check_readable("Delivery Slip", delivery_slip, pdf_text(delivery_slip))


def test_a_file_that_is_no_pdf_says_so(tmp_path: Path) -> None:
    path = tmp_path / "slip.pdf"
    path.write_text("<html>")
    with pytest.raises(AssertionError, match=r"slip\.pdf cannot be read as a PDF"):
        pdf_text(path)


def test_a_known_secret_in_the_text_is_seen() -> None:
    assert shown_secrets("Login: uat-buyer Password: s3cret-Pa55word!", ["s3cret-Pa55word!"])
    assert not shown_secrets("Delivery Slip", ["s3cret-Pa55word!"])


def test_an_excerpt_drops_blank_lines_and_is_cut() -> None:
    assert excerpt("a\n\n  b   c \n") == "a\nb c"
    assert excerpt("x" * 50, limit=10) == "x" * 10 + " …"


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("5 Units", True),  # 19.0 prints "5" then "Units" on its own line
        ("5.00 Units", True),
        ("4,00 Unités", True),
        ("12.5", True),
        ("$ 1,234.50", True),
        ("5.5 Units", False),
        ("1 Units", False),  # never a part of another number
        ("34.50", False),
        ("24.50", True),  # a label's cents, on their own line
    ],
)
def test_numbers_are_compared_by_value_as_the_report_formats_them(line: str, shown: bool) -> None:
    text = "Oak Pallet\n5\nUnits\n5.00 Units\n4\u202fUnités\n12.50\n$\n1,234.50\n15 Units\n$\n24.\n50"
    assert (missing_lines(text, [line]) == []) is shown
