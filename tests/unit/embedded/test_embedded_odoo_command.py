"""The command lines of the embedded Odoo: every process on the private cluster, each with its own options."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest

from odoo_uat.embedded.odoo_command import OdooCommand

LOG = Path("/cache/logs/uat_db.log")


@dataclass
class Runtime:
    """The parts of OdooRuntime a command line reads."""

    major: int = 19
    addons: list[Path] = field(default_factory=lambda: [Path("/custom"), Path("/src/addons")])

    @property
    def source(self) -> SimpleNamespace:
        return SimpleNamespace(major=self.major)

    def command(self) -> list[str]:
        return ["/venv/bin/python", "/src/odoo-bin"]

    def addons_paths(self) -> list[Path]:
        return self.addons


def command(runtime: Runtime | None = None) -> OdooCommand:
    return OdooCommand(SimpleNamespace(port=5433), runtime or Runtime(), Path("/cache/data"), Path("/cache/odoo.conf"))


OPTIONS = [
    "--config=/cache/odoo.conf",
    "--db_host=127.0.0.1",
    "--db_port=5433",
    "--db_user=odoo_uat_odoo",
    "--data-dir=/cache/data",
    "--no-database-list",
    "--addons-path=/custom,/src/addons",
]


def test_every_process_reads_only_its_own_configuration_and_the_private_cluster():
    assert command().options() == OPTIONS
    assert "--addons-path" not in " ".join(command(Runtime(addons=[])).options())


def test_a_template_build_initialises_the_database_and_exits():
    assert command().init("uat_build_x", ["-i", "base,sale"], LOG) == [
        "/venv/bin/python",
        "/src/odoo-bin",
        *OPTIONS,
        "-d",
        "uat_build_x",
        "-i",
        "base,sale",
        "--stop-after-init",
        "--no-http",
        "--max-cron-threads=0",
        f"--logfile={LOG}",
    ]


@pytest.mark.parametrize(("major", "without_demo"), [(18, True), (19, False)])
def test_demo_data_is_refused_before_19_which_loads_none_unless_asked(major, without_demo):
    assert ("--without-demo=all" in command(Runtime(major=major)).init("uat_build_x", [], LOG)) is without_demo


@pytest.mark.parametrize(("major", "wanted", "refused"), [(18, [], ["--without-demo=all"]), (19, ["--with-demo"], [])])
def test_a_demo_template_asks_each_series_for_demo_data_its_own_way(major, wanted, refused):
    argv = command(Runtime(major=major)).init("uat_build_x", ["-i", "base"], LOG, demo=True)
    assert all(option in argv for option in wanted)
    assert not any(option in argv for option in refused)
    assert "--with-demo" not in command(Runtime(major=major)).init("uat_build_x", ["-i", "base"], LOG)


def test_odoo_connects_as_its_own_role_without_the_database_manager_and_no_secret_on_its_command_line():
    options = command().options()
    assert "--db_user=odoo_uat_odoo" in options and "--db_user=odoo_uat" not in options
    assert "--no-database-list" in options
    for argv in (
        command().serve("uat_db", 8123, LOG),
        command().init("uat_db", [], LOG),
        command().shell("uat_db", LOG),
    ):
        assert not any(arg.startswith(("--db_password", "-w", "--admin_passwd")) for arg in argv)


def test_the_assets_shell_and_the_server_run_on_the_one_database():
    assert command().shell("uat_build_x", LOG) == [
        "/venv/bin/python",
        "/src/odoo-bin",
        "shell",
        *OPTIONS,
        "-d",
        "uat_build_x",
        "--no-http",
        f"--logfile={LOG}",
    ]
    assert command().serve("uat_db", 8123, LOG) == [
        "/venv/bin/python",
        "/src/odoo-bin",
        *OPTIONS,
        "-d",
        "uat_db",
        "--db-filter=^uat_db$",
        "--http-interface=127.0.0.1",
        "--http-port=8123",
        "--max-cron-threads=0",
        "--workers=0",
        f"--logfile={LOG}",
    ]
