"""One guard for every command that writes to a server: safety.guard_writes, called by each module that connects.

The modules are read with ast, so a new command that connects to Odoo and forgets the guard fails here,
named by file, without importing or running it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from odoo_uat.odoo.safety import (
    EMBEDDED_DATABASE,
    LIVE_DATABASE_ALLOWED,
    NEUTRALIZED_DATABASE,
    NEUTRALIZED_PARAMETER,
    OVERRIDE_OPTION,
    OVERRIDE_VALUE,
    OVERRIDE_VARIABLE,
    LiveDatabaseError,
    guard_writes,
)
from odoo_uat.odoo.target import OdooTarget
from tests.unit.fake_odoo import FakeModel, FakeOdoo

ROOT = Path(__file__).resolve().parents[3]
SCANNED = ("odoo_uat", "fixtures", "steps", "pages")
CONNECTION = "odoo_uat/odoo/rpc.py"  # where connect is defined
GUARD = "guard_writes"
# Modules that connect without calling the guard themselves, and why that is safe.
GUARDED_ELSEWHERE = {
    "fixtures/data.py": "the `odoo` fixture, inside a pytest run: odoo_server's session start guarded it first",
}
SERVER = OdooTarget("https://staging.example.com", "staging", "admin", "secret")


def called_names(tree: ast.AST) -> set[str]:
    """The names of every function a module calls: `connect(...)`, `rpc.connect(...)`, `odoorpc.ODOO(...)`."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                names.add(node.func.id)
            elif isinstance(node.func, ast.Attribute):
                names.add(node.func.attr)
    return names


def connects(tree: ast.AST) -> bool:
    """Whether a module opens a connection to Odoo: odoo_uat.odoo.rpc's connect, or odoorpc.ODOO directly."""
    imports_connect = any(
        isinstance(node, ast.ImportFrom)
        and node.module in ("odoo_uat.odoo.rpc", "odoo_uat.odoo")
        and any(alias.name in ("connect", "rpc") for alias in node.names)
        for node in ast.walk(tree)
    )
    names = called_names(tree)
    return (imports_connect and "connect" in names) or "ODOO" in names


def unguarded(source: str) -> bool:
    """Whether a module connects to Odoo without calling the guard."""
    tree = ast.parse(source)
    return connects(tree) and GUARD not in called_names(tree)


def project_modules() -> dict[str, str]:
    """Relative path -> source of every Python module of the scanned folders."""
    return {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for folder in SCANNED
        for path in sorted((ROOT / folder).rglob("*.py"))
    }


def test_every_module_that_connects_to_odoo_calls_the_guard():
    modules = project_modules()
    skipping = [path for path, source in modules.items() if path != CONNECTION and unguarded(source)]
    assert sorted(set(skipping) - set(GUARDED_ELSEWHERE)) == [], (
        "These modules connect to Odoo without odoo_uat.odoo.safety.guard_writes before their first write: "
        "call it right after connect(), with the --odoo-allow-live-database option / "
        "ODOO_UAT_ALLOW_LIVE_DATABASE override (see odoo_uat/odoo/cleanup.py main)."
    )


def test_the_writing_commands_are_among_those_checked():
    """The check sees the commands it is there for (it would pass vacuously if it saw none)."""
    modules = project_modules()
    checked = {path for path, source in modules.items() if connects(ast.parse(source))}
    commands = {
        "odoo_uat/plugins/odoo_server.py",  # make uat
        "odoo_uat/bench/run.py",
        "odoo_uat/soak.py",
        "odoo_uat/recorder/__main__.py",
        "odoo_uat/odoo/cleanup.py",  # make clean-server
    }
    assert commands <= checked
    assert set(GUARDED_ELSEWHERE) <= checked  # no stale exemption


@pytest.mark.parametrize(
    "source",
    [
        "from odoo_uat.odoo.rpc import connect\ndef main():\n    connect(target).env['res.partner'].create({})\n",
        "from odoo_uat.odoo import rpc\ndef main():\n    rpc.connect(target)\n",
        "import odoorpc\ndef main():\n    odoorpc.ODOO('localhost').login('db', 'admin', 'x')\n",
    ],
)
def test_a_new_command_that_connects_without_the_guard_is_caught(source):
    assert unguarded(source)
    assert not unguarded(source + "    guard_writes(odoo, target, False)\n")


class Parameters(FakeModel):
    """ir.config_parameter: get_param answers from the rows' key and value."""

    def get_param(self, key: str, default=False):
        return next((row["value"] for row in self.rows if row["key"] == key), default)


def server(neutralized: bool) -> FakeOdoo:
    odoo = FakeOdoo({"ir.config_parameter": [{"id": 1, "key": NEUTRALIZED_PARAMETER, "value": "True"}]})
    if not neutralized:
        odoo.rows["ir.config_parameter"].clear()
    odoo.models["ir.config_parameter"] = Parameters
    return odoo


def test_a_neutralised_database_passes_and_is_said_so():
    assert guard_writes(server(neutralized=True), SERVER, override=False) == NEUTRALIZED_DATABASE


def test_a_database_that_is_not_neutralised_is_refused_naming_it_and_the_override():
    with pytest.raises(LiveDatabaseError) as refused:
        guard_writes(server(neutralized=False), SERVER, override=False)
    message = str(refused.value)
    assert "'staging' at https://staging.example.com" in message and NEUTRALIZED_PARAMETER in message
    assert "odoo-bin neutralize" in message
    assert OVERRIDE_OPTION in message and f"{OVERRIDE_VARIABLE}={OVERRIDE_VALUE}" in message


def test_a_mark_set_to_false_is_named_as_it_is_set():
    odoo = server(neutralized=True)
    odoo.rows["ir.config_parameter"][0]["value"] = "False"
    with pytest.raises(LiveDatabaseError, match=f"{NEUTRALIZED_PARAMETER} is 'False'"):
        guard_writes(odoo, SERVER, override=False)
    assert "is not set" in str(pytest.raises(LiveDatabaseError, guard_writes, server(False), SERVER, False).value)


def test_the_override_lets_a_live_database_through_without_reading_it():
    odoo = server(neutralized=False)
    assert guard_writes(odoo, SERVER, override=True) == LIVE_DATABASE_ALLOWED
    assert odoo.calls == []


def test_an_embedded_clone_needs_no_check():
    odoo = server(neutralized=False)
    embedded = OdooTarget("http://127.0.0.1:8123", "uat_1", "admin", "admin", embedded=True)
    assert guard_writes(odoo, embedded, override=False) == EMBEDDED_DATABASE
    assert odoo.calls == []
