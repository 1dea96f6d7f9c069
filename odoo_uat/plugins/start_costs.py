"""A worker's first setup, recorded on its test as the seconds of a start-up cost (a JUnit property), with the
machine the worker runs on.

The first test of each pytest process (each xdist worker) also sets up what the session shares: the browser, the
RPC connection, the roles' states. Whichever scenario comes first pays for it, so the speed budget leaves it out of
that scenario's time (odoo_uat/report/speed_budget.py, START_COSTS), as it leaves out the roles' logins and
web-client boots (fixtures/browser.py).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from odoo_uat.report.speed_budget import RAN_ON, WORKER_SETUP, machine, start_cost

SET_UP = pytest.StashKey[bool]()  # on the config: a test of this process has been set up


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    if item.config.stash.get(SET_UP, False):
        return (yield)
    item.config.stash[SET_UP] = True
    started = time.perf_counter()
    try:
        return (yield)
    finally:
        item.user_properties.extend(start_cost(WORKER_SETUP, time.perf_counter() - started))
        item.user_properties.append((RAN_ON, json.dumps(machine(), sort_keys=True)))
