"""The command lines of the embedded Odoo's processes: a template build, the assets shell, the server."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from odoo_uat.embedded.postgres import HOST, ODOO_ROLE, PostgresCluster
from odoo_uat.embedded.runtime import OdooRuntime
from odoo_uat.embedded.template_plan import loaded_languages


def odoo_args(cluster: PostgresCluster, runtime: OdooRuntime, data_dir: Path, config_file: Path) -> list[str]:
    """The options every Odoo process of the embedded default gets; no secret (they show in `ps`)."""
    args = [
        # Never the user's ~/.odoorc; the embedded Odoo's own master password (credentials.odoo_config_text).
        f"--config={config_file}",
        f"--db_host={HOST}",
        f"--db_port={cluster.port}",
        f"--db_user={ODOO_ROLE}",  # no superuser; its password comes from the pgpass file of cluster.odoo_env
        f"--data-dir={data_dir}",
        "--no-database-list",  # and so no database manager (Odoo's check_db_management_enabled)
    ]
    addons = runtime.addons_paths()
    if addons:
        args.append("--addons-path=" + ",".join(str(path) for path in addons))
    return args


def demo_args(major: int, demo: bool) -> list[str]:
    """Odoo's option for demo data in a database being created: 19.0 loads none unless asked, 18.0 all unless told."""
    if major >= 19:
        return ["--with-demo"] if demo else []
    return [] if demo else ["--without-demo=all"]


def language_args(languages: Sequence[str]) -> list[str]:
    """Odoo's option that activates languages and loads their translations while the database is created."""
    loaded = loaded_languages(languages)
    return [f"--load-language={','.join(loaded)}"] if loaded else []


@dataclass(frozen=True)
class OdooCommand:
    """Odoo's command lines on one cluster, with one runtime, data folder and configuration file."""

    cluster: PostgresCluster
    runtime: OdooRuntime
    data_dir: Path
    config_file: Path

    def options(self) -> list[str]:
        """The options every Odoo process gets (odoo_args)."""
        return odoo_args(self.cluster, self.runtime, self.data_dir, self.config_file)

    def init(self, db: str, args: Sequence[str], log: Path, demo: bool = False) -> list[str]:
        """Initialise db with args (-i, -u, --load-language), then exit: no HTTP, no cron; demo data when asked."""
        return [
            *self.runtime.command(),
            *self.options(),
            "-d",
            db,
            *args,
            "--stop-after-init",
            "--no-http",
            "--max-cron-threads=0",
            f"--logfile={log}",
            *demo_args(self.runtime.source.major, demo),
        ]

    def shell(self, db: str, log: Path) -> list[str]:
        """`odoo-bin shell` on db, running the script fed on its standard input."""
        return [*self.runtime.command(), "shell", *self.options(), "-d", db, "--no-http", f"--logfile={log}"]

    def serve(self, db: str, port: int, log: Path) -> list[str]:
        """Serve db, and only it, on the loopback port: one process, no cron."""
        return [
            *self.runtime.command(),
            *self.options(),
            "-d",
            db,
            f"--db-filter=^{db}$",
            f"--http-interface={HOST}",
            f"--http-port={port}",
            "--max-cron-threads=0",
            "--workers=0",
            f"--logfile={log}",
        ]
