"""make soak: per-scenario passes, failures, retries and distinct messages over runs; the command each run gets;
the server it soaks (ODOO_URL's, checked before the first run)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from odoo_uat import soak
from odoo_uat.odoo.safety import NEUTRALIZED_PARAMETER, OVERRIDE_OPTION, OVERRIDE_VARIABLE
from odoo_uat.odoo.target import OdooTarget
from odoo_uat.soak import (
    Outcome,
    RunRecord,
    overall_rate,
    parse_args,
    pytest_command,
    read_run,
    render_json,
    render_markdown,
    tabulate,
)
from tests.unit.fake_odoo import FakeModel, FakeOdoo

ROOT = Path(__file__).resolve().parents[3]
SHIP = "order_to_cash/quote_to_ship.feature: Ship in full"
RETURN = "returns/return.feature: Return a delivery"
TIMEOUT = 'TimeoutError: Locator.click: Timeout 15000ms exceeded.\nCall log:\n  - waiting for locator("button")'


def write_result(
    folder: Path, uuid: str, key: str, status: str, *, history: str | None = None, message: str = "", stop: int = 1
) -> None:
    """One Allure result file, as allure-pytest-bdd writes it, for the scenario the table calls key."""
    folder.mkdir(parents=True, exist_ok=True)
    path, name = key.split(": ", 1)
    result = {
        "uuid": uuid,
        "historyId": history or uuid,
        "name": name,
        "status": status,
        "start": 0,
        "stop": stop,
        "fullName": f"{path}:{name}",
        "statusDetails": {"message": message},
    }
    (folder / f"{uuid}-result.json").write_text(json.dumps(result), encoding="utf-8")


def test_a_run_reads_as_one_outcome_per_scenario_with_retries_collapsed(tmp_path: Path) -> None:
    write_result(tmp_path, "a1", SHIP, "failed", history="ship", message=TIMEOUT, stop=1)
    write_result(tmp_path, "a2", SHIP, "passed", history="ship", stop=2)
    write_result(tmp_path, "b1", RETURN, "broken", message=TIMEOUT)
    assert read_run(tmp_path) == {
        SHIP: Outcome("passed", flaky=True),
        RETURN: Outcome("failed", message="TimeoutError: Locator.click: Timeout 15000ms exceeded."),
    }


def test_the_table_counts_passes_failures_retries_and_distinct_messages() -> None:
    runs = [
        {SHIP: Outcome("passed"), RETURN: Outcome("failed", message="TimeoutError: click")},
        {SHIP: Outcome("passed", flaky=True), RETURN: Outcome("failed", message="TimeoutError: click")},
        {SHIP: Outcome("passed"), RETURN: Outcome("failed", message="AssertionError: 2 != 3")},
        {SHIP: Outcome("skipped"), RETURN: Outcome("passed")},
    ]
    table = tabulate(runs)
    ship, ret = table[SHIP], table[RETURN]
    assert (ship.runs, ship.passes, ship.failures, ship.flaky_passes, ship.skips) == (4, 3, 0, 1, 1)
    assert (ret.runs, ret.passes, ret.failures) == (4, 1, 3)
    assert ret.messages.most_common() == [("TimeoutError: click", 2), ("AssertionError: 2 != 3", 1)]
    assert (round(ship.flake_rate, 3), ret.flake_rate) == (0.333, 0.75)
    assert overall_rate(table) == 4 / 7


def test_the_markdown_and_json_tables_show_every_scenario_and_run(tmp_path: Path) -> None:
    runs = [{SHIP: Outcome("passed"), RETURN: Outcome("failed", message="Error: a | b")}]
    table = tabulate(runs)
    records = [RunRecord(1, tmp_path / "run-1", 1, 412.4, runs[0])]
    markdown = render_markdown(table, records, ["-n", "2"], "embedded Odoo 19.0")
    assert markdown.startswith("# Soak: 1 runs against embedded Odoo 19.0")
    assert "pytest arguments: `-n 2`" in markdown
    assert f"| {RETURN} | 1 | 0 | 1 | 0 | 0 | 100% | 1× Error: a \\| b |" in markdown
    assert f"| {SHIP} | 1 | 1 | 0 | 0 | 0 | 0% |  |" in markdown
    assert "**Overall flake rate: 50%** (1 of 2 scenarios failed or needed a retry at least once)." in markdown
    assert f"| 1 | 1 | 412 s | {tmp_path / 'run-1'} |" in markdown
    data = json.loads(render_json(table, records, ["-n", "2"], "embedded Odoo 19.0"))
    assert data["overall_flake_rate"] == 0.5 and data["runs"][0]["exit_status"] == 1
    [row] = [s for s in data["scenarios"] if s["name"] == RETURN]
    assert (row["failures"], row["flake_rate"], row["messages"]) == (1, 1.0, [{"message": "Error: a | b", "count": 1}])


def test_each_run_gets_its_own_results_folders_and_the_one_server(tmp_path: Path) -> None:
    target = OdooTarget("http://127.0.0.1:8069", "uat_1", "admin", "secret")
    command = pytest_command(tmp_path / "run-2", ["-n", "2"], target)
    assert command[1:5] == ["-m", "pytest", "features", "--odoo-required"]
    assert f"--alluredir={tmp_path / 'run-2' / 'allure-results'}" in command
    assert f"--junitxml={tmp_path / 'run-2' / 'junit.xml'}" in command
    assert f"--output={tmp_path / 'run-2' / 'playwright'}" in command
    assert command[-4:] == ["--odoo-url=http://127.0.0.1:8069", "--odoo-db=uat_1", "-n", "2"]
    assert "secret" not in " ".join(command)  # the password goes through the environment only
    assert not any(a.startswith("--odoo-url") for a in pytest_command(tmp_path, [], None))


def test_runs_and_pytest_arguments_are_told_apart() -> None:
    args, rest = parse_args(["--runs", "3", "-n", "2", "-k", "backorder"])
    assert (args.runs, rest) == (3, ["-n", "2", "-k", "backorder"])
    with pytest.raises(SystemExit):
        parse_args(["--runs", "0"])


def test_make_soak_passes_runs_retries_and_args_through() -> None:
    done = subprocess.run(
        ["make", "-n", "soak", "N=3", "RETRIES=1", "ARGS=-n 2"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert ".venv/bin/python -m odoo_uat.soak --runs 3 --reruns 1 -n 2" in done.stdout


def make_variable(name: str, *assignments: str) -> str:
    """A Makefile variable's value after the assignments (no recipe runs)."""
    done = subprocess.run(
        ["make", "-s", "--eval", f"print-it: ; @echo '$({name})'", "print-it", *assignments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.mark.parametrize(("retries", "expected"), [("", ""), ("0", ""), ("1", "--reruns 1"), ("2", "--reruns 2")])
def test_retries_are_off_unless_set(retries: str, expected: str) -> None:
    assert make_variable("RETRIES_ARG", f"RETRIES={retries}") == expected


def test_the_embedded_servers_log_is_kept_next_to_the_runs(tmp_path: Path) -> None:
    log = tmp_path / "uat_x.log"
    log.write_text("GET /odoo 200\n")
    target = OdooTarget(
        url="http://127.0.0.1:1", db="uat_x", login="admin", password="admin", embedded=True, log_path=log
    )
    soak.keep_server_log(target, tmp_path / "soak")
    assert (tmp_path / "soak" / soak.ODOO_LOG).read_text() == "GET /odoo 200\n"
    soak.keep_server_log(None, tmp_path / "elsewhere")  # an existing server: its log is not ours to copy
    assert not (tmp_path / "elsewhere").exists()


class Parameters(FakeModel):
    """ir.config_parameter: neutralised or not, as the rows say."""

    def get_param(self, key: str, default=False):
        return next((row["value"] for row in self.rows if row["key"] == key), default)


class NoEmbeddedOdoo:
    """Stands for EmbeddedOdoo: a soak of an existing server must never start one."""

    @classmethod
    def from_settings(cls, *args, **kwargs):
        raise AssertionError("the soak started an embedded Odoo instead of soaking the server of ODOO_URL")


@pytest.fixture
def staging(fake_odoo: FakeOdoo, monkeypatch, tmp_path: Path) -> FakeOdoo:
    """The settings name an existing server (a neutralised one: add the rows); connect() gives the fake."""
    for name in ("ODOO_SRC", "ODOO_LOGIN", OVERRIDE_VARIABLE):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ODOO_URL", "https://staging.example.com")
    monkeypatch.setenv("ODOO_DB", "staging")
    monkeypatch.setenv("ODOO_PASSWORD", "secret")
    monkeypatch.setattr(soak, "EmbeddedOdoo", NoEmbeddedOdoo)
    monkeypatch.setattr(soak, "connect", lambda target: fake_odoo, raising=False)  # not there before the fix
    monkeypatch.chdir(tmp_path)
    fake_odoo.models["ir.config_parameter"] = Parameters
    return fake_odoo


def test_an_existing_server_is_soaked_itself_not_an_embedded_odoo(staging: FakeOdoo, tmp_path: Path) -> None:
    staging.rows["ir.config_parameter"] = [{"id": 1, "key": NEUTRALIZED_PARAMETER, "value": "True"}]
    with soak.soak_target(tmp_path) as (target, described):
        assert target is None  # the runs take the server from the settings
        assert described == "https://staging.example.com (database staging)"


def test_a_server_that_is_not_neutralised_is_refused_before_the_first_run(staging, monkeypatch, capsys) -> None:
    monkeypatch.setattr(soak.commands, "run_child", lambda *args, **kwargs: pytest.fail("a run was started"))
    assert soak.main(["--runs", "1"]) == 2
    err = capsys.readouterr().err
    assert "odoo-uat soak: error: Refusing to run against database 'staging' at https://staging.example.com" in err
    assert [call.method for call in staging.calls] == ["get_param"]


def test_the_loud_override_reaches_every_run(staging, monkeypatch, tmp_path: Path) -> None:
    commands_run: list[list[str]] = []
    monkeypatch.setattr(soak.commands, "run_child", lambda command, **kwargs: commands_run.append(command) or 0)
    soak.main(["--runs", "2", OVERRIDE_OPTION, "-k", "ship"])
    assert len(commands_run) == 2 and all(command[-3:] == ["-k", "ship", OVERRIDE_OPTION] for command in commands_run)
    assert staging.calls == []  # the override: the database is not read


def test_the_runs_get_the_started_servers_password_as_text_in_their_environment() -> None:
    target = OdooTarget("http://127.0.0.1:8069", "uat_1", "admin", "s3cret", embedded=True)
    env = soak.child_environment(target)
    assert env["ODOO_PASSWORD"] == "s3cret" and all(isinstance(value, str) for value in env.values())
