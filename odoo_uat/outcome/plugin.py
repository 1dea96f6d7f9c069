"""Pytest plugin (registered in conftest.py): after each scenario, its outcome record in <reports>/outcomes/.

What the scenario's documents hold once it ended (capture.py), the checks its Then steps made and how they ended,
normalised for a compare (`make compare`). Recording never fails a scenario: an error is logged and noted in the
record. `--no-outcomes` turns it off; `--clean-alluredir` (as `make uat` runs) also removes the last run's records.
"""

from __future__ import annotations

import logging
import time
from datetime import date
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
EXAMPLE_PARAM = "_pytest_bdd_example"  # pytest-bdd's parametrize name for Examples rows
MAX_MESSAGE = 500


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("odoo-uat").addoption(
        "--no-outcomes",
        action="store_true",
        default=False,
        help="write no outcome record per scenario (<reports>/outcomes/, what `make compare` compares)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("no_outcomes", False):
        config.stash[FOLDER] = None
        return
    folder = files.outcomes_root(config.getoption("allure_report_dir", None)).absolute()
    config.stash[FOLDER] = folder
    if not hasattr(config, "workerinput") and config.getoption("clean_alluredir", False):
        files.clean(folder)  # the controller, before any worker writes


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
    started = time.monotonic()
    normaliser = _normaliser(request, state)
    try:
        _read_documents(request, record, normaliser)
    except Exception as error:  # a recording error never fails the scenario: logged, and noted in the record
        LOG.warning("outcome record of %s: %s: %s", record["scenario"]["id"], type(error).__name__, error)
        record["notes"].append(f"recording failed: {type(error).__name__}: {error}"[:MAX_MESSAGE])
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


def _read_documents(request: pytest.FixtureRequest, record: dict[str, Any], normaliser: Normaliser) -> None:
    """The scenario's documents, stock moves and products, when it worked with Odoo's data at all."""
    active = set(request.fixturenames)
    if "odoo" not in active or "seeded" not in active:
        record["notes"].append("no record of Odoo's data: the scenario seeded nothing")
        return
    odoo = request.getfixturevalue("odoo")
    seeded = request.getfixturevalue("seeded")
    compat = request.getfixturevalue("compat")
    if TYPES not in request.config.stash:
        request.config.stash[TYPES] = FieldTypes(odoo)
    reader = Reader(odoo, compat, request.config.stash[TYPES])
    record.update(reader.read(Roots.of(seeded), normaliser))
    record["meta"].update({"odoo": odoo.version, "rpc_calls": reader.calls})
