"""The recorder for real: a scripted session (Playwright driving the recorder as a super user would) on the embedded
Odoo writes a feature file that lints clean and passes when run against the same Odoo."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from odoo_uat.embedded import EmbeddedOdoo
from odoo_uat.odoo.rpc import connect
from tests.e2e.existing_server import REPO, run_python, server_env

pytestmark = pytest.mark.e2e

ROLE = "Sales coordinator"
CUSTOMER = "Acme Retail"
PRODUCT = "Oak Pallet"


def choose(page: Page, field: Page, text: str) -> None:
    """Type into a many2one and click the suggestion that reads exactly text, as a person does."""
    field.fill(text)
    page.locator(".o-autocomplete--dropdown-item").filter(has_text=re.compile(rf"^\s*{re.escape(text)}\s*$")).click()


def quotation_session(page: Page) -> None:
    """A sales coordinator opens Quotations, creates one for a customer with a product line, and confirms it."""
    page.locator(".o_navbar_apps_menu button").click()
    page.locator('.o_app[data-menu-xmlid="sale.sale_menu_root"]').click()
    page.locator('.o_menu_sections [data-menu-xmlid="sale.sale_order_menu"]').click()
    page.locator('.dropdown-item[data-menu-xmlid="sale.menu_sale_quotations"]').click()
    page.locator("button.o_list_button_add").click()
    choose(page, page.locator(".o_field_widget[name=partner_id] input"), CUSTOMER)
    page.locator("td.o_field_x2many_list_row_add a").first.click()
    row = page.locator("tr.o_data_row.o_selected_row")
    choose(page, row.locator("td[name=product_template_id] input"), PRODUCT)
    row.locator("td[name=product_uom_qty] input").fill("2")
    page.locator(".o_statusbar_buttons button[name=action_confirm]").first.click()
    expect(page.locator(".o_statusbar_status button.o_arrow_button_current[aria-checked=true]")).to_have_attribute(
        "data-value", "sale"
    )


@pytest.fixture(scope="module")
def server(embedded_settings):
    """An Odoo of its own for this module, used as an existing server by the recorder and by the scenario run."""
    with EmbeddedOdoo.from_settings(embedded_settings) as target:
        yield target


@pytest.fixture
def recorded_file():
    """A feature file under features/recorded/ (pytest binds only features there), removed afterwards."""
    path = REPO / "features" / "recorded" / f"recorder_test_{uuid.uuid4().hex[:8]}.feature"
    yield path
    path.unlink(missing_ok=True)
    if path.parent.is_dir() and not any(path.parent.iterdir()):
        path.parent.rmdir()


def test_a_recorded_quotation_session_becomes_a_feature_that_lints_clean_and_passes(server, recorded_file, tmp_path):
    odoo = connect(server)
    odoo.env["res.partner"].create({"name": CUSTOMER})
    odoo.env["product.product"].create({"name": PRODUCT, "type": "consu", "list_price": 45.0, "standard_price": 30.0})
    env = server_env(server)

    recorded = run_python(
        [
            "-m",
            "odoo_uat.recorder",
            "--role",
            ROLE,
            "--out",
            str(recorded_file),
            "--script",
            f"{Path(__file__).relative_to(REPO)}:quotation_session",
        ],
        env,
    )
    assert recorded.returncode == 0, recorded.stderr[-3000:]
    text = recorded_file.read_text(encoding="utf-8")
    print(text)
    for line in (
        "Given the following customers exist:",
        f"| {CUSTOMER} |",
        "And the following products exist:",
        f'And I am logged in as a "{ROLE}"',
        'When I open "Sales / Orders / Quotations"',
        'And I click "New"',
        f'And I set "Customer" to "{CUSTOMER}"',
        "And I add the lines:",
        'And I click "Confirm"',
        'Then the status is "Sales Order"',
    ):
        assert line in text
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert comments == [], "every action of this session has a documented phrase"

    linted = run_python(["-m", "odoo_uat.authoring.lint", str(recorded_file)], env)
    assert linted.returncode == 0, linted.stdout

    scenario = run_python(
        [
            "-m",
            "pytest",
            str(recorded_file),
            f"--alluredir={tmp_path / 'allure-results'}",
            f"--junitxml={tmp_path / 'junit.xml'}",
            f"--output={tmp_path / 'playwright'}",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
        ],
        env,
    )
    assert scenario.returncode == 0, scenario.stdout[-4000:]
    assert "1 passed" in scenario.stdout
