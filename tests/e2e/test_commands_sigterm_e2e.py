"""SIGTERM to the commands that start Odoo (soak, bench, record, serve), on a real embedded Odoo: the fault matrix row.

A cancelled CI job or `timeout` sends SIGTERM. Each command is started as a user starts it (`python -m ...`, its own
session), given SIGTERM once it is under way (Odoo started, a run or a browser going), and must then end within a
bound, say what it did, and leave no process of its session running: no odoo-bin, no Chromium, no pytest child.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from odoo_uat.commands import EXIT_TERMINATED

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
QUOTE_TO_SHIP = "features/order_to_cash/quote_to_ship.feature"
ODOO_VARIABLES = ("ODOO_URL", "ODOO_DB", "ODOO_LOGIN", "ODOO_PASSWORD", "ODOO_SRC")
UNDER_WAY_TIMEOUT = 900  # seconds for a command to get under way (a template built on a loaded runner)
STOP_BOUND = 180  # seconds a command may take to stop once it got SIGTERM
STOPPED = "stopped by SIGTERM"

# The recorder's --script: it waits for the browser to close, which SIGTERM's clean-up does.
WAITING_SCRIPT = """
def drive(page):
    print("SCRIPT DRIVING", flush=True)
    page.wait_for_event("close", timeout=0)
"""


@dataclass(frozen=True)
class Command:
    """A command, the line it prints once under way, and what it says once stopped by SIGTERM."""

    argv: tuple[str, ...]
    under_way: str
    says: str
    exit_status: int


def commands(tmp_path: Path) -> dict[str, Command]:
    python = sys.executable
    script = tmp_path / "waiting_script.py"
    script.write_text(WAITING_SCRIPT)
    return {
        # SIGTERM while the soak's first pytest run is under way, against the soak's Odoo.
        "soak": Command(
            (python, "-m", "odoo_uat.soak", "--runs", "2", "--soak-output", str(tmp_path / "soak"), QUOTE_TO_SHIP),
            "collected ",
            "interrupted by SIGTERM: the table covers the 0 finished runs",
            EXIT_TERMINATED,
        ),
        "bench": Command((python, "-m", "odoo_uat.bench", "--rounds", "1"), "run id ", STOPPED, EXIT_TERMINATED),
        "record": Command(
            (python, "-m", "odoo_uat.recorder", "--script", f"{script}:drive", "--out", str(tmp_path / "rec.feature")),
            "SCRIPT DRIVING",
            STOPPED,
            EXIT_TERMINATED,
        ),
        "serve": Command((python, "-m", "odoo_uat.embedded", "serve"), "Ctrl-C stops", "", EXIT_TERMINATED),
    }


def session_processes(pid: int) -> list[str]:
    """Processes still in the session the command started (odoo-bin, chromium, pytest children)."""
    found = subprocess.run(["ps", "-o", "pid=,args=", "-s", str(pid)], capture_output=True, text=True)
    return [line for line in found.stdout.splitlines() if line.strip()]


def run_until_under_way(argv: tuple[str, ...], under_way: str, env: dict[str, str]) -> tuple[subprocess.Popen, list]:
    """Start the command; return once a line of its output holds `under_way` (all lines read go on being kept)."""
    process = subprocess.Popen(
        argv,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    seen = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if under_way in line:
                seen.set()

    threading.Thread(target=read, daemon=True).start()
    if not seen.wait(UNDER_WAY_TIMEOUT):
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"{argv[2]} did not get under way within {UNDER_WAY_TIMEOUT} s:\n{''.join(lines)[-3000:]}")
    return process, lines


@pytest.mark.parametrize("name", ["soak", "bench", "record", "serve"])
def test_sigterm_stops_the_command_and_everything_it_started(name, embedded_settings, tmp_path):
    command = commands(tmp_path)[name]
    env = {k: v for k, v in os.environ.items() if k not in ODOO_VARIABLES} | {"ODOO_SRC": str(embedded_settings.src)}
    process, lines = run_until_under_way(command.argv, command.under_way, env)
    process.send_signal(signal.SIGTERM)
    signalled = time.monotonic()
    try:
        process.wait(STOP_BOUND)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"{name} did not stop within {STOP_BOUND} s of SIGTERM:\n{''.join(lines)[-3000:]}")
    seconds = time.monotonic() - signalled
    output = "".join(lines)
    print(f"{name}: stopped {seconds:.1f} s after SIGTERM, exit {process.returncode}; output ends:\n{output[-1500:]}")
    assert process.returncode == command.exit_status, output[-3000:]
    assert command.says in output, output[-3000:]
    assert session_processes(process.pid) == [], f"{name} left processes running after SIGTERM"
