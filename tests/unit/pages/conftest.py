"""Pages driven in a real browser without Odoo: markup as Odoo renders it, set into a blank page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page


@pytest.fixture
def blank_page(browser: Browser) -> Iterator[Page]:
    """A page of pytest-playwright's browser, without the suite's Odoo context (no server needed)."""
    context = browser.new_context()
    yield context.new_page()
    context.close()
