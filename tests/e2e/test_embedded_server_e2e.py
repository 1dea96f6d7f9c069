"""The embedded default for real: Odoo from ODOO_SRC serves a fresh clone of the template database, hardened:
a random administrator and master password, no database manager, a database role that is no superuser."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import odoorpc
import pytest

from odoo_uat.embedded import EmbeddedOdoo, detect_series
from odoo_uat.embedded.postgres import ODOO_ROLE
from odoo_uat.embedded.requirements import addon_modules
from odoo_uat.embedded.run_names import RUN_NAME
from odoo_uat.embedded.server import json_rpc

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def settings(embedded_settings):
    return embedded_settings


def reveal(password: object) -> str:
    """The target's password as sent (a Secret or a str)."""
    return password.reveal() if hasattr(password, "reveal") else str(password)


def connect(url: str, db: str, password: object) -> odoorpc.ODOO:
    address = urlsplit(url)
    client = odoorpc.ODOO(address.hostname, port=address.port, protocol="jsonrpc", timeout=120)
    client.login(db, "admin", reveal(password))
    return client


def test_the_session_server_runs_the_source_tree_on_a_fresh_clone(settings, odoo_target):
    assert odoo_target.embedded and RUN_NAME.match(odoo_target.db) and odoo_target.log_path.is_file()
    client = connect(odoo_target.url, odoo_target.db, odoo_target.password)
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
        client = connect(target.url, target.db, target.password)
        assert client.env["res.users"].search_count([("login", "=", "admin")]) == 1
        port = urlsplit(target.url).port
    assert odoo.process is None
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    # The session's server shares the cluster, which must outlive this one.
    assert connect(odoo_target.url, odoo_target.db, odoo_target.password).env.uid


def test_the_server_is_closed_to_default_credentials_and_the_database_manager(settings, odoo_target):
    url, db = odoo_target.url, odoo_target.db
    assert reveal(odoo_target.password) != "admin"
    login = {"service": "common", "method": "login"}
    assert not json_rpc(f"{url}/jsonrpc", {**login, "args": [db, "admin", "admin"]}, timeout=60)
    # Odoo's demo users (demo/demo, portal/portal, with ODOO_UAT_DEMO) do not open it either.
    assert not json_rpc(f"{url}/jsonrpc", {**login, "args": [db, "demo", "demo"]}, timeout=60)
    for method, args in (("list", []), ("drop", ["admin", db]), ("dump", ["admin", db, "zip"])):
        with pytest.raises(Exception, match="Access Denied|AccessDenied"):
            json_rpc(f"{url}/jsonrpc", {"service": "db", "method": method, "args": args}, timeout=60)
    assert connect(url, db, odoo_target.password).env.uid  # the run's database still there


def test_odoo_connects_as_a_role_that_is_no_superuser_and_owns_the_run_database(settings, odoo_target):
    odoo = EmbeddedOdoo.from_settings(settings)
    try:
        odoo.prepare()
        cluster = odoo.cluster
        assert cluster.sql(f"SELECT rolsuper, rolcreatedb FROM pg_roles WHERE rolname = '{ODOO_ROLE}'") == [["f", "t"]]
        owner = cluster.sql(f"SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '{odoo_target.db}'")
        assert owner == [[ODOO_ROLE]]
        for folder in (odoo.cache_dir, cluster.home, cluster.root):
            assert folder.lstat().st_mode & 0o077 == 0 and not folder.is_symlink()
        assert (cluster.home / "admin-password").stat().st_mode & 0o777 == 0o600
    finally:
        odoo.stop()
