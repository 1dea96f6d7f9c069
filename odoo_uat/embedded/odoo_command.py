"""The command lines of the embedded Odoo's processes: a template build, the assets shell, the server."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from odoo_uat.embedded.postgres import HOST, SUPERUSER, PostgresCluster
from odoo_uat.embedded.runtime import OdooRuntime
from odoo_uat.embedded.template_plan import loaded_languages


def odoo_args(cluster: PostgresCluster, runtime: OdooRuntime, data_dir: Path, config_file: Path) -> list[str]:
    """The options every Odoo process of the embedded default gets."""
    args = [
        f"--config={config_file}",  # never the user's ~/.odoorc
        f"--db_host={HOST}",
        f"--db_port={cluster.port}",
        f"--db_user={SUPERUSER}",
        f"--data-dir={data_dir}",
    ]
    addons = runtime.addons_paths()
    if addons:
        args.append("--addons-path=" + ",".join(str(path) for path in addons))
    return args


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

    def init(self, db: str, args: Sequence[str], log: Path) -> list[str]:
        """Initialise db with args (-i, -u, --load-language), then exit: no HTTP, no cron, no demo data."""
        argv = [
            *self.runtime.command(),
            *self.options(),
            "-d",
            db,
            *args,
            "--stop-after-init",
            "--no-http",
            "--max-cron-threads=0",
            f"--logfile={log}",
        ]
        if self.runtime.source.major < 19:
            argv.append("--without-demo=all")  # 19.0 loads no demo data unless --with-demo
        return argv

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
