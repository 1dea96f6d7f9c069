"""Embedded Odoo process: readiness, an early death reported with its log, stopping a process group."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from odoo_uat.embedded import EmbeddedError
from odoo_uat.embedded.postgres import free_port
from odoo_uat.embedded.runtime import OdooSource, spawn, tail, terminate
from odoo_uat.embedded.server import EmbeddedOdoo, wait_until_ready

VERSION_INFO = {"server_version": "19.0", "server_serie": "19.0", "protocol_version": 1}


class FakeOdoo(BaseHTTPRequestHandler):
    """Answers the two JSON-RPC calls of the readiness check."""

    uid: object = 2
    logins: list = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.path == "/jsonrpc":
            FakeOdoo.logins.append(request["params"]["args"])
        result = VERSION_INFO if self.path == "/web/webclient/version_info" else self.uid
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "result": result}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_odoo():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeOdoo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def sleeper(tmp_path):
    process = spawn([sys.executable, "-c", "import time; time.sleep(60)"], tmp_path / "sleeper.log")
    yield process
    terminate(process, timeout=1)


def test_ready_once_version_info_and_login_answer(fake_odoo, sleeper, tmp_path, monkeypatch):
    monkeypatch.setattr(FakeOdoo, "logins", [])
    assert wait_until_ready(fake_odoo, "uat_db", sleeper, tmp_path / "odoo.log", timeout=10, password="pw") == (
        VERSION_INFO
    )
    assert FakeOdoo.logins == [["uat_db", "admin", "pw"]]  # the cluster's password, not Odoo's default


def test_a_proven_password_is_not_checked_again(fake_odoo, sleeper, tmp_path, monkeypatch):
    monkeypatch.setattr(FakeOdoo, "logins", [])
    version = wait_until_ready(
        fake_odoo, "uat_db", sleeper, tmp_path / "odoo.log", timeout=10, password="pw", check_login=False
    )
    assert version == VERSION_INFO and FakeOdoo.logins == []


def test_refused_login_is_reported_without_the_password(fake_odoo, sleeper, tmp_path, monkeypatch):
    monkeypatch.setattr(FakeOdoo, "uid", False)
    kept = tmp_path / "admin-password"
    with pytest.raises(EmbeddedError) as error:
        wait_until_ready(
            fake_odoo, "uat_db", sleeper, tmp_path / "odoo.log", timeout=10, password="s3cret-pw", password_file=kept
        )
    message = str(error.value)
    assert "refused the login admin" in message and "on uat_db" in message and str(kept) in message
    assert "s3cret-pw" not in message and "prepare --rebuild" in message


def test_odoo_dying_early_is_reported_with_the_end_of_its_log(tmp_path):
    log = tmp_path / "odoo.log"
    crash = "import sys; print('ImportError: no module named lxml', flush=True); sys.exit(3)"
    process = spawn([sys.executable, "-c", crash], log)
    with pytest.raises(EmbeddedError) as error:
        wait_until_ready(f"http://127.0.0.1:{free_port()}", "uat_db", process, log, timeout=30, password="pw")
    assert "exited with code 3" in str(error.value)
    assert "ImportError: no module named lxml" in str(error.value)
    assert str(log) in str(error.value)


def test_odoo_never_answering_hits_the_deadline(sleeper, tmp_path):
    with pytest.raises(EmbeddedError, match=r"did not answer .* within 0 s"):
        wait_until_ready(
            f"http://127.0.0.1:{free_port()}",
            "uat_db",
            sleeper,
            tmp_path / "odoo.log",
            timeout=0.3,
            interval=0.05,
            password="pw",
        )


def test_terminate_ends_the_whole_process_group_even_when_sigterm_is_ignored(tmp_path):
    # A parent that ignores SIGTERM and a child of its own, like a wedged server with helpers.
    script = (
        "import signal, subprocess, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
        "print(child.pid, flush=True); time.sleep(60)"
    )
    log = tmp_path / "group.log"
    process = spawn([sys.executable, "-c", script], log)
    while not tail(log).strip():
        try:
            process.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            continue
    child = os.pidfd_open(int(tail(log).split()[0]))
    terminate(process, timeout=0.5)
    assert process.returncode is not None
    ready, _, _ = select.select([child], [], [], 5)  # a pidfd turns readable when its process ends
    os.close(child)
    assert ready, "the child of the stopped process is still running"


def test_tail_of_a_missing_log_is_empty(tmp_path):
    assert tail(tmp_path / "nothing.log") == ""


class SlowCluster:
    """A cluster whose stop waits until the test lets it end, and counts its stops."""

    def __init__(self) -> None:
        self.stopping, self.may_end = threading.Event(), threading.Event()
        self.stops = 0

    def stop(self) -> None:
        self.stops += 1
        self.stopping.set()
        self.may_end.wait()


def test_two_threads_stopping_the_server_at_once_stop_the_cluster_once(tmp_path):
    """A run that ends early (a feature path that does not exist): the keeper thread stops the server while
    the atexit backstop does too; the second waits for the first and finds nothing left to stop."""
    odoo = EmbeddedOdoo(OdooSource(series="19.0", src=tmp_path / "odoo"), tmp_path / "cache")
    cluster = odoo.cluster = SlowCluster()
    keeper_thread = threading.Thread(target=odoo.stop)
    keeper_thread.start()
    assert cluster.stopping.wait(10)
    backstop = threading.Thread(target=odoo.stop)
    backstop.start()
    cluster.may_end.set()
    keeper_thread.join(10)
    backstop.join(10)
    assert cluster.stops == 1 and odoo.cluster is None
