"""The cleanup for real: a scenario runs against an existing server (an embedded Odoo serving a fresh
neutralised clone, as a staging would), then `python -m odoo_uat.odoo.cleanup` archives, cancels and
deactivates what it left, and leaves alone a record the suite did not create."""

from __future__ import annotations

import pytest

from odoo_uat.embedded import EmbeddedOdoo
from odoo_uat.odoo.rpc import connect
from odoo_uat.odoo.run_id import RUN_ID_PROPERTY, RUN_MODULE
from odoo_uat.report import properties
from tests.e2e.existing_server import run_python, server_env

pytestmark = pytest.mark.e2e

SCENARIO = ["features/order_to_cash/quote_to_ship.feature", "-k", "full"]  # "Ship a confirmed order in full"
ROLE_LOGINS = ["uat-sales-coordinator", "uat-warehouse-operator", "uat-accountant"]


@pytest.fixture(scope="module")
def server(embedded_settings):
    """An Odoo of its own for this module, used as an existing server (the cleanup deactivates role users)."""
    with EmbeddedOdoo.from_settings(embedded_settings) as target:
        yield target


def test_cleanup_archives_cancels_and_deactivates_what_a_run_left_and_nothing_else(server, tmp_path):
    env = server_env(server)
    odoo = connect(server)
    bystander = odoo.env["res.partner"].create({"name": "Customer the suite did not create"})
    bystander_order = odoo.env["sale.order"].create({"partner_id": bystander})

    results = tmp_path / "allure-results"
    scenario = run_python(
        [
            "-m",
            "pytest",
            *SCENARIO,
            f"--alluredir={results}",
            "--clean-alluredir",
            f"--junitxml={tmp_path / 'junit.xml'}",
            f"--output={tmp_path / 'playwright'}",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
        ],
        env,
    )
    assert scenario.returncode == 0, scenario.stdout[-3000:]
    run_id = properties.read(results / "environment.properties")[RUN_ID_PROPERTY]

    markers = odoo.env["ir.model.data"].search_read(
        [("module", "=", RUN_MODULE), ("name", "=like", f"{run_id}%")], ["model", "res_id"]
    )
    marked = {(row["model"], row["res_id"]) for row in markers}
    [partner] = [rid for model, rid in marked if model == "res.partner"]
    [product] = [rid for model, rid in marked if model == "product.product"]
    assert run_id in odoo.env["res.partner"].read([partner], ["name"])[0]["name"]
    orders = odoo.env["sale.order"].search([("partner_id", "=", partner)])
    assert orders, "the scenario made no sales order for its customer"
    users = odoo.env["res.users"].search([("login", "in", ROLE_LOGINS)])
    assert {("res.users", user) for user in users} <= marked

    dry = run_python(["-m", "odoo_uat.odoo.cleanup", "--run", run_id, "--dry-run"], env)
    assert dry.returncode == 0 and "would be archived" in dry.stdout
    assert odoo.env["res.partner"].read([partner], ["active"])[0]["active"]

    cleanup = run_python(["-m", "odoo_uat.odoo.cleanup", "--run", run_id], env)
    assert cleanup.returncode == 0, cleanup.stdout + cleanup.stderr
    assert "sale.order: 1 cancelled" in cleanup.stdout

    partners = odoo.env["res.partner"].with_context(active_test=False)
    products = odoo.env["product.product"].with_context(active_test=False)
    assert not partners.read([partner], ["active"])[0]["active"]
    assert not products.read([product], ["active"])[0]["active"]
    assert {row["state"] for row in odoo.env["sale.order"].read(orders, ["state"])} == {"cancel"}
    invoices = odoo.env["account.move"].search([("partner_id", "=", partner), ("move_type", "=", "out_invoice")])
    assert {row["state"] for row in odoo.env["account.move"].read(invoices, ["state"])} <= {"cancel"}
    inactive = odoo.env["res.users"].with_context(active_test=False).read(users, ["active"])
    assert not any(row["active"] for row in inactive)

    # What the suite did not create is intact.
    assert partners.read([bystander], ["active"])[0]["active"]
    assert odoo.env["sale.order"].read([bystander_order], ["state"])[0]["state"] == "draft"

    again = run_python(["-m", "odoo_uat.odoo.cleanup", "--run", run_id], env)
    assert again.returncode == 0 and "FAILED" not in again.stdout  # a second cleanup finds it all clean
