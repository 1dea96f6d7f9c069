"""Odoo Community cloned into the cache, once, when neither a source tree nor a server is given."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from odoo_uat.embedded.errors import EmbeddedError
from odoo_uat.embedded.runtime import detect_series, spawn, tail, terminate

Progress = Callable[[str], None]

CLONE_TIMEOUT = 1800  # seconds for the whole clone (Odoo's branch is some hundreds of MB)
LOCK_TIMEOUT = CLONE_TIMEOUT + 60  # another run cloning the same series: wait for it to finish
# Give up on a stalled transfer (under 1 kB/s for a minute) instead of waiting out CLONE_TIMEOUT.
GIT_OPTIONS = ("-c", "http.lowSpeedLimit=1000", "-c", "http.lowSpeedTime=60")
PARTIAL = ".partial-"  # clones in progress: hidden siblings of the clone folder
GIT_ERROR = re.compile(r"^(?:fatal|error): .*$", re.MULTILINE)

ALTERNATIVES = (
    "Or point the suite at an Odoo of your own instead:\n"
    "  ODOO_SRC=/path/to/odoo            an Odoo Community 19.0 or 18.0 source tree, or\n"
    "  ODOO_URL=https://host ODOO_DB=name ODOO_LOGIN=admin ODOO_PASSWORD=...\n"
    "                                    an existing server and an administrator's credentials."
)


def checkout_series(path: Path) -> str | None:
    """The series of the Odoo source tree at path, None when it is not a complete one."""
    if not (path / "odoo-bin").is_file():
        return None
    try:
        return detect_series(path)
    except EmbeddedError:
        return None


def ensure_odoo_checkout(
    clone_dir: Path, series: str, repo_url: str, progress: Progress = lambda message: None
) -> Path:
    """clone_dir holding Odoo `series` from repo_url: reused when complete, else shallow-cloned once."""
    clone_dir = Path(clone_dir)
    if checkout_series(clone_dir) == series:
        return clone_dir
    clone_dir.parent.mkdir(parents=True, exist_ok=True)
    with _clone_lock(clone_dir, progress):
        found = checkout_series(clone_dir)
        if found == series:  # another run cloned it while this one waited
            return clone_dir
        if clone_dir.exists():
            what = f"Odoo {found}" if found else "not a complete Odoo source tree (odoo-bin, odoo/release.py)"
            raise EmbeddedError(
                f"{clone_dir} is {what}, where odoo-uat keeps its clone of Odoo {series}: remove it, and the "
                f"next run clones Odoo {series} there afresh.\n{ALTERNATIVES}"
            )
        for stale in clone_dir.parent.glob(f".{clone_dir.name}{PARTIAL}*"):  # left by an interrupted run
            shutil.rmtree(stale, ignore_errors=True)
        partial = Path(tempfile.mkdtemp(prefix=f".{clone_dir.name}{PARTIAL}", dir=clone_dir.parent))
        try:
            _clone(partial, clone_dir, series, repo_url, progress)
            _check_series(partial, series, repo_url)
            partial.chmod(0o755)  # mkdtemp made it private
            partial.rename(clone_dir)  # only now does clone_dir look complete
        finally:
            shutil.rmtree(partial, ignore_errors=True)
    return clone_dir


@contextmanager
def _clone_lock(clone_dir: Path, progress: Progress) -> Iterator[None]:
    """Hold the clone's lock, so parallel runs clone once; say so when another run holds it."""
    lock = FileLock(f"{clone_dir}.lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        progress(f"waiting for another run cloning Odoo into {clone_dir}")
        try:
            lock.acquire(timeout=LOCK_TIMEOUT)
        except Timeout:
            raise EmbeddedError(
                f"Another run has been cloning Odoo into {clone_dir} for over {LOCK_TIMEOUT} s "
                f"(it holds {lock.lock_file}): let it finish or stop it, then run again."
            ) from None
    try:
        yield
    finally:
        lock.release()


def _clone(target: Path, clone_dir: Path, series: str, repo_url: str, progress: Progress) -> None:
    """`git clone --depth 1 --branch series --single-branch repo_url target`, or EmbeddedError quoting git."""
    git = shutil.which("git")
    if git is None:
        raise EmbeddedError(
            f"git is not installed, so Odoo Community {series} cannot be cloned into {clone_dir}: "
            f"`make uat` installs it (or `apt-get install git`).\n{ALTERNATIVES}"
        )
    log = clone_dir.with_name(f"{clone_dir.name}.clone.log")
    log.write_text("")
    argv = [git, *GIT_OPTIONS, "clone", "--depth", "1", "--branch", series, "--single-branch", repo_url, str(target)]
    progress(f"cloning Odoo Community {series} from {repo_url} into {clone_dir} (once; log: {log})")
    started = time.monotonic()
    # No terminal prompt: a wrong URL on a forge asks for a user name rather than failing.
    process = spawn(argv, log, env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})
    try:
        returncode = process.wait(timeout=CLONE_TIMEOUT)
    except subprocess.TimeoutExpired:
        returncode = None
    finally:
        terminate(process)  # a no-op once git has ended; on timeout or Ctrl-C it stops git's whole group
    if returncode == 0:
        progress(f"Odoo {series} cloned in {time.monotonic() - started:.0f} s")
        return
    said = "\n  ".join(GIT_ERROR.findall(log.read_text(errors="replace"))) or tail(log, 5)
    failure = f"did not finish within {CLONE_TIMEOUT} s." if returncode is None else f"failed; git said:\n  {said}"
    raise EmbeddedError(
        f"Cloning Odoo Community {series} from {repo_url} into {clone_dir} {failure}\n"
        f"Check the network, that ODOO_SERIES={series} is a branch of ODOO_REPO={repo_url} "
        f"(19.0, 18.0...), or set ODOO_REPO to a reachable mirror (log: {log}).\n{ALTERNATIVES}"
    )


def _check_series(checkout: Path, series: str, repo_url: str) -> None:
    """EmbeddedError unless the fresh checkout is an Odoo source tree of the series asked for."""
    found = checkout_series(checkout)
    if found == series:
        return
    what = f"Odoo {found} (odoo/release.py)" if found else "not an Odoo source tree (no odoo-bin or odoo/release.py)"
    raise EmbeddedError(
        f"Branch {series} of {repo_url} is {what}, not Odoo {series}: check ODOO_SERIES and ODOO_REPO.\n{ALTERNATIVES}"
    )
