"""The recorder for real: a scripted session (Playwright driving the recorder as a super user would) on the embedded
Odoo writes a feature file that lints clean and passes when run against the same Odoo."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from odoo_uat.embedded import EmbeddedOdoo
from odoo_uat.odoo.rpc import connect
from odoo_uat.odoo.target import OdooTarget

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
ROLE = "Sales coordinator"
CUSTOMER = "Acme Retail"
PRODUCT = "Oak Pallet"
ODOO_VARIABLES = ("ODOO_SRC", "ODOO_URL", "ODOO_DB", "ODOO_PASSWORD", "ODOO_LOGIN", "ODOO_ADDONS_PATH",
                  "ODOO_INSTALL", "ODOO_UAT_ALLOW_LIVE_DATABASE")
TIMEOUT = 900  # a bound against a hang, not a wait


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
        "data-value", "sale")


@pytest.fixture(scope="module")
def server(embedded_settings):
    """An Odoo of its own for this module, used as an existing server by the recorder and by the scenario run."""
    with EmbeddedOdoo.from_settings(embedded_settings) as target:
        yield target


def server_env(target: OdooTarget) -> dict[str, str]:
    base = {name: value for name, value in os.environ.items() if name not in ODOO_VARIABLES}
    return {**base, "ODOO_URL": target.url, "ODOO_DB": target.db, "ODOO_PASSWORD": target.password,
            "ODOO_LOGIN": target.login}


def run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, *argv], cwd=REPO, env=env, capture_output=True, text=True, check=False,
                          timeout=TIMEOUT)
    print(f"$ {' '.join(argv)} -> {done.returncode}\n{done.stdout[-4000:]}{done.stderr[-3000:]}")
    return done


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

    recorded = run(["-m", "odoo_uat.recorder", "--role", ROLE, "--out", str(recorded_file),
                    "--script", f"{Path(__file__).relative_to(REPO)}:quotation_session"], env)
    assert recorded.returncode == 0, recorded.stderr[-3000:]
    text = recorded_file.read_text(encoding="utf-8")
    print(text)
    for line in ('Given the following customers exist:', f"| {CUSTOMER} |", "And the following products exist:",
                 f'And I am logged in as a "{ROLE}"', 'When I open "Sales / Orders / Quotations"', 'And I click "New"',
                 f'And I set "Customer" to "{CUSTOMER}"', "And I add the lines:", 'And I click "Confirm"',
                 'Then the status is "Sales Order"'):
        assert line in text
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert comments == [], "every action of this session has a documented phrase"

    linted = run(["-m", "odoo_uat.authoring.lint", str(recorded_file)], env)
    assert linted.returncode == 0, linted.stdout

    scenario = run(["-m", "pytest", str(recorded_file), f"--alluredir={tmp_path / 'allure-results'}",
                    f"--junitxml={tmp_path / 'junit.xml'}", f"--output={tmp_path / 'playwright'}",
                    "-p", "no:randomly", "-p", "no:cacheprovider"], env)
    assert scenario.returncode == 0, scenario.stdout[-4000:]
    assert "1 passed" in scenario.stdout
