"""The fault matrix rows that need a real Odoo (docs/reliability.md): each ends in bounded time with a clear message.

Each row runs the suite as a user would (`python -m pytest features/...` in a subprocess) with one
fault made, then checks the exit status, the message, the time it took, that no process the run
started is left, and, where the run wrote results, that the exit report files the failure under
"Environment problems". Rows that reach an existing server point ODOO_URL at this session's embedded
Odoo (a fresh clone, so nothing shared is harmed); rows about the embedded Odoo itself start their own.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from odoo_uat.odoo.safety import OVERRIDE_VALUE, OVERRIDE_VARIABLE
from odoo_uat.odoo.target import OdooTarget
from odoo_uat.report.categories import ENVIRONMENT_PROBLEMS, STOPPED_ANSWERING

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
QUOTE_TO_SHIP = "features/order_to_cash/quote_to_ship.feature"
MINIMUM_ORDER = "features/order_to_cash/minimum_order.feature"
START_REFUSED = 4  # pytest.ExitCode.USAGE_ERROR: the run stopped at start
TESTS_FAILED = 1
INTERRUPTED = 2
RUN_TIMEOUT = 600  # seconds: the bound no row may reach (each ends far sooner; see docs/reliability.md)
ODOO_VARIABLES = ("ODOO_URL", "ODOO_DB", "ODOO_LOGIN", "ODOO_PASSWORD", "ODOO_SRC", OVERRIDE_VARIABLE)

# Loaded into the run under test with -p: makes the fault from inside the run, at a known step.
FAULT_PLUGIN = """
import os, signal
from odoo_uat.plugins.odoo_server import STATE

def pytest_bdd_before_step(request, feature, scenario, step, step_func):
    if step.keyword.strip() != "When" or os.environ.get("FAULT_DONE"):
        return
    os.environ["FAULT_DONE"] = "1"
    fault = os.environ["FAULT"]
    if fault == "kill-odoo":
        request.config.stash[STATE].keeper.server.process.kill()
    elif fault == "end-session":  # the role user's password written again (same value, new hash): its sessions end
        from odoo_uat.web.browser import ACTING_KEY
        from odoo_uat.web.kept_client import SessionGone, user_state
        acting = request.node.stash[ACTING_KEY]
        role = acting.role
        odoo, password = request.getfixturevalue("odoo"), request.getfixturevalue("role_users").ensure(role.name)[1]
        users = odoo.env["res.users"]
        [uid] = users.search([("login", "=", role.login)])
        # Written until Odoo refuses the session: a request of it that Odoo serves during the write (the web
        # client's mark_as_read of OdooBot's first message, just after its first boot) can cache the old session
        # token again from its older snapshot, and the session then outlives that write.
        for _ in range(10):
            users.browse([uid]).write({"password": password.reveal()})
            try:
                user_state(acting.page, uid, "login")
            except SessionGone:
                break
    elif fault in ("sigint", "sigterm"):
        # A run started in the background by a shell without job control (`bash script.sh &`, a `( … &)`)
        # inherits SIGINT ignored, and Python then raises no KeyboardInterrupt for it: this row passed 0 times
        # so. A terminal's Ctrl-C reaches only a run in the foreground, which never ignores it: made so here.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        open(os.environ["FAULT_MARK"], "w").write(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGINT if fault == "sigint" else signal.SIGTERM)
"""


@dataclass
class Run:
    """What one run of the suite did."""

    returncode: int
    output: str
    seconds: float
    results: Path
    reports: Path

    def exit_report(self) -> dict:
        """Build the exit report from the run's Allure results, as `make report` does."""
        subprocess.run(
            [
                sys.executable,
                "-m",
                "odoo_uat.report",
                "--results",
                str(self.results),
                "--output",
                str(self.reports),
                "--report-only",
            ],
            cwd=REPO,
            check=True,
            capture_output=True,
            timeout=120,
        )
        return json.loads((self.reports / "exit-report.json").read_text())


@pytest.fixture(scope="module")
def odoo_src(embedded_settings) -> Path:
    """The Odoo source tree of the embedded mode; the rows need it."""
    return embedded_settings.src


def run_suite(
    tmp_path: Path,
    args: list[str],
    env: dict[str, str],
    *,
    plugin: str | None = None,
    on_start=None,
    timeout: float = RUN_TIMEOUT,
    cwd: Path = REPO,
) -> Run:
    """Run the suite in a subprocess with its own results folders; the run's own process group."""
    results, reports = tmp_path / "allure-results", tmp_path / "reports"
    base = {k: v for k, v in os.environ.items() if k not in ODOO_VARIABLES}
    extra: list[str] = []
    if plugin is not None:
        (tmp_path / "fault_plugin.py").write_text(plugin)
        base["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))
        extra = ["-p", "fault_plugin"]
    argv = [
        sys.executable,
        "-m",
        "pytest",
        *args,
        *extra,
        f"--alluredir={results}",
        "--clean-alluredir",
        f"--junitxml={tmp_path / 'junit.xml'}",
        f"--output={tmp_path / 'playwright'}",
        "-p",
        "no:randomly",
    ]
    started = time.monotonic()
    process = subprocess.Popen(
        argv,
        cwd=cwd,
        env={**base, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    if on_start is not None:
        on_start(process)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        pytest.fail(f"The run did not end within {timeout} s (a hang):\n{output[-3000:]}")
    seconds = time.monotonic() - started
    print(f"row took {seconds:.1f} s, exit {process.returncode}; output ends:\n{output[-1200:]}")
    return Run(process.returncode, output, seconds, results, reports)


def left_running(pattern: str) -> list[str]:
    """Processes whose command line holds pattern (the run's own database or cache path), but not pgrep."""
    found = subprocess.run(["pgrep", "-a", "-f", pattern], capture_output=True, text=True)
    return [line for line in found.stdout.splitlines() if "pgrep" not in line]


def session_processes(pid: int) -> list[str]:
    """Processes still in the session the run started in (odoo-bin, chromium, helpers)."""
    found = subprocess.run(["ps", "-o", "pid=,args=", "-s", str(pid)], capture_output=True, text=True)
    return [line for line in found.stdout.splitlines() if line.strip()]


def server_env(target: OdooTarget, **overrides: str) -> dict[str, str]:
    """Settings that point a run at this session's embedded Odoo as an existing server."""
    return {
        "ODOO_URL": target.url,
        "ODOO_DB": target.db,
        "ODOO_PASSWORD": target.password.reveal(),
        OVERRIDE_VARIABLE: OVERRIDE_VALUE,
        **overrides,
    }


def environment_failures(report: dict) -> list[dict]:
    return [failure for failure in report["failures"] if failure["category"] == ENVIRONMENT_PROBLEMS]


# -- rows against an existing server (this session's embedded Odoo) ----------------------------------


def test_wrong_admin_credentials_stop_the_run_at_start(odoo_src, odoo_target, tmp_path):
    env = server_env(odoo_target, ODOO_PASSWORD="not-the-password")
    del env[OVERRIDE_VARIABLE]  # the start guard logs in first, as on a real staging
    run = run_suite(tmp_path, [QUOTE_TO_SHIP], env)
    assert run.returncode == START_REFUSED, run.output[-3000:]
    assert f"refused the login 'admin' on database '{odoo_target.db}'" in run.output
    assert "Check ODOO_LOGIN and ODOO_PASSWORD" in run.output
    assert run.seconds < 60


def test_a_module_the_feature_needs_is_missing_so_its_scenarios_skip_with_the_reason(odoo_src, odoo_target, tmp_path):
    run = run_suite(tmp_path, [MINIMUM_ORDER, "-rs"], server_env(odoo_target))
    assert run.returncode == 0, run.output[-3000:]
    assert "2 skipped" in run.output and "uat_minimum_order" in run.output
    assert run.seconds < 60


MISSING_GROUP = "sale.group_that_does_not_exist"


@pytest.fixture
def suite_with_a_broken_role(tmp_path) -> Path:
    """A copy of the suite whose Sales coordinator also names a group no Odoo has (the repository is untouched)."""
    copy = tmp_path / "suite"
    shutil.copytree(
        REPO,
        copy,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "node_modules", "reports", "allure-results", "__pycache__", ".pytest_cache"
        ),
    )
    roles = copy / "roles.toml"
    text = roles.read_text()
    start = text.index('["Sales coordinator"]')
    groups = text.index("groups = [", start) + len("groups = [")
    roles.write_text(f'{text[:groups]}"{MISSING_GROUP}", {text[groups:]}')
    return copy


def test_a_role_whose_group_does_not_exist_fails_its_scenario_naming_the_group_and_the_file(
    odoo_src, odoo_target, suite_with_a_broken_role, tmp_path
):
    run = run_suite(tmp_path, [f"{QUOTE_TO_SHIP}:16"], server_env(odoo_target), cwd=suite_with_a_broken_role)
    assert run.returncode == TESTS_FAILED, run.output[-3000:]
    assert MISSING_GROUP in run.output and "roles.toml" in run.output, run.output[-3000:]
    report = run.exit_report()
    assert report["verdict"] == "NO-GO"
    assert [f["category"] for f in report["failures"]] == [ENVIRONMENT_PROBLEMS], report["failures"]
    assert run.seconds < 120


class _FailOnce(BaseHTTPRequestHandler):
    """A loopback proxy to Odoo that answers HTTP 500 to the first call that reads data over JSON-RPC, after the
    login's own read of the system parameters (odoo_uat.odoo.rpc.SessionODOO): a call in a scenario."""

    upstream = ""
    failed = threading.Event()
    trigger = b'"search_read"'
    login_read = b'"ir.config_parameter"'

    def _forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        reads_data = self.trigger in body and self.login_read not in body
        if self.command == "POST" and reads_data and not self.failed.is_set():
            self.failed.set()
            self.send_error(500, "Internal Server Error")
            return
        request = urllib.request.Request(
            self.upstream + self.path,
            data=body or None,
            method=self.command,
            headers={k: v for k, v in self.headers.items() if k.lower() != "host"},
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                status, headers, payload = answer.status, answer.getheaders(), answer.read()
        except urllib.error.HTTPError as error:
            status, headers, payload = error.code, error.headers.items(), error.read()
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _forward

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def failing_once_proxy(odoo_target) -> Iterator[str]:
    handler = type("FailOnce", (_FailOnce,), {"upstream": odoo_target.url, "failed": threading.Event()})
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{proxy.server_port}"
    proxy.shutdown()
    proxy.server_close()


def test_odoo_answering_500_on_one_call_is_an_environment_problem(odoo_src, odoo_target, failing_once_proxy, tmp_path):
    run = run_suite(tmp_path, [f"{QUOTE_TO_SHIP}:16"], server_env(odoo_target, ODOO_URL=failing_once_proxy))
    assert run.returncode == TESTS_FAILED, run.output[-3000:]
    assert "HTTP Error 500" in run.output
    report = run.exit_report()
    assert report["verdict"] == "NO-GO"
    assert [f["category"] for f in report["failures"]] == [ENVIRONMENT_PROBLEMS], report["failures"]
    assert run.seconds < 120


def test_a_role_session_odoo_ends_mid_run_fails_that_scenario_only_as_an_environment_problem(
    odoo_src, odoo_target, tmp_path
):
    run = run_suite(tmp_path, [QUOTE_TO_SHIP], server_env(odoo_target, FAULT="end-session"), plugin=FAULT_PLUGIN)
    assert run.returncode == TESTS_FAILED, run.output[-3000:]
    # The role's web client was kept booted: the session's end shows as the login form on a page load, or as
    # Odoo's "Session Expired" dialog inside the client; either is filed as SessionEnded.
    assert re.search(r"SessionEnded: Odoo (answered|refused)", run.output), run.output[-3000:]
    assert "Odoo no longer accepted that role's session" in run.output, run.output[-3000:]
    report = run.exit_report()
    assert [f["category"] for f in report["failures"]] == [ENVIRONMENT_PROBLEMS], report["failures"]
    assert report["totals"]["passed"] == 1, report["totals"]  # the next scenario logged the role in again
    assert run.seconds < 240


# -- rows about the embedded Odoo itself --------------------------------------------------------------


def test_odoo_killed_mid_scenario_files_it_and_the_next_as_environment_problems(odoo_src, tmp_path):
    run = run_suite(tmp_path, [QUOTE_TO_SHIP], {"ODOO_SRC": str(odoo_src), "FAULT": "kill-odoo"}, plugin=FAULT_PLUGIN)
    assert run.returncode == TESTS_FAILED, run.output[-3000:]
    assert f"{STOPPED_ANSWERING} at" in run.output
    report = run.exit_report()
    failures = report["failures"]
    assert len(failures) == 2 and environment_failures(report) == failures, failures
    assert run.seconds < 180
    database = next(
        line.split("database ")[1].split(" ")[0]
        for line in run.output.splitlines()
        if "odoo-uat: Odoo " in line and " database " in line
    )
    assert left_running(database) == []


@pytest.mark.parametrize(("fault", "said"), [("sigint", "KeyboardInterrupt"), ("sigterm", "SIGTERM")])
def test_an_interrupted_run_leaves_nothing_running_and_the_next_run_starts(odoo_src, tmp_path, fault, said):
    """Ctrl-C, and SIGTERM (a cancelled CI job, `timeout`), stop the run the same way: everything cleaned up."""
    mark = tmp_path / "interrupted"
    run = run_suite(
        tmp_path,
        [f"{QUOTE_TO_SHIP}:16"],
        {"ODOO_SRC": str(odoo_src), "FAULT": fault, "FAULT_MARK": str(mark)},
        plugin=FAULT_PLUGIN,
    )
    assert mark.is_file(), run.output[-3000:]
    assert run.returncode == INTERRUPTED and said in run.output, run.output[-3000:]
    pid = int(mark.read_text())
    assert session_processes(pid) == [], f"left running after {fault}"
    assert run.seconds < 180
    again = run_suite(tmp_path / "again", [f"{QUOTE_TO_SHIP}:30"], {"ODOO_SRC": str(odoo_src)})
    assert again.returncode == 0, again.output[-3000:]


@pytest.fixture
def small_mount(tmp_path) -> Iterator[Path]:
    """A 1 MiB tmpfs of our own (never the shared cache); unmounted afterwards."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("Making a small filesystem needs root (mount -t tmpfs); run as root to cover this row.")
    point = tmp_path / "mnt"
    point.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(point)], capture_output=True, text=True
    )
    if made.returncode != 0:
        pytest.skip(f"This machine does not let us mount a tmpfs ({made.stderr.strip()}).")
    yield point
    subprocess.run(["umount", "-l", str(point)], check=False)


def test_a_cache_folder_that_is_not_writable_stops_the_run_naming_it(odoo_src, small_mount, tmp_path):
    subprocess.run(["mount", "-o", "remount,ro", str(small_mount)], check=True)
    cache = small_mount / "odoo-uat"
    run = run_suite(
        tmp_path, [f"{QUOTE_TO_SHIP}:16"], {"ODOO_SRC": str(odoo_src), "ODOO_UAT_CACHE": str(cache)}, timeout=120
    )
    assert run.returncode != 0 and str(cache) in run.output, run.output[-3000:]
    assert "Read-only file system" in run.output or "not writable" in run.output
    assert left_running(str(cache)) == []


def test_a_full_cache_disk_stops_the_run_naming_the_folder(odoo_src, small_mount, tmp_path):
    # A 1 MiB cache folder: the new Odoo virtualenv fills it within seconds.
    cache = small_mount / "odoo-uat"
    run = run_suite(
        tmp_path, [f"{QUOTE_TO_SHIP}:16"], {"ODOO_SRC": str(odoo_src), "ODOO_UAT_CACHE": str(cache)}, timeout=300
    )
    assert run.returncode != 0 and str(cache) in run.output, run.output[-3000:]
    # The free space is checked before pip runs: the message says how much is free, what is needed, the fix.
    assert "MB free; Odoo's virtualenv needs about" in run.output and "ODOO_UAT_CACHE" in run.output
    assert left_running(str(cache)) == []


# -- PostgreSQL's port taken ---------------------------------------------------------------------------


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A loopback port another program listens on (here: this test)."""
    from odoo_uat.embedded import postgres

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind((postgres.HOST, 0))
        holder.listen()
        yield holder.getsockname()[1]


@pytest.fixture
def own_cluster(tmp_path) -> Iterator:
    """A PostgreSQL cluster of the test's own (its own cache folder), stopped afterwards."""
    from odoo_uat.embedded import postgres

    cluster = postgres.PostgresCluster(tmp_path / "cache")
    yield cluster
    cluster.stop()
    assert left_running(str(cluster.data)) == []


def test_postgresql_port_taken_the_cluster_starts_on_another_port(odoo_src, taken_port, own_cluster, monkeypatch):
    """The port chosen for the embedded PostgreSQL is taken by another program when the server binds it."""
    from odoo_uat.embedded import postgres

    chosen: list[int] = []
    real_free_port = postgres.free_port

    def first_one_taken() -> int:
        chosen.append(real_free_port() if chosen else taken_port)
        return chosen[-1]

    monkeypatch.setattr(postgres, "free_port", first_one_taken)
    started = time.monotonic()
    port = own_cluster.start()
    assert port != taken_port and chosen[0] == taken_port and len(chosen) == 2
    assert own_cluster.sql("select 1") == [["1"]]
    assert time.monotonic() - started < 60


def test_postgresql_port_always_taken_stops_with_the_log_and_the_fix(odoo_src, taken_port, own_cluster, monkeypatch):
    from odoo_uat.embedded import EmbeddedError, postgres

    monkeypatch.setattr(postgres, "free_port", lambda: taken_port)
    with pytest.raises(EmbeddedError) as refused:
        own_cluster.start()
    message = str(refused.value)
    assert "did not start" in message and "could not bind" in message and str(own_cluster.log_file) in message
