"""The Debian/Ubuntu packages a set-up needs, each checked on its own (stdlib only: runs before the venv).

`python -m odoo_uat.system_packages embedded` prints the packages missing for the embedded
Odoo, space-separated (nothing when all are there). Each need is probed by the file or the
command it provides, not by another package standing in for it: a machine with PostgreSQL
and libpq-dev but no LDAP headers still gets libldap2-dev and libsasl2-dev, which python-ldap
needs to build. The names hold on Debian 12 and Ubuntu 22.04 / 24.04 (docs/setup.md).
"""

from __future__ import annotations

import glob
import os
import shutil
import sys
import sysconfig
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

# Tests point this at a folder laid out as a machine's / to play another machine.
ROOT_VARIABLE = "ODOO_UAT_SYSTEM_ROOT"
# Where commands are looked for under a fake root (the real root uses PATH).
COMMAND_FOLDERS = ("usr/bin", "bin", "usr/local/bin")

Which = Callable[[str], str | None]


@dataclass(frozen=True)
class Need:
    """Something the set-up needs, how to see that it is there, and the package that brings it."""

    what: str
    package: str
    files: tuple[str, ...] = ()  # glob patterns under the system root; each must match
    commands: tuple[str, ...] = ()  # one of these on PATH is enough


def compiler_command() -> str:
    """The C compiler setuptools calls for the interpreter (Debian's: x86_64-linux-gnu-gcc, from gcc)."""
    return (sysconfig.get_config_var("CC") or "cc").split()[0]


def python_headers_need(
    include_dir: str | None = None, version: tuple[int, ...] = tuple(sys.version_info[:2])
) -> Need | None:
    """Python.h of the interpreter that builds Odoo's virtualenv, when a Debian package brings it.

    The Makefile's $(PYTHON) makes .venv, and Odoo's virtualenv is made from .venv's
    interpreter: the same installation, whose INCLUDEPY is read here. A Debian/Ubuntu
    interpreter's headers come from python3.X-dev (python3-dev would bring those of the
    distribution's default python3, which on Ubuntu 22.04 is not the 3.11 the suite needs);
    pyenv's or a /usr/local build's come with that interpreter, and no package can add them.
    """
    include_dir = include_dir or sysconfig.get_config_var("INCLUDEPY") or ""
    if not include_dir.startswith("/usr/include/"):
        return None
    major, minor = version[:2]
    return Need(
        f"the Python {major}.{minor} headers (C extensions without a wheel)",
        f"python{major}.{minor}-dev",
        files=(f"{include_dir.lstrip('/')}/Python.h",),
    )


# The scenarios' browser where Playwright cannot download its own: ODOO_UAT_BROWSER names which of Debian's.
# "headless-shell" (default): chromium-headless-shell, Chromium's old headless mode, which Playwright recommends for
# speed (docs/benchmark.md has the side-by-side figures); "chromium": the full browser in its new headless mode.
BROWSER_VARIABLE = "ODOO_UAT_BROWSER"
HEADLESS_SHELL = "headless-shell"
FULL = "chromium"
DEFAULT_BROWSER = HEADLESS_SHELL
# The binary itself: /usr/bin/chromium-headless-shell is a wrapper script that does not exec it.
HEADLESS_SHELL_BINARY = "usr/lib/chromium/chromium-headless-shell"
FULL_CHROMIUM = Need("a Chromium browser", "chromium", commands=("chromium", "chromium-browser"))
SYSTEM_BROWSERS = {
    HEADLESS_SHELL: Need(
        "Chromium's headless shell (the scenarios' browser)", "chromium-headless-shell", files=(HEADLESS_SHELL_BINARY,)
    ),
    FULL: FULL_CHROMIUM,
}


class BrowserSettingError(ValueError):
    """ODOO_UAT_BROWSER names no browser the suite knows."""


def browser_choice(environ: dict[str, str] | None = None) -> str:
    """Which system browser the scenarios run in (ODOO_UAT_BROWSER, default headless-shell)."""
    value = ((os.environ if environ is None else environ).get(BROWSER_VARIABLE) or DEFAULT_BROWSER).strip().lower()
    if value not in SYSTEM_BROWSERS:
        raise BrowserSettingError(
            f"{BROWSER_VARIABLE}={value!r} is no browser odoo-uat knows: set it to "
            + " or ".join(repr(name) for name in SYSTEM_BROWSERS)
            + f" (default {DEFAULT_BROWSER!r}), or leave it unset."
        )
    return value


def browser_need(environ: dict[str, str] | None = None) -> Need:
    """The package of the scenarios' browser, as ODOO_UAT_BROWSER chooses it."""
    try:
        return SYSTEM_BROWSERS[browser_choice(environ)]
    except BrowserSettingError:
        return SYSTEM_BROWSERS[DEFAULT_BROWSER]  # the run itself says what is wrong with the setting


GIT = Need("git (cloning Odoo Community; CHANGED=)", "git", commands=("git",))
# Odoo makes its PDF reports with the wkhtmltopdf command it finds on PATH; without it the web client shows a report
# as a web page and the print phrases fail. Debian 12 and Ubuntu 22.04 / 24.04 ship 0.12.6, which Odoo takes ("ok").
WKHTMLTOPDF = Need(
    "wkhtmltopdf (Odoo's PDF reports: printed documents and labels)", "wkhtmltopdf", commands=("wkhtmltopdf",)
)

EMBEDDED: tuple[Need, ...] = tuple(
    need
    for need in (
        # find_pg_bin (odoo_uat/embedded/postgres.py) wants initdb, pg_ctl, postgres and psql in one folder.
        Need(
            "the PostgreSQL server",
            "postgresql",
            files=("usr/lib/postgresql/*/bin/initdb", "usr/lib/postgresql/*/bin/psql"),
        ),
        # By the header, not by pg_config: postgresql-common (pulled in by the server) diverts
        # /usr/bin/pg_config, so it is there without libpq-dev and psycopg2 then fails to build.
        Need("libpq's headers (psycopg2)", "libpq-dev", files=("usr/include/postgresql/libpq-fe.h",)),
        # libldap2-dev is the name on all three; on Debian 12 it is a transitional package for libldap-dev.
        Need("the LDAP headers (python-ldap)", "libldap2-dev", files=("usr/include/ldap.h", "usr/include/lber.h")),
        Need("the SASL headers (python-ldap)", "libsasl2-dev", files=("usr/include/sasl/sasl.h",)),
        Need("a C compiler", "gcc", commands=(compiler_command(),)),
        # gcc only recommends libc6-dev, and the Makefile installs without recommends.
        Need("the C library headers", "libc6-dev", files=("usr/include/stdio.h",)),
        python_headers_need(),
        GIT,
        WKHTMLTOPDF,
    )
    if need is not None
)

# A purpose's needs; the browser's are read from the environment when asked (ODOO_UAT_BROWSER).
NEEDS: dict[str, tuple[Need, ...] | Callable[[], tuple[Need, ...]]] = {
    "embedded": EMBEDDED,
    "git": (GIT,),
    "report": (
        Need("Node.js (the Allure 3 report)", "nodejs", commands=("node",)),
        Need("npm (the Allure 3 report)", "npm", commands=("npm",)),
    ),
    "browser": lambda: (browser_need(),),
    # `make record` opens a visible browser: the full Chromium, whatever the scenarios run in.
    "record": (FULL_CHROMIUM,),
}


def system_root() -> Path:
    """The machine's root folder, or the fake one a test names in ODOO_UAT_SYSTEM_ROOT."""
    return Path(os.environ.get(ROOT_VARIABLE) or "/")


def has_command(command: str, root: Path, which: Which = shutil.which) -> bool:
    """Whether command is on PATH (under a fake root: in its bin folders)."""
    if root == Path("/"):
        return which(command) is not None
    return any((root / folder / command).exists() for folder in COMMAND_FOLDERS)


def is_present(need: Need, root: Path, which: Which = shutil.which) -> bool:
    """Whether the machine (under root) has what need asks for."""
    files_there = all(glob.glob(str(root / pattern)) for pattern in need.files)
    command_there = not need.commands or any(has_command(command, root, which) for command in need.commands)
    return files_there and command_there


def needs_of(purpose: str) -> tuple[Need, ...]:
    """What a purpose needs (the browser's as ODOO_UAT_BROWSER chooses it now)."""
    needs = NEEDS[purpose]
    return needs() if callable(needs) else needs


def missing_packages(purposes: Iterable[str], root: Path | None = None, which: Which = shutil.which) -> list[str]:
    """The packages to install for these purposes, in order, without duplicates."""
    root = system_root() if root is None else root
    missing: list[str] = []
    for purpose in purposes:
        for need in needs_of(purpose):
            if need.package not in missing and not is_present(need, root, which):
                missing.append(need.package)
    return missing


def main(argv: list[str] | None = None) -> int:
    """Print the missing packages of the purposes named on the command line."""
    args = sys.argv[1:] if argv is None else argv
    unknown = [purpose for purpose in args if purpose not in NEEDS]
    if not args or unknown:
        print(
            f"usage: python -m odoo_uat.system_packages {'|'.join(NEEDS)} [...]"
            + (f" (unknown: {' '.join(unknown)})" if unknown else ""),
            file=sys.stderr,
        )
        return 2
    print(" ".join(missing_packages(args)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
