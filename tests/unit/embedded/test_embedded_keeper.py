"""ServerKeeper: the embedded Odoo started in a thread of its own, waited for where the run first needs it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from odoo_uat.embedded import EmbeddedError
from odoo_uat.embedded.keeper import ServerKeeper
from odoo_uat.plugins.odoo_server import early_run_paths


class FakeServer:
    """Says something while it starts; records the thread that starts and the one that stops it."""

    def __init__(self, progress, fail: bool = False, may_start: threading.Event | None = None) -> None:
        self.progress, self.fail, self.may_start = progress, fail, may_start
        self.started_in: threading.Thread | None = None
        self.stopped = threading.Event()

    def start(self) -> str:
        if self.may_start is not None:
            self.may_start.wait()
        self.progress("template up to date")
        self.started_in = threading.current_thread()
        if self.fail:
            raise EmbeddedError("Odoo exited with code 3 while starting.")
        return "the target"

    def stop(self) -> None:
        self.stopped.set()


def keeper(**options) -> tuple[ServerKeeper, list[FakeServer]]:
    made: list[FakeServer] = []
    return ServerKeeper(lambda progress: made.append(FakeServer(progress, **options)) or made[-1]).start(), made


def test_the_run_gets_the_target_and_what_the_server_said_while_it_started():
    started, made = keeper()
    said: list[str] = []
    assert started.wait(said.append) == "the target"
    assert said == ["template up to date"]
    assert made[0].started_in is not threading.current_thread()
    assert started.wait(said.append) == "the target" and said == ["template up to date"]  # once is enough
    started.stop()
    assert made[0].stopped.is_set()


def test_a_start_failure_is_raised_where_the_run_waits():
    started, made = keeper(fail=True)
    with pytest.raises(EmbeddedError, match="exited with code 3"):
        started.wait(lambda message: None)
    started.stop()  # EmbeddedOdoo.stop is safe to call on a server that did not start
    assert made[0].stopped.is_set()


def test_a_server_stopped_while_it_starts_stops_once_started():
    may_start = threading.Event()
    started, made = keeper(may_start=may_start)
    started.stop()  # e.g. no selected test needs Odoo: the run does not wait for it
    may_start.set()
    assert made[0].stopped.wait(10)


@pytest.mark.parametrize(
    ("args", "early"),
    [
        (["features"], True),
        (["features/test_feature_files.py::test_ship_a_confirmed_order_in_full"], True),
        (["tests/e2e/test_faults.py"], True),
        (["features", "tests/unit"], False),
        (["tests"], False),
        ([], False),
    ],
)
def test_only_runs_of_scenarios_start_odoo_as_pytest_starts(tmp_path: Path, args, early):
    assert early_run_paths(tmp_path, tmp_path, args) is early


def test_what_follows_the_start_is_done_in_the_thread_and_its_failure_left_to_the_run():
    started = ServerKeeper(lambda progress: FakeServer(progress), then=lambda target: f"logged in to {target}").start()
    assert started.wait(lambda message: None) == "the target"
    assert started.prepared == "logged in to the target"
    started.stop()

    def refused(target):
        raise ConnectionError("refused")

    failing = ServerKeeper(lambda progress: FakeServer(progress), then=refused).start()
    assert failing.wait(lambda message: None) == "the target" and failing.prepared is None
    failing.stop()
