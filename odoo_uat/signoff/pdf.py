"""The exit report as a PDF, printed by the browser the suite already has (Playwright's Chromium, page.pdf)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from odoo_uat.web.browser import launch_options

FOOTER = (
    '<div style="font-size:8px;width:100%;padding:0 12mm;color:#5b6475;display:flex;justify-content:space-between">'
    '<span class="title"></span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span>'
    "</div>"
)


class PdfError(Exception):
    """The PDF cannot be printed; the message says what to install."""


def render_pdf(html: Path, pdf: Path) -> Path:
    """Print html to pdf on A4, backgrounds kept (the verdict's colour), page numbers in the footer.

    Playwright's sync API refuses a thread where an asyncio loop runs (a pytest-playwright session): then in
    a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _render(html, pdf)
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_render, html, pdf).result()


def _render(html: Path, pdf: Path) -> Path:
    options = launch_options()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**options)
            try:
                page = browser.new_page(java_script_enabled=False)  # the record: no live sign-off status
                page.goto(html.resolve().as_uri(), wait_until="load")
                page.emulate_media(media="print")
                page.pdf(
                    path=str(pdf),
                    format="A4",
                    print_background=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=FOOTER,
                    margin={"top": "12mm", "bottom": "14mm", "left": "10mm", "right": "10mm"},
                )
            finally:
                browser.close()
    except PlaywrightError as error:
        raise PdfError(f"Chromium could not print {html} ({str(error).splitlines()[0]}): run make browser") from None
    return pdf
