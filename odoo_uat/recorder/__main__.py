"""`make record` / `python -m odoo_uat.recorder`: record a flow clicked in the web client as a role, write a feature file."""

from __future__ import annotations

import argparse
import re
import signal
import sys
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

from odoo_uat import commands
from odoo_uat.authoring.lint import lint
from odoo_uat.commands import SETUP_ERRORS
from odoo_uat.embedded import EmbeddedOdoo
from odoo_uat.odoo.compat import compat_for
from odoo_uat.odoo.role_users import RoleUsers
from odoo_uat.odoo.roles import Roles, UnknownRoleError, role_secret
from odoo_uat.odoo.rpc import OdooConnectionError, connect, series
from odoo_uat.odoo.run_id import new_run_id
from odoo_uat.odoo.safety import (
    LiveDatabaseError,
    add_override_option,
    guard_writes,
    override_requested,
)
from odoo_uat.odoo.target import OdooTarget
from odoo_uat.recorder.phrases import Phrasebook
from odoo_uat.recorder.resolver import OdooResolver
from odoo_uat.recorder.scenario import article, compose
from odoo_uat.recorder.script import ScriptError, load_script
from odoo_uat.recorder.session import RecorderError, record
from odoo_uat.recorder.writer import feature_text
from odoo_uat.settings import Settings, SettingsError, load_settings, root_of

RECORDED_DIR = Path("features/recorded")


COMMAND = "record"
ERRORS = (
    *SETUP_ERRORS,
    OdooConnectionError,
    LiveDatabaseError,
    UnknownRoleError,
    FileNotFoundError,
    RecorderError,
    ScriptError,
)  # each message names the setting or the file, and the fix


def say(message: str) -> None:
    """A progress line on stderr, prefixed with this command's name (commands.say)."""
    commands.say(message, COMMAND)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m odoo_uat.recorder", description=__doc__)
    parser.add_argument("--role", help="the role to act as, as written in roles.toml (default: its first role)")
    parser.add_argument(
        "--out", type=Path, help=f"the feature file to write (default: {RECORDED_DIR}/<role>-<time>.feature)"
    )
    parser.add_argument(
        "--script",
        help="headless: drive the browser with this function instead of a person "
        "(package.module:function or file.py:function, taking the page)",
    )
    parser.add_argument(
        "--show",
        action="store_true",
        help="with --script: show the browser while the script drives it (needs a display)",
    )
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: nearest pyproject.toml)")
    parser.add_argument("--odoo-src", help="Odoo source tree (default: ODOO_SRC, then pyproject.toml)")
    parser.add_argument("--odoo-url", help="an existing server (default: ODOO_URL)")
    parser.add_argument("--odoo-db", help="its database (default: ODOO_DB)")
    parser.add_argument("--odoo-cache-dir", help="cache folder (default: ODOO_UAT_CACHE or ~/.cache/odoo-uat)")
    parser.add_argument("--odoo-addons-path", help="the customisation's module folders, ':'-separated")
    add_override_option(parser.add_argument, "the recorder writes role users and what you click to it")
    return parser.parse_args(argv)


def default_out(root: Path, role: str, now: datetime) -> Path:
    """features/recorded/<role>-<date>-<time>.feature."""
    slug = re.sub(r"[^a-z0-9]+", "-", role.casefold()).strip("-")
    return root / RECORDED_DIR / f"{slug}-{now:%Y%m%d-%H%M%S}.feature"


def feature_name(out: Path) -> str:
    """'quote_to_confirm.feature' -> 'Quote to confirm'."""
    words = re.sub(r"[_\-\s]+", " ", out.stem).strip()
    return words[:1].upper() + words[1:]


def target_for(settings: Settings, stack: ExitStack) -> OdooTarget:
    """The Odoo under test: the embedded one started for this recording, or the existing server (guarded in run)."""
    if settings.mode == "embedded":
        return stack.enter_context(EmbeddedOdoo.from_settings(settings, progress=say))
    assert settings.url and settings.db and settings.password
    return OdooTarget(url=settings.url, db=settings.db, login=settings.login, password=settings.password)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    return commands.run_command(lambda: run(args), COMMAND, ERRORS)


def run(args: argparse.Namespace) -> int:
    """Record one session and write its feature file; 0 when it lints clean, 1 when not."""
    root = root_of(args)
    cli = {
        "--odoo-src": args.odoo_src,
        "--odoo-url": args.odoo_url,
        "--odoo-db": args.odoo_db,
        "--odoo-cache-dir": args.odoo_cache_dir,
        "--odoo-addons-path": args.odoo_addons_path,
    }
    settings = load_settings(root, cli, allow_clone=True)
    if settings.mode is None:
        raise SettingsError(
            "No Odoo to record against: set ODOO_SRC (an Odoo source tree, run embedded) or "
            "ODOO_URL, ODOO_DB and ODOO_PASSWORD (an existing, neutralised server)."
        )
    settings.check()
    roles = Roles(settings.roles_file)
    role_name = (
        roles[args.role].name if args.role else next(iter(roles)).name
    )  # an unknown role fails before Odoo starts
    drive = load_script(args.script) if args.script else None
    now = datetime.now()
    out = (args.out if args.out else default_out(root, role_name, now)).resolve()
    with ExitStack() as stack:
        target = target_for(settings, stack)
        odoo = connect(target)
        guard_writes(odoo, target, override_requested(args.odoo_allow_live_database))
        run_id = new_run_id()  # the recording's role user carries it: `make clean-server RUN=<id>` finds it
        say(f"run id {run_id}")
        users = RoleUsers(odoo, compat_for(odoo), roles, target, run_id=run_id, secret=role_secret(settings.cache_dir))
        role, password = users.ensure(role_name)
        say(
            f'Odoo {series(odoo)} at {target.url}: the browser opens as the "{role.name}" ({role.login}). '
            + ("The script drives it." if drive else "Click through your flow, then close the browser window.")
        )
        events = record(target, role, password, headless=drive is not None and not args.show, drive=drive)
        lang = (odoo.env["res.users"].search_read([("login", "=", role.login)], ["lang"]) or [{}])[0].get("lang")
        lines = Phrasebook.of(root).checked(compose(events, role.name, OdooResolver(odoo, lang)))
    name = feature_name(out)
    description = (
        f'Recorded with make record as {article(role.name)} "{role.name}" on {now:%Y-%m-%d %H:%M}.\n'
        "Read it through: rename the scenario, add the checks that matter (Then ...), and "
        "replace each # line by a step."
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(feature_text(name, description, f"{name}, as recorded", lines), encoding="utf-8")
    report = lint([out], root)
    for problem in report.problems:
        print(problem)
    shown = out.relative_to(root) if out.is_relative_to(root) else out
    say(f"wrote {shown} ({len(events)} events); lint: {report.summary()}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
