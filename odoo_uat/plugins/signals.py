"""pytest plugin: SIGTERM ends a run as Ctrl-C does, so its clean-up runs.

A cancelled CI job or `timeout` sends SIGTERM, whose default ends the process on the spot: the embedded
Odoo's PostgreSQL kept running and no teardown ran. From configure to unconfigure, the first SIGTERM raises
KeyboardInterrupt (odoo_uat.commands.Terminated) where the run is: pytest reports the run as interrupted
(exit 2), fixtures are torn down, and odoo_server's unconfigure stops the embedded Odoo and PostgreSQL.
A SIGTERM after that (a whole process group signalled, or a parent command forwarding it) is ignored while
the clean-up goes on; a second Ctrl-C still stops at once. In every pytest process: the controller, which
owns the embedded server, and each xdist worker, which Ctrl-C in a terminal reaches too.
"""

from __future__ import annotations

import sys

import pytest

from odoo_uat.commands import PREFIX, InterruptSignals

SIGNALS = pytest.StashKey[InterruptSignals]()


def warn(message: str) -> None:
    print(f"{PREFIX}: {message}", file=sys.stderr, flush=True)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    signals = config.stash[SIGNALS] = InterruptSignals(warn)
    signals.install()


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """After every other unconfigure (odoo_server's stops the embedded Odoo), so a SIGTERM cannot cut it short."""
    signals = config.stash.get(SIGNALS, None)
    if signals is not None:
        signals.restore()
