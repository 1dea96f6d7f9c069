"""make bench writes to the server it measures: it checks the database first, and marks what it seeds as its run's."""

from __future__ import annotations

import pytest

from odoo_uat.bench import run
from odoo_uat.bench.flows import Flow, quote_to_ship, time_floor
from odoo_uat.odoo.run_id import RUN_MODULE, parse_marker
from odoo_uat.odoo.safety import NEUTRALIZED_PARAMETER, OVERRIDE_VARIABLE
from odoo_uat.odoo.target import OdooTarget
from tests.unit.fake_odoo import FakeModel, FakeOdoo

RUN = "bench01"
WH_STOCK, NEUTRALISED = 8, 1
SERVER_OWN = {("stock.location", WH_STOCK), ("ir.config_parameter", NEUTRALISED)}  # not the bench's to mark
# Records the cleanup reaches without a marker of their own: stock through the marked products, a wizard
# Odoo deletes by itself.
UNMARKED = {"ir.model.data", "stock.quant", "sale.advance.payment.inv"}


class Parameters(FakeModel):
    """ir.config_parameter: neutralised or not, as the rows say."""

    def get_param(self, key: str, default=False):
        return next((row["value"] for row in self.rows if row["key"] == key), default)


@pytest.fixture
def server(fake_odoo: FakeOdoo) -> FakeOdoo:
    """A server with a WH/Stock location, whose database is not neutralised (a production database)."""
    fake_odoo.models["ir.config_parameter"] = Parameters
    fake_odoo.rows["stock.location"] = [
        {"id": WH_STOCK, "name": "Stock", "complete_name": "WH/Stock", "usage": "internal"}
    ]
    return fake_odoo


def unmarked(odoo: FakeOdoo, run_id: str) -> dict[str, list[int]]:
    """Model -> ids of the records written that carry no marker of run_id."""
    markers = [
        parse_marker(row["name"], row["model"], row["res_id"])
        for row in odoo.rows["ir.model.data"]
        if row.get("module") == RUN_MODULE
    ]
    marked = {(marker.model, marker.res_id) for marker in markers if marker and marker.run_id == run_id}
    written = {
        (model, row["id"])
        for model, rows in odoo.rows.items()
        if model not in UNMARKED
        for row in rows
        if (model, row["id"]) not in SERVER_OWN
    }
    missing: dict[str, list[int]] = {}
    for model, record in sorted(written - marked):
        missing.setdefault(model, []).append(record)
    return missing


def test_what_the_bench_seeds_carries_its_run_marker(server: FakeOdoo):
    run.seed_once(run.bench_seeding(server, RUN), f"{RUN}-1")
    assert server.rows["res.partner"] and server.rows["product.product"]
    assert unmarked(server, RUN) == {}


def test_a_floors_records_carry_the_bench_run_marker(server: FakeOdoo):
    time_floor(server, Flow("quote-to-ship", "f.feature", "Ship", quote_to_ship), RUN)
    assert server.rows["sale.order"]
    assert unmarked(server, RUN) == {}


@pytest.fixture
def production(server: FakeOdoo, monkeypatch) -> FakeOdoo:
    """The settings name an existing server whose database is not neutralised; connect() gives the fake."""
    for name in ("ODOO_SRC", "ODOO_LOGIN", OVERRIDE_VARIABLE):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ODOO_URL", "https://prod.example.com")
    monkeypatch.setenv("ODOO_DB", "prod")
    monkeypatch.setenv("ODOO_PASSWORD", "secret")
    monkeypatch.setattr("odoo_uat.odoo.rpc.connect", lambda target: server)
    monkeypatch.setattr(run, "browser_logins", lambda *args: pytest.fail("the bench went on to log a role in"))
    return server


def test_a_database_that_is_not_neutralised_is_refused_before_the_first_write(production: FakeOdoo, capsys):
    assert run.main(["--rounds", "1", "--no-flows", "--no-warm-start"]) == 2
    err = capsys.readouterr().err
    assert "odoo-uat bench: error: Refusing to run against database 'prod' at https://prod.example.com" in err
    assert [(call.model, call.method) for call in production.calls] == [("ir.config_parameter", "get_param")]


def test_a_neutralised_database_is_benched(production: FakeOdoo, monkeypatch):
    production.rows["ir.config_parameter"] = [{"id": NEUTRALISED, "key": NEUTRALIZED_PARAMETER, "value": "True"}]
    stop = RuntimeError("stopped after seeding")

    def stop_at_browser(*args):
        raise stop

    monkeypatch.setattr(run, "browser_logins", stop_at_browser)
    with pytest.raises(RuntimeError, match="stopped after seeding"):
        run.main(["--rounds", "1", "--no-flows", "--no-warm-start"])
    assert production.rows["res.partner"]  # it seeded, under its run's markers
    [marker_run] = {row["name"].split("_", 1)[0] for row in production.rows["ir.model.data"]}
    assert unmarked(production, marker_run) == {}


def test_the_pytest_runs_get_the_servers_password_as_text_in_their_environment():
    target = OdooTarget("http://127.0.0.1:8069", "uat_1", "admin", "s3cret", embedded=True)
    options, env = run.against(target)
    assert options == ["--odoo-url=http://127.0.0.1:8069", "--odoo-db=uat_1"]  # never the password
    assert env["ODOO_PASSWORD"] == "s3cret" and all(isinstance(value, str) for value in env.values())
