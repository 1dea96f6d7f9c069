"""The printed reports in the run's evidence: swept at the end of the run by their text (a PDF's text is compressed,
the byte search does not see it), and an earlier run's emptied at the start."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from odoo_uat.plugins.evidence import RunFiles, remove_printed_secrets

SECRET = "s3cret-Pa55word-for-uat"  # pragma: allowlist secret


@pytest.fixture(scope="module")
def pdfs(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    page = browser.new_page()
    made = {}
    for name, text in {"clean": "Delivery Slip WH/OUT/00012", "leaking": f"Password: {SECRET}"}.items():
        page.set_content(f"<p>{text}</p>")
        made[name] = page.pdf()
    page.close()
    return made


def test_a_printed_report_showing_a_known_secret_is_removed(pdfs: dict[str, bytes], tmp_path: Path) -> None:
    clean, leaking, broken = tmp_path / "clean.pdf", tmp_path / "leaking.pdf", tmp_path / "broken.pdf"
    clean.write_bytes(pdfs["clean"])
    leaking.write_bytes(pdfs["leaking"])
    broken.write_bytes(b"%PDF-1.4 cut short")
    assert SECRET.encode() not in pdfs["leaking"]  # compressed: why the byte search is not enough
    removed = remove_printed_secrets([clean, leaking, broken, tmp_path / "notes.txt"], [SECRET])
    assert [path for path, _why in removed] == [leaking, broken]
    assert clean.is_file() and not leaking.exists() and not broken.exists()


def test_the_printed_folder_is_among_the_files_the_run_wrote(tmp_path: Path) -> None:
    printed = tmp_path / "printed" / "test_slip"
    printed.mkdir(parents=True)
    (printed / "Delivery Slip.pdf").write_bytes(b"%PDF-1.4")
    files = RunFiles(None, None, None, None, started=0.0, printed=tmp_path / "printed")
    assert files.written([]) == [printed / "Delivery Slip.pdf"]
