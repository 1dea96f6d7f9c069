"""What the plugins learn about a run and the fixtures in fixtures/run.py hand to steps.

The plugins (odoo_uat/plugins/) fill these stash keys in their hooks; fixtures read them, so
nothing outside conftest.py and tests imports a plugin.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from odoo_uat.odoo.target import OdooTarget

# The Odoo under test, resolved on first use (it may start the embedded server, or skip the test
# with the reason none is configured): set by odoo_uat.plugins.odoo_server.
ODOO_TARGET = pytest.StashKey[Callable[[], OdooTarget]]()
# The administrator's RPC connection to this target that the embedded Odoo's thread made while pytest collected,
# taken once (None: there is none, connect): set by odoo_uat.plugins.odoo_server.
PREPARED_CONNECTION = pytest.StashKey[Callable[[OdooTarget], object | None]]()
# This run's id, the same in every xdist worker: set by odoo_uat.plugins.run_identity.
RUN_ID = pytest.StashKey[str]()
