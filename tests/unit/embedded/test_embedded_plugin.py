"""The odoo_server plugin: `odoo_target` skips, stops the run, or comes from the settings, as configured."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat.odoo.safety import (
    DATABASE_SAFETY,
    NEUTRALIZED_PARAMETER,
    OVERRIDE_OPTION,
    OVERRIDE_VALUE,
    OVERRIDE_VARIABLE,
)
from odoo_uat.odoo.target import OdooTarget
from odoo_uat.plugins import odoo_server
from odoo_uat.plugins.odoo_server import (
    START_FAILED,
    START_FAILED_NAME,
    shared_target,
    target_from_shared,
)
from odoo_uat.report import properties
from odoo_uat.report.categories import ENVIRONMENT_PROBLEMS
from odoo_uat.report.results import load_results

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[3]

USES_ODOO = """
def test_uses_odoo(odoo_target):
    print("TARGET", odoo_target.url, odoo_target.db, odoo_target.login, odoo_target.embedded)
"""


@pytest.fixture
def run(pytester, monkeypatch):
    """Run pytest on a tiny project with the plugin and no Odoo configured in the environment."""
    for variable in (
        "ODOO_URL",
        "ODOO_DB",
        "ODOO_LOGIN",
        "ODOO_PASSWORD",
        "ODOO_SRC",
        "ODOO_UAT_CACHE",
        "ODOO_UAT_ADDON_PACKAGES",
        "ODOO_ADDONS_PATH",
        "ODOO_INSTALL",
        "ODOO_SERIES",
        "ODOO_REPO",
    ):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")  # no `odoo` command to find
    pytester.syspathinsert(REPO)
    pytester.makepyfile(test_odoo=USES_ODOO)

    def run(*args: str) -> pytest.RunResult:
        # In-process runs cannot nest pytest-playwright's soft-assertion scope.
        return pytester.runpytest(
            "-p",
            "odoo_uat.plugins.odoo_server",
            "-p",
            "fixtures.run",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:playwright",
            "-s",
            *args,
        )

    return run


def test_without_odoo_its_tests_skip_with_the_reason(run):
    result = run("-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*No Odoo under test is configured*"])


SHOW_MODE = """
from odoo_uat.plugins.odoo_server import STATE

def pytest_collection_finish(session):
    print("MODE", session.config.stash[STATE].settings.mode)
"""


@pytest.mark.parametrize(("args", "mode"), [(("--odoo-required",), "embedded"), ((), "None")])
def test_only_odoo_required_lets_a_run_without_odoo_clone_one(run, pytester, args, mode):
    pytester.makeconftest(SHOW_MODE)
    result = run("--collect-only", *args)  # collecting never starts (nor clones) Odoo
    result.stdout.fnmatch_lines([f"MODE {mode}"])


def odoo_tree_without_version(path: Path) -> Path:
    """A folder that looks like a source tree to the settings, but whose version Odoo's release.py cannot give."""
    (path / "odoo").mkdir(parents=True)
    (path / "odoo-bin").write_text("")
    return path


def test_an_odoo_that_cannot_be_prepared_stops_the_run_and_leaves_an_environment_problem(run, tmp_path):
    results = tmp_path / "allure-results"
    result = run("--odoo-src", str(odoo_tree_without_version(tmp_path / "src")), "--alluredir", str(results))
    assert result.ret == START_FAILED
    result.stdout.fnmatch_lines(["*The embedded Odoo could not start.*", "*Cannot read the Odoo version*"])
    [scenario] = load_results(results).scenarios
    assert scenario.name == START_FAILED_NAME and scenario.status == "broken"
    assert scenario.category == ENVIRONMENT_PROBLEMS
    assert "Cannot read the Odoo version" in scenario.message


def test_an_incomplete_server_setting_stops_the_run_saying_what_is_missing(run):
    result = run("--odoo-url", "http://odoo.example")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*ODOO_URL is set to http://odoo.example but ODOO_DB and ODOO_PASSWORD are not*"])


def test_a_bad_odoo_src_stops_the_run_naming_it(run, tmp_path):
    result = run("--odoo-src", str(tmp_path))
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*ODOO_SRC={tmp_path} is not an Odoo source tree*"])


class FakeParameters:
    def __init__(self, neutralized: str | bool | None) -> None:
        self.neutralized = neutralized

    def get_param(self, key: str):
        return self.neutralized if key == NEUTRALIZED_PARAMETER else None


class FakeOdoo:
    """Stands for an odoorpc connection: only the system parameter the guard reads."""

    def __init__(self, neutralized: str | bool | None) -> None:
        self.env = {"ir.config_parameter": FakeParameters(neutralized)}


@pytest.fixture
def server_database(monkeypatch):
    """An existing server whose database is neutralised or not, as the test says."""
    monkeypatch.setenv("ODOO_PASSWORD", "secret")
    monkeypatch.delenv(OVERRIDE_VARIABLE, raising=False)

    def database(neutralized: str | bool | None) -> None:
        monkeypatch.setattr(odoo_server, "connect", lambda target: FakeOdoo(neutralized))

    return database


def test_an_existing_neutralised_server_is_the_target_and_the_metadata_says_so(run, server_database, tmp_path):
    server_database("True")
    result = run("--odoo-url", "http://odoo.example/", "--odoo-db", "staging", f"--alluredir={tmp_path}")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*TARGET http://odoo.example staging admin False"])
    assert properties.read(tmp_path / "environment.properties")[DATABASE_SAFETY].endswith(
        f"database neutralised ({NEUTRALIZED_PARAMETER})"
    )


def test_a_database_that_is_not_neutralised_stops_the_run_before_any_test(run, server_database):
    server_database(None)
    result = run("--odoo-url", "http://odoo.example/", "--odoo-db", "prod")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    output = result.stdout.str()
    assert "Refusing to run against database 'prod' at http://odoo.example" in output
    assert "odoo-bin neutralize" in output and OVERRIDE_OPTION in output and OVERRIDE_VARIABLE in output
    assert "TARGET" not in output


@pytest.mark.parametrize("override", ["option", "environment"])
def test_the_loud_override_lets_a_live_database_run(run, server_database, monkeypatch, override):
    server_database(None)
    args = ["--odoo-url", "http://odoo.example/", "--odoo-db", "prod"]
    if override == "option":
        args.append(OVERRIDE_OPTION)
    else:
        monkeypatch.setenv(OVERRIDE_VARIABLE, OVERRIDE_VALUE)
    run(*args).assert_outcomes(passed=1)


def test_an_unreachable_server_stops_the_run_at_start_naming_the_url(run, monkeypatch):
    monkeypatch.setenv("ODOO_PASSWORD", "secret")
    result = run("--odoo-url", "http://127.0.0.1:9/", "--odoo-db", "staging")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stdout.fnmatch_lines(["*Odoo at http://127.0.0.1:9 is unreachable*ODOO_URL*"])


def test_the_embedded_target_reaches_workers_intact():
    target = OdooTarget(
        url="http://127.0.0.1:8123",
        db="uat_20250101_000000_abcd",
        login="admin",
        password="admin",
        embedded=True,
        log_path=Path("/cache/logs/uat.log"),
    )
    shared = shared_target(target)
    assert all(isinstance(value, (str, bool, type(None))) for value in shared.values())  # execnet-safe
    assert target_from_shared(shared) == target
