"""The evidence plugin keeps no secret anywhere a run writes (pytest inside pytest, no browser, no Odoo):

- a report is masked with the known secrets before the terminal and junit.xml read it;
- a trace is recorded in a private staging folder and reaches --output only masked; one that cannot be masked is
  removed and the report says so; an interrupted run (pytest.exit, Ctrl-C, SIGTERM) leaves nothing unmasked behind;
- at the end of the run the controller masks junit.xml and the Allure results with what its xdist workers knew.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from odoo_uat.plugins import evidence
from odoo_uat.report.scrub import MASK, MASKED_ZIP_COMMENT

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[3]
SECRET = "9d8c7b6a-known-role-password-5f4e"
COOKIE = "Q2hhbmdlIG1lOiBhIHNlc3Npb24gaWQgb2YgT2Rvbw-cookie"
WORKER_SECRET = "e1f2a3b4-held-by-a-worker-only-c5d6"
STAGING_GLOB = "odoo-uat-evidence-*"
PLAYWRIGHT_BROWSERS = str(Path.home() / ".cache" / "ms-playwright")  # Playwright's default, for the outer home

CONFTEST = f"""
import json
import zipfile
from pathlib import Path

import pytest

from odoo_uat.odoo.target import OdooTarget
from odoo_uat.secret import Secret

pytest_plugins = ["odoo_uat.plugins.evidence"]
SECRET = Secret({SECRET!r})
COOKIE = {COOKIE!r}


@pytest.fixture
def odoo_target():
    return OdooTarget(url="http://odoo.invalid", db="uat", login="admin", password="admin")


@pytest.fixture
def trace(request, output_path):
    # As fixtures/browser.py's `acting`: the role page's trace saved into output_path at teardown, named in the report.
    yield
    folder = Path(output_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "trace.zip"
    if request.node.get_closest_marker("damaged"):
        path.write_bytes(b"PK\\x03\\x04 a damaged zip " + SECRET.reveal().encode())
    else:
        with zipfile.ZipFile(path, "w") as archive:
            headers = [{{"name": "Cookie", "value": "session_id=" + COOKIE}}]
            archive.writestr("trace.network", json.dumps({{"snapshot": {{"request": {{"headers": headers}}}}}}) + "\\n")
            archive.writestr("resources/call.json", json.dumps({{"params": {{"password": SECRET.reveal()}}}}))
    request.node.user_properties.append(("playwright_trace", str(path)))
"""

ENDINGS = {
    "fails": "assert False, 'the check failed'",
    "pytest.exit": "pytest.exit('stopped by a fixture', returncode=2)",
    "Ctrl-C": "raise KeyboardInterrupt",
    "SIGTERM": "os.kill(os.getpid(), signal.SIGTERM)\n    time.sleep(30)",
}


def probe_module(ending: str, damaged: bool = False) -> str:
    marker = "@pytest.mark.damaged\n" if damaged else ""
    return (
        "import os, signal, time\nimport pytest\n\n"
        'pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnknownMarkWarning")\n\n'
        f"{marker}def test_scenario(trace):\n    {ENDINGS[ending]}\n"
    )


@pytest.fixture
def temporary() -> Iterator[Path]:
    """The probe's temporary folder: a short path (Chromium's socket path there has a length limit)."""
    folder = Path(tempfile.mkdtemp(prefix="ou-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, temporary: Path) -> pytest.Pytester:
    """A tiny project with the evidence plugin; its pytest runs in a subprocess with its own temporary folder."""
    pytester.makeconftest(CONFTEST)
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    monkeypatch.setenv("TMPDIR", str(temporary))
    return pytester


def files_holding(folder: Path, *values: str) -> list[str]:
    """The files (and zip members) a run wrote under a folder that hold one of the values (the project's own
    Python sources hold them on purpose)."""
    found = []
    for path in (p for p in folder.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")):
        data = path.read_bytes()
        contents = [(str(path), data)]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                contents += [(f"{path}!{name}", archive.read(name)) for name in archive.namelist()]
        found += [name for name, content in contents for value in values if value.encode() in content]
    return found


def test_a_known_secret_in_a_failures_frames_is_masked_in_the_terminal_and_junit(pytester: pytest.Pytester):
    pytester.syspathinsert(REPO)
    pytester.makepyfile(
        test_send=f"""
from odoo_uat.secret import Secret

def send(login, password):
    raise RuntimeError("Odoo refused " + login)

def test_send():
    password = Secret({SECRET!r})
    send("uat-buyer", password.reveal())
"""
    )
    result = pytester.runpytest(
        "-p",
        "odoo_uat.plugins.evidence",
        "-p",
        "no:playwright",
        "-p",
        "no:cacheprovider",
        "--showlocals",
        "--tb=long",
        "--junitxml=junit.xml",
    )
    result.assert_outcomes(failed=1)
    assert SECRET not in result.stdout.str() and MASK in result.stdout.str()
    assert SECRET not in (pytester.path / "junit.xml").read_text()


def test_a_failed_tests_trace_is_kept_in_the_output_folder_only_masked(project: pytest.Pytester, temporary: Path):
    project.makepyfile(test_probe=probe_module("fails"))
    result = project.runpytest_subprocess("--junitxml=junit.xml")
    assert result.ret == 1, result.stdout.str()
    [trace] = (project.path / "test-results").rglob("trace.zip")
    assert trace.parent.name == "test-probe-py-test-scenario"  # where pytest-playwright names it
    with zipfile.ZipFile(trace) as archive:
        assert archive.comment == MASKED_ZIP_COMMENT
        assert json.loads(archive.read("resources/call.json")) == {"params": {"password": MASK}}
    assert files_holding(project.path, SECRET, COOKIE) == []
    assert 'value="test-results/test-probe-py-test-scenario/trace.zip"' in (project.path / "junit.xml").read_text()
    assert list(temporary.glob(STAGING_GLOB)) == []


def test_a_trace_that_cannot_be_masked_is_removed_and_the_report_says_so(project: pytest.Pytester, temporary: Path):
    project.makepyfile(test_probe=probe_module("fails", damaged=True))
    result = project.runpytest_subprocess("--junitxml=junit.xml")
    assert result.ret == 1, result.stdout.str()  # the test's failure, not an INTERNALERROR
    result.stdout.fnmatch_lines(
        ["*test-results/test-probe-py-test-scenario/trace.zip: trace removed: could not be masked (BadZipFile*"]
    )
    assert list((project.path / "test-results").rglob("*.zip")) == []
    assert files_holding(project.path, SECRET) == []
    assert list(temporary.glob(STAGING_GLOB)) == []


@pytest.mark.parametrize("ending", ["pytest.exit", "Ctrl-C", "SIGTERM"])
def test_an_interrupted_run_leaves_no_unmasked_trace_anywhere(project: pytest.Pytester, temporary: Path, ending: str):
    args: list[str] = []
    if ending == "SIGTERM":
        if importlib.util.find_spec("odoo_uat.plugins.signals") is None:
            pytest.skip("SIGTERM is handled like Ctrl-C by odoo_uat.plugins.signals, not in this tree")
        args = ["-p", "odoo_uat.plugins.signals"]
    project.makepyfile(test_probe=probe_module(ending))
    result = project.runpytest_subprocess(*args, timeout=60)
    assert result.ret in (pytest.ExitCode.INTERRUPTED, 2), result.stdout.str()
    assert files_holding(project.path, SECRET, COOKIE) == []
    assert list((project.path / "test-results").rglob("*.zip")) == []
    assert files_holding(temporary, SECRET, COOKIE) == []
    assert list(temporary.glob(STAGING_GLOB)) == []


def test_the_controller_masks_the_allure_results_and_junit_with_what_its_workers_knew(project: pytest.Pytester):
    project.makefile(
        ".feature",
        probe="""Feature: Probe
  Scenario: A role's login is refused
    Given a worker holds a password
    Then Odoo refuses it
""",
    )
    project.makepyfile(
        test_probe=f"""
from pytest_bdd import given, scenarios, then

from odoo_uat.secret import Secret

scenarios("probe.feature")


@given("a worker holds a password", target_fixture="password")
def _():
    return Secret({WORKER_SECRET!r})


@then("Odoo refuses it")
def _(password):
    raise RuntimeError("Odoo refused the password " + password.reveal())
"""
    )
    result = project.runpytest_subprocess("-n", "1", "--alluredir=allure", "--junitxml=junit.xml")
    assert result.ret == 1, result.stdout.str()
    results = list((project.path / "allure").glob("*-result.json"))
    assert results and any(MASK in path.read_text() for path in results)
    assert files_holding(project.path, WORKER_SECRET) == []
    assert WORKER_SECRET not in result.stdout.str()


def test_pytest_playwrights_own_trace_and_screenshot_go_through_staging_too(
    project: pytest.Pytester, temporary: Path, monkeypatch: pytest.MonkeyPatch
):
    """A real browser context of pytest-playwright's `page` fixture (as with --video): its recorder writes into the
    redirected --output; the evidence plugin masks the trace and moves both files to the --output given."""
    # pytester's subprocess has a home of its own: Playwright's browsers are where they are for this run.
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or PLAYWRIGHT_BROWSERS)
    project.makepyfile(
        test_page="""
import pytest

from conftest import COOKIE, SECRET
from odoo_uat.web.browser import ROOT_CHROMIUM_ARGS, playwright_has_chromium, system_chromium


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):  # as fixtures/browser.py: Debian's Chromium when need be
    if playwright_has_chromium():
        return browser_type_launch_args
    return {**browser_type_launch_args, "executable_path": system_chromium(), "args": ROOT_CHROMIUM_ARGS}


def test_page(page):
    # The values come from conftest.py: the trace holds this file's source (the values would be in it).
    html = "<form><input name='password' value='" + SECRET.reveal() + "'></form>"
    page.route("http://odoo.invalid/**", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.context.add_cookies([{"name": "session_id", "value": COOKIE, "url": "http://odoo.invalid"}])
    page.goto("http://odoo.invalid/odoo?password=" + SECRET.reveal())
    assert False, "the check failed"
"""
    )
    result = project.runpytest_subprocess("--tracing=retain-on-failure", "--screenshot=only-on-failure")
    assert result.ret == 1, result.stdout.str()
    kept = sorted(path.name for path in (project.path / "test-results" / "test-page-py-test-page-chromium").iterdir())
    assert kept == ["test-failed-1.png", "trace.zip"]
    assert files_holding(project.path / "test-results", SECRET, COOKIE) == []
    assert list(temporary.glob(STAGING_GLOB)) == []


def test_a_staging_folder_left_by_a_killed_run_on_this_host_is_removed_at_the_next_start(tmp_path: Path):
    host_prefix = evidence.staging_prefix().rsplit("-", 2)[0]  # odoo-uat-evidence-<host>
    dead = subprocess.Popen(["true"])
    dead.wait()
    folders = {
        "killed": tmp_path / f"{host_prefix}-{dead.pid}-abc",
        "running": tmp_path / f"{evidence.staging_prefix()}def",
        "other host": tmp_path / f"{evidence.STAGING_PREFIX}elsewhere-{dead.pid}-ghi",
    }
    for folder in folders.values():
        (folder / "output").mkdir(parents=True)
    evidence.remove_stale_staging(tmp_path)
    assert {name for name, folder in folders.items() if folder.exists()} == {"running", "other host"}
