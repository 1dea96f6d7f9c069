"""What the end-to-end tests share: the embedded Odoo's settings, or a skip that says how to get them."""

from __future__ import annotations

import pytest

from odoo_uat.settings import Settings, load_settings

OPTIONS = ("--odoo-url", "--odoo-src", "--odoo-cache-dir")
NO_SOURCE_TREE = (
    "ODOO_SRC is not set (or ODOO_URL wins over it): point ODOO_SRC or --odoo-src at an Odoo 19.0 "
    "or 18.0 source tree to run the end-to-end tests against the embedded Odoo."
)


@pytest.fixture(scope="session")
def embedded_settings(request: pytest.FixtureRequest) -> Settings:
    """The settings of the embedded Odoo under test; skips the test with the reason when there is none."""
    settings = load_settings(
        request.config.rootpath,
        {option: request.config.getoption(option.lstrip("-").replace("-", "_"), None) for option in OPTIONS},
    )
    if settings.src is None or settings.mode != "embedded":
        pytest.skip(NO_SOURCE_TREE)
    return settings
