"""SIGTERM ends a pytest run as Ctrl-C does (odoo_uat/plugins/signals.py): odoo_server's unconfigure stops the server.

A pytest run in a subprocess, with a fake embedded server keeper whose stop() prints a line (no Odoo, no PostgreSQL),
gets SIGTERM in the middle of a test.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from odoo_uat.commands import STILL_STOPPING, TERMINATED

ROOT = Path(__file__).resolve().parents[3]
TIMEOUT = 60

CONFTEST = """
import time
from odoo_uat.plugins.odoo_server import STATE

class FakeServerKeeper:
    def stop(self):
        print("STOPPING THE SERVER", flush=True)
        time.sleep({stop_seconds})
        print("SERVER STOPPED", flush=True)

def pytest_sessionstart(session):
    session.config.stash[STATE].keeper = FakeServerKeeper()
"""

TEST = """
import time

def test_a_long_scenario():
    print("STARTED", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def pytest_run(tmp_path: Path):
    """Start pytest on a tiny project with the odoo_server and signals plugins; return once its test started."""

    def start(stop_seconds: float) -> subprocess.Popen:
        (tmp_path / "conftest.py").write_text(CONFTEST.format(stop_seconds=stop_seconds))
        (tmp_path / "test_long.py").write_text(TEST)
        env = {key: value for key, value in os.environ.items() if not key.startswith(("ODOO_", "PYTEST_"))}
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pytest",
                "-s",
                "-q",
                "-p",
                "odoo_uat.plugins.odoo_server",
                "-p",
                "odoo_uat.plugins.signals",
                "-p",
                "no:cacheprovider",
                "test_long.py",
            ],
            cwd=tmp_path,
            env={**env, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        for line in process.stdout:
            if "STARTED" in line:
                return process
        raise AssertionError(f"the test did not start:\n{process.communicate(timeout=TIMEOUT)[1]}")

    return start


def test_sigterm_interrupts_the_run_and_unconfigure_stops_the_server_a_second_one_not_cutting_it_short(pytest_run):
    process = pytest_run(stop_seconds=1)
    process.send_signal(signal.SIGTERM)
    assert process.stdout is not None
    read = []
    for line in process.stdout:
        read.append(line)
        if "STOPPING THE SERVER" in line:
            break
    process.send_signal(signal.SIGTERM)  # a CI runner signalling every process of the job, or `make soak` forwarding
    rest, err = process.communicate(timeout=TIMEOUT)
    out = "".join(read) + rest
    assert process.returncode == pytest.ExitCode.INTERRUPTED, out + err
    assert f"Terminated: {TERMINATED}" in out, out + err  # pytest's interrupted banner, naming SIGTERM
    assert "SERVER STOPPED" in out and STILL_STOPPING in err, out + err
