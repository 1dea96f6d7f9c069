"""Command line: `python -m odoo_uat.embedded prepare|serve` (virtualenv and template, or a server to try)."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

from odoo_uat import commands
from odoo_uat.embedded.server import EmbeddedOdoo
from odoo_uat.settings import SettingsError, load_settings, root_of


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m odoo_uat.embedded", description=__doc__)
    parser.add_argument(
        "command",
        choices=["prepare", "serve"],
        help="prepare: build the virtualenv and the template database; "
        "serve: start Odoo on a fresh database until Ctrl-C",
    )
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: nearest pyproject.toml)")
    parser.add_argument("--odoo-src", help="Odoo source tree (default: ODOO_SRC, then pyproject.toml)")
    parser.add_argument("--odoo-cache-dir", help="cache folder (default: ODOO_UAT_CACHE or ~/.cache/odoo-uat)")
    parser.add_argument(
        "--odoo-addons-path",
        help="folders of the customisation's modules, ':'-separated (default: ODOO_ADDONS_PATH, then pyproject.toml)",
    )
    parser.add_argument(
        "--odoo-install",
        help="which of their modules to install, ','-separated "
        "(default: ODOO_INSTALL, then pyproject.toml; none: all of them)",
    )
    parser.add_argument(
        "--odoo-demo",
        action="store_true",
        help="a template with Odoo's demo data: data, users and customised defaults (default: ODOO_UAT_DEMO, "
        "then `demo` in pyproject.toml)",
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="prepare: drop the template database and build it from nothing"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = root_of(args)
    cli = {
        "--odoo-src": args.odoo_src,
        "--odoo-cache-dir": args.odoo_cache_dir,
        "--odoo-addons-path": args.odoo_addons_path,
        "--odoo-install": args.odoo_install,
        "--odoo-demo": "1" if args.odoo_demo else None,
    }
    # Like `make uat`: with no source tree, Odoo Community of ODOO_SERIES is cloned into the cache.
    settings = load_settings(root, cli, allow_clone=True)
    # Ctrl-C and SIGTERM unwind through stop(), even when started in the background,
    # where the shell makes us inherit an ignored SIGINT.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    started = time.monotonic()

    def run() -> int:
        if settings.mode != "embedded":
            raise SettingsError(
                "ODOO_URL names an existing server, which this command cannot prepare or serve: "
                "unset it, and set ODOO_SRC (or pass --odoo-src) to run Odoo embedded."
            )
        settings.check()
        odoo = EmbeddedOdoo.from_settings(settings, progress=commands.say)
        if args.command == "prepare":
            try:
                odoo.prepare(rebuild=args.rebuild)
            finally:
                odoo.stop()
            commands.say(f"Odoo {odoo.series}: template {odoo.template} ready in {time.monotonic() - started:.0f} s")
            return 0
        with odoo as target:
            # The password is the cluster's own: printed nowhere (a terminal may be recorded), read from its file.
            print(
                f"url:      {target.url}\ndb:       {target.db}\nlogin:    {target.login}\n"
                f"password: in {odoo.admin_password_file} (cat it)\n"
                f"log:      {target.log_path}\n(started in {time.monotonic() - started:.0f} s; Ctrl-C stops)",
                flush=True,
            )
            return odoo.wait()

    return commands.run_command(run)


if __name__ == "__main__":
    sys.exit(main())
