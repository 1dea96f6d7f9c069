"""Pytest plugin (registered in conftest.py): after each scenario, its outcome record in <reports>/outcomes/.

What the scenario's documents hold once it ended (capture.py), the checks its Then steps made and how they ended,
normalised for a compare (`make compare`). Recording never fails a scenario: an error is logged and noted in the
record. `--no-outcomes` turns it off; `--clean-alluredir` (as `make uat` runs) also removes the last run's records.

The documents are read by one thread per process, beside the run (Recorder): a scenario does not wait for its
record (a dozen RPC calls, about 0.15 s), and the process waits for every record before its session ends.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from odoo_uat.outcome import files, readings
from odoo_uat.outcome.capture import FieldTypes, Reader, Roots
from odoo_uat.outcome.normalise import Normaliser
from odoo_uat.scenarios import scenario_of

LOG = logging.getLogger("odoo_uat.outcome")
FOLDER = pytest.StashKey[Path | None]()
TYPES = pytest.StashKey[FieldTypes]()
STATE = pytest.StashKey[dict[str, Any]]()
RECORDER = pytest.StashKey["Recorder"]()
EXAMPLE_PARAM = "_pytest_bdd_example"  # pytest-bdd's parametrize name for Examples rows
MAX_MESSAGE = 500


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("odoo-uat").addoption(
        "--no-outcomes",
        action="store_true",
        default=False,
        help="write no outcome record per scenario (<reports>/outcomes/, what `make compare` compares)",
    )


class Recorder:
    """Completes and writes the scenarios' records in one thread, in the order they ended. It shares the process's
    odoorpc connection: each call is a request of its own, and the connection keeps no state between calls."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="odoo-uat-outcomes")

    def submit(self, job) -> None:
        self._pool.submit(self._run, job)

    @staticmethod
    def _run(job) -> None:
        try:
            job()
        except Exception:  # never lost in a future nobody reads
            LOG.exception("an outcome record was not written")

    def finish(self) -> None:
        """Wait until every record submitted is written."""
        self._pool.shutdown(wait=True)


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("no_outcomes", False):
        config.stash[FOLDER] = None
        return
    folder = files.outcomes_root(config.getoption("allure_report_dir", None)).absolute()
    config.stash[FOLDER] = folder
    if not hasattr(config, "workerinput") and config.getoption("clean_alluredir", False):
        files.clean(folder)  # the controller, before any worker writes
    recorder = config.stash[RECORDER] = Recorder()
    config.add_cleanup(recorder.finish)  # also when the session did not finish


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """Every record written before the session's reports (and an xdist worker's end) are made."""
    recorder = session.config.stash.get(RECORDER, None)
    if recorder is not None:
        recorder.finish()


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature, scenario) -> None:
    request.node.stash[STATE] = {"day": date.today(), "checks": [], "failed": None}


def pytest_bdd_before_step(request: pytest.FixtureRequest, feature, scenario, step, step_func) -> None:
    if step.type == "then" and request.node.stash.get(STATE, None) is not None:
        if request.config.stash.get(FOLDER, None) is not None:
            readings.start()  # what the step notes it read (readings.note), attached to its check


def pytest_bdd_after_step(request: pytest.FixtureRequest, feature, scenario, step, step_func, step_func_args) -> None:
    state = request.node.stash.get(STATE, None)
    read = readings.stop()
    if state is not None and step.type == "then":
        state["checks"].append(_check(step, "passed", read))


def pytest_bdd_step_error(
    request: pytest.FixtureRequest, feature, scenario, step, step_func, step_func_args, exception
) -> None:
    state = request.node.stash.get(STATE, None)
    read = readings.stop()
    if state is None:
        return
    message = (
        str(exception).strip().splitlines()[0][:MAX_MESSAGE] if str(exception).strip() else type(exception).__name__
    )
    state["failed"] = {"step": f"{step.keyword} {step.name}", "message": message}
    if step.type == "then":
        state["checks"].append({**_check(step, "failed", read), "message": message})


def _check(step, status: str, read: dict[str, Any]) -> dict[str, Any]:
    """A Then step's entry in the record: the step, how it ended, and what it read (normalised once it ended)."""
    return {"step": f"{step.keyword} {step.name}", "status": status, **({"read": read} if read else {})}


def pytest_bdd_after_scenario(request: pytest.FixtureRequest, feature, scenario) -> None:
    folder = request.config.stash.get(FOLDER, None)
    state = request.node.stash.get(STATE, None)
    if folder is None or state is None:
        return
    readings.stop()
    record = _header(request, feature, scenario, state)
    normaliser = _normaliser(request, state)
    source = _documents_source(request, record)
    request.config.stash[RECORDER].submit(partial(_complete, request.config, folder, record, normaliser, source))


def _complete(
    config: pytest.Config, folder: Path, record: dict[str, Any], normaliser: Normaliser, source: tuple | None
) -> None:
    """In the recorder's thread: the scenario's documents read, its readings normalised, the record written."""
    started = time.monotonic()
    try:
        if source is not None:
            _read_documents(config, record, normaliser, *source)
    except Exception as error:  # a recording error never fails the scenario: logged, and noted in the record
        _recording_failed(record, error)
    _normalise_readings(record, normaliser)
    record["meta"]["recording_seconds"] = round(time.monotonic() - started, 3)
    try:
        files.write(folder, record)
    except OSError as error:
        LOG.warning("outcome record of %s not written: %s", record["scenario"]["id"], error)


def _header(request: pytest.FixtureRequest, feature, scenario, state: dict[str, Any]) -> dict[str, Any]:
    callspec = getattr(request.node, "callspec", None)
    template = scenario_of(request.node)
    example = None
    if callspec is not None and EXAMPLE_PARAM in callspec.params and template and scenario.name == template.name:
        example = callspec.id  # the Examples row's values are not in the name: the row tells them apart
    failed = state["failed"]
    return {
        "scenario": {
            "id": files.scenario_id(feature.rel_filename, scenario.name, example),
            "feature": feature.rel_filename,
            "name": scenario.name,
        },
        "status": "failed" if failed else "passed",
        "failed step": failed,
        "checks": state["checks"],
        "notes": [],
        "meta": {"recorded_on": state["day"].isoformat(), "nodeid": request.node.nodeid},
    }


def _normaliser(request: pytest.FixtureRequest, state: dict[str, Any]) -> Normaliser:
    """The scenario's normaliser: its names back to the author's, days relative to the day it ran."""
    try:
        names = request.getfixturevalue("names") if "names" in set(request.fixturenames) else None
    except Exception as error:  # never fails the scenario: the token pattern still strips the run's names
        LOG.warning("outcome record: the scenario's names: %s: %s", type(error).__name__, error)
        names = None
    return Normaliser(
        state["day"],
        names.scenario_text if names is not None else str,
        names.token if names is not None else None,
    )


def _normalise_readings(record: dict[str, Any], normaliser: Normaliser) -> None:
    """Each check's readings made comparable, once the documents' numbers have their placeholders."""
    for check in record["checks"]:
        if "read" in check:
            try:
                check["read"] = normaliser.reading(check["read"])
            except Exception as error:  # never fails the scenario: the raw reading is kept, and noted
                record["notes"].append(f"reading of {check['step']!r} not normalised: {error}"[:MAX_MESSAGE])
                check["read"] = {key: str(value) for key, value in check["read"].items()}


def _documents_source(request: pytest.FixtureRequest, record: dict[str, Any]) -> tuple | None:
    """What the recorder reads the scenario's documents with (the connection, what the scenario seeded, the Odoo
    version's differences), taken from its fixtures before they end; None when it worked with no Odoo data."""
    active = set(request.fixturenames)
    if "odoo" not in active or "seeded" not in active:
        record["notes"].append("no record of Odoo's data: the scenario seeded nothing")
        return None
    try:
        seeded = Roots.of(request.getfixturevalue("seeded"))
        return request.getfixturevalue("odoo"), seeded, request.getfixturevalue("compat")
    except Exception as error:  # never fails the scenario: logged, and noted in the record
        _recording_failed(record, error)
        return None


def _recording_failed(record: dict[str, Any], error: Exception) -> None:
    LOG.warning("outcome record of %s: %s: %s", record["scenario"]["id"], type(error).__name__, error)
    record["notes"].append(f"recording failed: {type(error).__name__}: {error}"[:MAX_MESSAGE])


def _read_documents(
    config: pytest.Config, record: dict[str, Any], normaliser: Normaliser, odoo: Any, roots: Roots, compat: Any
) -> None:
    """The scenario's documents, stock moves and products."""
    if TYPES not in config.stash:
        config.stash[TYPES] = FieldTypes(odoo)
    reader = Reader(odoo, compat, config.stash[TYPES])
    record.update(reader.read(roots, normaliser))
    record["meta"].update({"odoo": odoo.version, "rpc_calls": reader.calls})
