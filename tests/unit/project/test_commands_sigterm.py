"""SIGTERM (a cancelled CI job, `timeout`, `kill`) ends a command as Ctrl-C does: its clean-up runs, and its child runs'.

Each test runs a small command in a subprocess (no Odoo: the clean-up is a line printed in a `finally`), waits
for it to say it started, sends SIGTERM, and reads what it did.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from odoo_uat.commands import EXIT_TERMINATED, STILL_STOPPING

ROOT = Path(__file__).resolve().parents[3]
TIMEOUT = 60

COMMAND = """
import sys, time
from odoo_uat import commands

def body():
    try:
        print("STARTED", flush=True)
        time.sleep(60)
        return 0
    finally:
        print("CLEANING UP", flush=True)
        time.sleep({cleanup_seconds})  # a second SIGTERM may come meanwhile: it must not cut this short
        print("CLEANED UP", flush=True)

sys.exit(commands.run_command(body, "demo"))
"""

CHILD = """
import signal, sys, time
signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(print("CHILD CLEANED UP", flush=True) or 143))
print("STARTED", flush=True)
time.sleep(60)
"""

PARENT = """
import sys
from odoo_uat import commands

sys.exit(commands.run_command(lambda: commands.run_child([sys.executable, "-c", {child!r}]), "demo"))
"""


def start(source: str) -> subprocess.Popen:
    """Run a Python program in its own process; return once it printed STARTED."""
    process = subprocess.Popen(
        [sys.executable, "-c", source],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line == "STARTED\n", line + process.communicate(timeout=TIMEOUT)[1]
    return process


def test_sigterm_runs_the_commands_clean_up_and_exits_143():
    process = start(COMMAND.format(cleanup_seconds=0))
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == EXIT_TERMINATED, err
    assert out.splitlines() == ["CLEANING UP", "CLEANED UP"]
    assert "odoo-uat demo: stopped by SIGTERM" in err


def test_a_second_sigterm_does_not_cut_the_clean_up_short():
    process = start(COMMAND.format(cleanup_seconds=1))
    process.send_signal(signal.SIGTERM)
    assert process.stdout is not None and process.stdout.readline() == "CLEANING UP\n"
    process.send_signal(signal.SIGTERM)  # as a CI runner signalling the whole job would, or a parent forwarding it
    out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == EXIT_TERMINATED, err
    assert out.splitlines() == ["CLEANED UP"]
    assert STILL_STOPPING in err


def test_a_child_run_gets_sigterm_and_time_to_clean_up_when_its_command_is_stopped():
    process = start(PARENT.format(child=CHILD))  # STARTED comes from the child: it runs
    process.send_signal(signal.SIGTERM)  # the parent only, as `kill <pid>` does
    out, err = process.communicate(timeout=TIMEOUT)
    assert "CHILD CLEANED UP" in out, err
    assert process.returncode == EXIT_TERMINATED, err
