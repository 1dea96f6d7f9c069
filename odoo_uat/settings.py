"""Settings of the Odoo under test: command line, then environment, then pyproject.toml."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PYPROJECT = "pyproject.toml"
TABLE = "odoo-uat"

# name -> (command-line option, environment variable, pyproject key)
SOURCES: dict[str, tuple[str | None, str | None, str | None]] = {
    "url": ("--odoo-url", "ODOO_URL", "url"),
    "db": ("--odoo-db", "ODOO_DB", "db"),
    "login": (None, "ODOO_LOGIN", "login"),
    "password": (None, "ODOO_PASSWORD", None),  # never from a file in the repo
    "src": ("--odoo-src", "ODOO_SRC", "src"),
    "cache_dir": ("--odoo-cache-dir", "ODOO_UAT_CACHE", "cache_dir"),
    # The customisation under test: folders of the customer's own Odoo modules, and the
    # modules of theirs to install on top of `modules`.
    "addons_paths": ("--odoo-addons-path", "ODOO_ADDONS_PATH", "addons_paths"),
    "install": ("--odoo-install", "ODOO_INSTALL", "install"),
    # Odoo Community fetched into the cache when no source tree and no server are given.
    "series": ("--odoo-series", "ODOO_SERIES", "series"),
    "odoo_repo": ("--odoo-repo", "ODOO_REPO", "odoo_repo"),
    # The embedded template built with Odoo's demo data: a database that already holds data and users.
    "demo": ("--odoo-demo", "ODOO_UAT_DEMO", "demo"),
}

DEFAULT_SERIES = "19.0"
DEFAULT_ODOO_REPO = "https://github.com/odoo/odoo.git"
SERIES_PATTERN = re.compile(r"^(saas-)?\d+\.\d+$")
# Separators of list settings given as one string: ODOO_ADDONS_PATH as a PATH-like list,
# ODOO_INSTALL as Odoo's own -i list.
LIST_SEPARATORS = {"addons_paths": ":", "install": ","}
# Yes/no settings: what each answer may be written as (compared in lower case).
YES = frozenset({"1", "true", "yes", "on"})
NO = frozenset({"0", "false", "no", "off"})

MISSING_ODOO = (
    "No Odoo under test is configured. Set one of:\n"
    "  ODOO_SRC=/path/to/odoo            an Odoo 19.0 or 18.0 source tree (the embedded default:\n"
    "                                    the suite starts PostgreSQL and Odoo itself), or\n"
    "  ODOO_URL=https://host ODOO_DB=name ODOO_LOGIN=admin ODOO_PASSWORD=...\n"
    "                                    an existing server and an administrator's credentials.\n"
    "Each can also be given as --odoo-src / --odoo-url / --odoo-db, or in [tool.odoo-uat] of\n"
    "pyproject.toml (all but the password). `make uat` needs neither: it clones Odoo Community\n"
    "(ODOO_SERIES, default 19.0) once into the cache and runs it embedded."
)


class SettingsError(Exception):
    """A setting is missing or wrong; the message says which and how to fix it."""


@dataclass(frozen=True)
class Settings:
    root: Path
    url: str | None = None
    db: str | None = None
    login: str = "admin"
    password: str | None = field(default=None, repr=False)
    src: Path | None = None
    odoo_command: Path | None = None
    cache_dir: Path = Path.home() / ".cache" / "odoo-uat"
    modules: tuple[str, ...] = ()
    addon_packages: tuple[str, ...] = ()
    roles_file: Path = Path("roles.toml")
    addons_paths: tuple[Path, ...] = ()
    install: tuple[str, ...] = ()
    series: str = DEFAULT_SERIES
    odoo_repo: str = DEFAULT_ODOO_REPO
    # Whether, with nothing else set, Odoo Community may be cloned into the cache (`make uat`).
    allow_clone: bool = False
    demo: bool = False
    # Settings given in a form that cannot be read: check() raises with the first (load_settings never does).
    invalid: tuple[str, ...] = ()

    @property
    def mode(self) -> str | None:
        """'server' for an existing server, 'embedded' for a source tree (or one to clone), None when unset."""
        if self.url:
            return "server"
        if self.src or self.odoo_command or self.allow_clone:
            return "embedded"
        return None

    @property
    def clone_dir(self) -> Path:
        """Where Odoo Community of the series is cloned when no source tree is given."""
        return self.cache_dir / "odoo-src" / self.series

    def check(self) -> None:
        """Raise SettingsError naming what to set when the Odoo under test is incomplete."""
        if self.invalid:
            raise SettingsError(self.invalid[0])
        if self.mode is None:
            raise SettingsError(MISSING_ODOO)
        if self.mode == "server":
            check_server_url(self.url or "")
            missing = [name for name, value in (("ODOO_DB", self.db), ("ODOO_PASSWORD", self.password)) if not value]
            if missing:
                raise SettingsError(
                    f"ODOO_URL is set to {self.url} but {' and '.join(missing)} "
                    f"{'is' if len(missing) == 1 else 'are'} not: export "
                    + " ".join(f"{name}=..." for name in missing)
                    + " (the database name and the password of ODOO_LOGIN, default 'admin')."
                )
        for folder in self.addons_paths:
            if not folder.is_dir():
                raise SettingsError(
                    f"ODOO_ADDONS_PATH (addons_paths) names {folder}, which is not a folder: give folders "
                    "that hold Odoo modules, relative to the project or absolute, separated by ':'."
                )
        if self.mode == "embedded" and self.allow_clone and not (self.src or self.odoo_command):
            if not SERIES_PATTERN.match(self.series):
                raise SettingsError(
                    f"ODOO_SERIES={self.series} is not an Odoo series: give a branch of Odoo Community "
                    "such as 19.0 or 18.0."
                )
        if self.mode == "embedded" and self.src is not None:
            if not (self.src / "odoo-bin").is_file() or not (self.src / "odoo").is_dir():
                raise SettingsError(
                    f"ODOO_SRC={self.src} is not an Odoo source tree: it must hold odoo-bin and the odoo/ "
                    "package (a checkout of Odoo Community 19.0 or 18.0)."
                )


def masked_url(url: str) -> str:
    """The URL with what stands before the @ of its user:password@ part masked but the user name, for messages."""
    head, slashes, rest = url.partition("//")
    if not slashes or "@" not in rest:
        return url
    userinfo, _, host = rest.rpartition("@")  # a password may hold / or @ unencoded: take the last @
    user, colon, _password = userinfo.partition(":")
    return f"{head}//{user + ':' if colon else ''}***@{host}"


def url_problem(url: str) -> str | None:
    """What makes ODOO_URL unusable, None when it is scheme://host[:port] (http or https)."""
    # Before parsing: a password holding / or : would otherwise reach the message as a path or a port.
    if "@" in url.partition("//")[2]:
        return "it holds a user name or password, which the RPC client would drop and the browser send"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError as error:
        return f"it cannot be read as a URL ({error})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "it must start with http:// or https:// and name a host"
    if parts.path not in ("", "/"):
        return f"it has a path ({parts.path}), which the RPC client would drop and the browser keep"
    if "?" in url or "#" in url:
        return "it has a query or a fragment (?... or #...), which the RPC client would drop and the browser keep"
    return None


def check_server_url(url: str) -> None:
    """SettingsError unless url is scheme://host[:port]: no path, query, fragment or credentials.

    The RPC client keeps only the host and port of ODOO_URL while the browser goes to the whole URL,
    so anything else in it could send the two to different servers, or put a password in the traces.
    """
    problem = url_problem(url)
    if problem is None:
        return
    raise SettingsError(
        f"ODOO_URL (or --odoo-url, `url` in [tool.odoo-uat]) is {masked_url(url)}: {problem}. "
        "Give only the scheme, the host and the port, such as https://staging.example.com or "
        "http://127.0.0.1:8069; the login and its password go in ODOO_LOGIN and ODOO_PASSWORD, "
        "the database in ODOO_DB."
    )


def find_root(start: Path) -> Path:
    """The project folder: the nearest one holding a pyproject.toml, from start upwards (start itself when none)."""
    for folder in (start, *start.parents):
        if (folder / PYPROJECT).is_file():
            return folder
    return start


def root_of(args: argparse.Namespace) -> Path:
    """The project folder a command works on: its --root option, or the one found from the current folder."""
    return (args.root or find_root(Path.cwd())).resolve()


def read_pyproject(root: Path) -> dict:
    """The [tool.odoo-uat] table of root/pyproject.toml, or {}."""
    path = root / PYPROJECT
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle).get("tool", {}).get(TABLE, {})


def local_or_url(root: Path, repo: str) -> str:
    """A repository setting as git takes it: a URL as given, a local path resolved against root."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", repo) or re.match(r"^[^/]+@[^/]+:", repo):
        return repo
    return str((root / Path(repo).expanduser()).resolve())


def load_settings(
    root: Path,
    cli: Mapping[str, str | None] | None = None,
    environ: Mapping[str, str] | None = None,
    which=shutil.which,
    allow_clone: bool = False,
) -> Settings:
    """Merge the three sources, command line first; paths are relative to root."""
    cli = cli or {}
    environ = os.environ if environ is None else environ
    table = read_pyproject(root)

    def pick(name: str) -> str | None:
        option, variable, key = SOURCES[name]
        for value in (
            cli.get(option) if option else None,
            environ.get(variable) if variable else None,
            table.get(key) if key else None,
        ):
            if value not in (None, ""):
                return str(value)
        return None

    def path(value: str | None) -> Path | None:
        return None if value is None else (root / Path(value).expanduser()).resolve()

    def pick_list(name: str) -> tuple[str, ...]:
        """A list setting: a list in pyproject.toml, or one string split on its separator."""
        option, variable, key = SOURCES[name]
        for value in (
            cli.get(option) if option else None,
            environ.get(variable) if variable else None,
            table.get(key) if key else None,
        ):
            if value in (None, "", []):
                continue
            items = value if isinstance(value, list) else str(value).split(LIST_SEPARATORS[name])
            return tuple(item.strip() for item in map(str, items) if item.strip())
        return ()

    src = path(pick("src"))
    odoo_command = None
    if src is None and not pick("url") and which("odoo"):
        odoo_command = Path(which("odoo"))
    extra_packages = environ.get("ODOO_UAT_ADDON_PACKAGES", "").split() or table.get("addon_packages", [])
    invalid = []
    demo = pick("demo")
    if demo is not None and demo.strip().lower() not in YES | NO:
        invalid.append(
            f"ODOO_UAT_DEMO (or --odoo-demo, `demo` in [tool.odoo-uat]) is {demo!r}, which is neither yes nor no: "
            "give 1 or 0 (true/false, yes/no, on/off; in pyproject.toml, demo = true)."
        )
    return Settings(
        root=root,
        url=(pick("url") or "").rstrip("/") or None,
        db=pick("db"),
        login=pick("login") or "admin",
        password=pick("password"),
        src=src,
        odoo_command=odoo_command,
        cache_dir=path(pick("cache_dir")) or Settings.cache_dir,
        modules=tuple(table.get("modules", ())),
        addon_packages=tuple(extra_packages),
        roles_file=path(table.get("roles_file", "roles.toml")),
        addons_paths=tuple(path(folder) for folder in pick_list("addons_paths")),
        install=pick_list("install"),
        series=pick("series") or DEFAULT_SERIES,
        odoo_repo=local_or_url(root, pick("odoo_repo") or DEFAULT_ODOO_REPO),
        allow_clone=allow_clone,
        demo=demo is not None and demo.strip().lower() in YES,
        invalid=tuple(invalid),
    )


def main(argv: list[str] | None = None) -> int:
    """`python -m odoo_uat.settings [--check] [--allow-clone]`: print the mode of the Odoo under test (stdlib only).

    --allow-clone: with no source tree and no server, Odoo Community of ODOO_SERIES will be
    cloned into the cache (what `make uat` does), so the mode is 'embedded'.
    """
    import sys

    args = sys.argv[1:] if argv is None else argv
    settings = load_settings(Path.cwd(), allow_clone="--allow-clone" in args)
    if "--check" in args:
        try:
            settings.check()
        except SettingsError as error:
            print(f"odoo-uat: {error}", file=sys.stderr)
            return 2
    print(settings.mode or "none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
