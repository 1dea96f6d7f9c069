"""The embedded default for real: Odoo from ODOO_SRC serves a fresh clone of the template database."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import odoorpc
import pytest

from odoo_uat.embedded import EmbeddedOdoo, detect_series
from odoo_uat.embedded.requirements import addon_modules
from odoo_uat.embedded.run_names import RUN_NAME

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def settings(embedded_settings):
    return embedded_settings


def connect(url: str, db: str) -> odoorpc.ODOO:
    address = urlsplit(url)
    client = odoorpc.ODOO(address.hostname, port=address.port, protocol="jsonrpc", timeout=120)
    client.login(db, "admin", "admin")
    return client


def test_the_session_server_runs_the_source_tree_on_a_fresh_clone(settings, odoo_target):
    assert odoo_target.embedded and RUN_NAME.match(odoo_target.db) and odoo_target.log_path.is_file()
    client = connect(odoo_target.url, odoo_target.db)
    assert client.version.startswith(detect_series(settings.src))
    # The configured modules and those of the addon packages, without demo data.
    wanted = [*settings.modules, *addon_modules(settings.addon_packages)]
    modules = client.env["ir.module.module"].search_read([("name", "in", wanted)], ["name", "state", "demo"])
    assert {module["name"]: (module["state"], module["demo"]) for module in modules} == {
        name: ("installed", False) for name in wanted
    }


def test_another_server_gets_its_own_clone_and_stops_cleanly(settings, odoo_target):
    odoo = EmbeddedOdoo.from_settings(settings)
    with odoo as target:
        assert target.db != odoo_target.db
        assert odoo.series == detect_series(settings.src) and odoo.server_version.startswith(odoo.series)
        assert connect(target.url, target.db).env["res.users"].search_count([("login", "=", "admin")]) == 1
        port = urlsplit(target.url).port
    assert odoo.process is None
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    # The session's server shares the cluster, which must outlive this one.
    assert connect(odoo_target.url, odoo_target.db).env.uid
