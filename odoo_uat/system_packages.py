"""The Debian/Ubuntu packages a set-up needs, each checked on its own (stdlib only: runs before the venv).

`python -m odoo_uat.system_packages embedded` prints the packages missing for the embedded
Odoo, space-separated (nothing when all are there). Each need is probed by the file or the
command it provides, not by another package standing in for it: a machine with PostgreSQL
and libpq-dev but no LDAP headers still gets libldap2-dev and libsasl2-dev, which python-ldap
needs to build.
"""
from __future__ import annotations

import glob
import os
import shutil
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

# Tests point this at an empty folder to play a bare machine.
ROOT_VARIABLE = "ODOO_UAT_SYSTEM_ROOT"


@dataclass(frozen=True)
class Need:
    """Something the set-up needs, how to see that it is there, and the package that brings it."""

    what: str
    package: str
    files: tuple[str, ...] = ()  # glob patterns under the system root; any match is enough
    commands: tuple[str, ...] = ()  # any of these on PATH is enough


def python_header() -> str:
    """Python.h of the interpreter that will build Odoo's virtualenv (relative, for the system root)."""
    return os.path.join(sysconfig.get_paths()["include"], "Python.h").lstrip("/")


NEEDS: dict[str, tuple[Need, ...]] = {
    "embedded": (
        Need("the PostgreSQL server (initdb)", "postgresql", files=("usr/lib/postgresql/*/bin/initdb",)),
        Need("libpq and its headers (psycopg2)", "libpq-dev", files=("usr/include/postgresql/libpq-fe.h",),
             commands=("pg_config",)),
        Need("the LDAP headers (python-ldap)", "libldap2-dev", files=("usr/include/ldap.h",)),
        Need("the SASL headers (python-ldap)", "libsasl2-dev", files=("usr/include/sasl/sasl.h",)),
        Need("a C compiler", "gcc", commands=("cc", "gcc")),
        Need("the Python headers", "python3-dev", files=("<python-header>",)),
    ),
    "report": (
        Need("Node.js (the Allure 3 report)", "nodejs", commands=("node",)),
        Need("npm (the Allure 3 report)", "npm", commands=("npm",)),
    ),
    "browser": (
        Need("a Chromium browser", "chromium", commands=("chromium", "chromium-browser")),
    ),
}


def is_present(need: Need, root: Path, which: Callable[[str], str | None] = shutil.which) -> bool:
    """Whether the machine (under root) has what need asks for."""
    for pattern in need.files:
        pattern = python_header() if pattern == "<python-header>" else pattern
        if glob.glob(str(root / pattern)):
            return True
    if str(root) != "/":
        return any((root / "usr" / "bin" / command).exists() for command in need.commands)
    return any(which(command) for command in need.commands)


def missing_packages(purposes: Iterable[str], root: Path | None = None,
                     which: Callable[[str], str | None] = shutil.which) -> list[str]:
    """The packages to install for these purposes, in order, without duplicates."""
    root = root or Path(os.environ.get(ROOT_VARIABLE) or "/")
    missing: list[str] = []
    for purpose in purposes:
        for need in NEEDS[purpose]:
            if not is_present(need, root, which) and need.package not in missing:
                missing.append(need.package)
    return missing


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    unknown = [purpose for purpose in args if purpose not in NEEDS]
    if not args or unknown:
        print(f"usage: python -m odoo_uat.system_packages {'|'.join(NEEDS)} [...]", file=sys.stderr)
        return 2
    print(" ".join(missing_packages(args)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
