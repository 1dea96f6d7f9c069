"""Odoo's own Python runtime: its version, a virtualenv with its requirements, its processes."""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock
from packaging.requirements import Requirement

from odoo_uat.embedded.customisation import Customisation
from odoo_uat.embedded.errors import EmbeddedError
from odoo_uat.embedded.requirements import (
    MARKER_PYTHON,
    addon_requirements,
    pip_culprit,
    select_requirements,
)

Progress = Callable[[str], None]

BUILD_TOOLS = ("setuptools<70", "wheel")  # some sdists import pkg_resources in their setup.py
VENV_LOCK_TIMEOUT = 1800
STOP_TIMEOUT = 15.0
VENV_SPACE = 600 * 2**20  # Odoo's requirements take about 250 MB installed, more while pip builds


# -- the source tree -----------------------------------------------------------
@dataclass(frozen=True)
class OdooSource:
    """An Odoo source tree, or an `odoo` command already installed, and its series ("19.0")."""

    series: str
    src: Path | None = None
    command: Path | None = None

    @classmethod
    def from_path(cls, src: Path) -> OdooSource:
        """The source tree at src; EmbeddedError when it is not one."""
        src = Path(src).expanduser().resolve()
        if not (src / "odoo-bin").is_file() or not (src / "odoo").is_dir():
            raise EmbeddedError(
                f"ODOO_SRC={src} is not an Odoo source tree: it must hold odoo-bin and the odoo/ package "
                "(a checkout of Odoo Community 19.0 or 18.0)."
            )
        return cls(series=detect_series(src), src=src)

    @classmethod
    def from_command(cls, command: Path) -> OdooSource:
        """An `odoo` executable found on PATH."""
        result = subprocess.run([str(command), "--version"], capture_output=True, text=True, timeout=120)
        match = re.search(r"(\d+\.\d+)", result.stdout)
        if result.returncode != 0 or not match:
            raise EmbeddedError(f"`{command} --version` did not print an Odoo version: {result.stderr.strip()[-500:]}")
        return cls(series=match.group(1), command=Path(command))

    @property
    def major(self) -> int:
        """The major version number (19 for "19.0" and for "saas~19.1")."""
        return int(re.search(r"\d+", self.series).group())

    @property
    def where(self) -> str:
        """The source path or command, as it identifies this Odoo in cache names."""
        return str(self.src or self.command)


VERSION_INFO = re.compile(r"^version_info\s*=\s*\(\s*([^,]+?)\s*,\s*(\d+)\s*,", re.MULTILINE)


def detect_series(src: Path) -> str:
    """The series ("19.0") of the source tree at src, read from odoo/release.py."""
    release = Path(src) / "odoo" / "release.py"
    try:
        match = VERSION_INFO.search(release.read_text())
    except OSError:
        match = None
    if match is None:
        raise EmbeddedError(f"Cannot read the Odoo version from {release}: is ODOO_SRC={src} an Odoo source tree?")
    major = match.group(1).strip("'\"")  # may be a string such as 'saas~18'
    return f"{major}.{match.group(2)}"


# -- the virtualenv ----------------------------------------------------------------
def needs_fresh_venv(installed: dict[str, object] | None, wanted: dict[str, object]) -> bool:
    """Whether to start the virtualenv afresh rather than complete it with pip."""
    # Never finished (state unknown), or made for another interpreter.
    return installed is None or installed.get("python") != wanted["python"]


def dropped_addon_packages(installed: dict[str, object] | None, wanted: dict[str, object]) -> list[str]:
    """The distribution names of addon packages installed before and no longer wanted."""
    before = set(installed.get("addon_packages", [])) if installed else set()
    return sorted(Requirement(package).name for package in before - set(wanted["addon_packages"]))


class OdooRuntime:
    """Odoo's command line: a virtualenv of its own in the cache, or the `odoo` command given."""

    def __init__(
        self,
        source: OdooSource,
        cache_dir: Path,
        addon_packages: Sequence[str] = (),
        progress: Progress = lambda message: None,
        customisation: Customisation = Customisation(),
    ) -> None:
        self.source = source
        self.cache_dir = cache_dir
        self.addon_packages = tuple(addon_packages)
        self.progress = progress
        self.customisation = customisation
        self.custom_requirements = tuple(customisation.requirements())
        digest = hashlib.sha256(source.where.encode()).hexdigest()[:8]
        self.venv = cache_dir / "venvs" / f"odoo-{source.series}-{digest}"
        self.log_file = cache_dir / "logs" / f"pip-{self.venv.name}.log"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def stamp_file(self) -> Path:
        return self.venv / "odoo-uat.stamp"

    def stamp(self) -> dict[str, object]:
        """What the virtualenv must hold; it is rebuilt or completed when this changes."""
        assert self.source.src is not None
        stamp: dict[str, object] = {
            "requirements": hashlib.sha256((self.source.src / "requirements.txt").read_bytes()).hexdigest(),
            "python": sys.version,
            "markers": MARKER_PYTHON,
            "addon_packages": sorted(self.addon_packages),
            "layout": 2,  # how this module lays out the virtualenv
        }
        if self.custom_requirements:  # absent when none, so virtualenvs made before customisations stay valid
            stamp["custom_requirements"] = list(self.custom_requirements)
        return stamp

    def installed_stamp(self) -> dict[str, object] | None:
        """The stamp of the last complete installation, None when there was none."""
        try:
            return json.loads(self.stamp_file.read_text())
        except (OSError, ValueError):
            return None

    def ensure(self) -> None:
        """Install Odoo's requirements (and the addon packages) unless the stamp says they are there."""
        if self.source.src is None:
            if self.addon_packages or self.custom_requirements:
                raise EmbeddedError(
                    "addon_packages and the customisation's Python dependencies "
                    f"({', '.join(self.custom_requirements) or 'none'}) need an Odoo source tree (ODOO_SRC) to "
                    f"install into; with the `{self.source.command}` command, install them into its environment "
                    "yourself."
                )
            return
        self.venv.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.venv) + ".lock", timeout=VENV_LOCK_TIMEOUT):
            wanted, installed = self.stamp(), self.installed_stamp()
            if installed == wanted and self.python.exists():
                return
            if needs_fresh_venv(installed, wanted):
                shutil.rmtree(self.venv, ignore_errors=True)
            check_free_space(self.cache_dir, VENV_SPACE, "Odoo's virtualenv")
            started = time.monotonic()
            self.progress(f"installing Odoo {self.source.series}'s requirements into {self.venv}")
            self.log_file.parent.mkdir(parents=True, exist_ok=True)
            self.log_file.write_text("")
            self.stamp_file.unlink(missing_ok=True)
            dropped = dropped_addon_packages(installed, wanted)
            if dropped and self.python.exists():
                # pip adds but never takes away; what these alone pulled in stays, uninstalled in the database.
                self._pip("uninstall", "-y", *dropped)
            self._install()
            self.stamp_file.write_text(json.dumps(wanted, indent=1))
            self.progress(f"virtualenv ready in {time.monotonic() - started:.0f} s")

    def _install(self) -> None:
        src = self.source.src
        assert src is not None
        if not self.python.exists():
            self._run([sys.executable, "-m", "venv", "--clear", str(self.venv)], "python -m venv")
        pins = self.venv / "requirements.txt"
        pins.write_text("\n".join(select_requirements((src / "requirements.txt").read_text())) + "\n")
        self._pip("install", *BUILD_TOOLS)
        self._pip("install", "--no-build-isolation", "-r", str(pins))
        if self.addon_packages:
            self.register_distribution()
            # -c: an addon may add dependencies but not move Odoo's own pins.
            self._pip(
                "install",
                "--no-build-isolation",
                "-c",
                str(pins),
                *addon_requirements(self.addon_packages, self.source.series),
            )
        if self.custom_requirements:
            # The customisation's own: external_dependencies and its folders' requirements.txt, within Odoo's pins.
            self._pip("install", "--no-build-isolation", "-c", str(pins), *self.custom_requirements)

    def register_distribution(self) -> None:
        """Record the source tree as the installed `odoo` distribution, which OCA addon wheels require.

        `pip install -e <src>` would do it too, but it writes odoo.egg-info into the source
        tree (setup.py develop), which may be read-only or someone's checkout. odoo-bin puts
        the tree on sys.path itself, so metadata is all pip needs.
        """
        site_packages = self.site_packages()
        for stale in site_packages.glob("odoo-*.dist-info"):
            shutil.rmtree(stale)
        version = self.source.series.removeprefix("saas~")
        dist_info = site_packages / f"odoo-{version}.dist-info"
        dist_info.mkdir()
        files = {
            "METADATA": f"Metadata-Version: 2.1\nName: odoo\nVersion: {version}\nSummary: Odoo from {self.source.src}\n",
            "INSTALLER": "odoo-uat\n",
        }
        for name, content in files.items():
            (dist_info / name).write_text(content)
        # RECORD lets `pip uninstall odoo` remove exactly these files.
        (dist_info / "RECORD").write_text("".join(f"{dist_info.name}/{name},,\n" for name in [*files, "RECORD"]))

    def _pip(self, command: str, *args: str) -> None:
        quiet = ["--progress-bar", "off"] if command == "install" else []
        self._run(
            [str(self.python), "-m", "pip", command, "--disable-pip-version-check", *quiet, *args],
            f"pip {command} " + " ".join(args),
        )

    def _run(self, argv: list[str], what: str) -> None:
        with self.log_file.open("a") as log:
            log.write(f"\n$ {' '.join(argv)}\n")
            log.flush()
            result = subprocess.run(
                argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.cache_dir
            )
        if result.returncode == 0:
            return
        text = self.log_file.read_text(errors="replace")
        culprit = pip_culprit(text[text.rfind("\n$ ") :])
        hint = ""
        if culprit and re.match(r"(psycopg2|python-ldap)\b", culprit, re.IGNORECASE):
            hint = "\nBuilding it needs libpq-dev, libldap2-dev and libsasl2-dev (apt-get install them)."
        failed = f"pip could not install {culprit}" if culprit else f"`{what}` failed"
        raise EmbeddedError(f"{failed} into {self.venv}; see {self.log_file} (command: {what}).{hint}")

    # -- running Odoo ------------------------------------------------------------
    def command(self) -> list[str]:
        """The argv that runs Odoo's command line."""
        if self.source.src is None:
            return [str(self.source.command)]
        return [str(self.python), str(self.source.src / "odoo-bin")]

    def addons_paths(self) -> list[Path]:
        """--addons-path: the customisation's folders (first, so its modules win), the source's addons, addon packages."""
        custom = [Path(folder) for folder in self.customisation.folders]
        if self.source.src is None:
            return custom
        paths = [*custom, self.source.src / "addons"]
        packaged = self.site_packages() / "odoo" / "addons"
        # Odoo would find them through the `odoo.addons` namespace too; naming the
        # folder explicitly does not depend on how the namespace gets assembled.
        if packaged.is_dir() and any(packaged.glob("*/__manifest__.py")):
            paths.append(packaged)
        return paths

    def site_packages(self) -> Path:
        """The virtualenv's site-packages folder."""
        relative = Path(sysconfig.get_path("purelib")).relative_to(sysconfig.get_path("data"))
        return self.venv / relative


# -- disk space -------------------------------------------------------------------------
def check_free_space(folder: Path, needed: int, what: str) -> None:
    """EmbeddedError naming folder when its disk has less than needed bytes free (pip would fail obscurely)."""
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise EmbeddedError(
            f"The disk of the cache folder {folder} has {free // 2**20} MB free; {what} needs about "
            f"{needed // 2**20} MB. Free some space or point ODOO_UAT_CACHE at a folder on a larger disk."
        )


# -- processes ----------------------------------------------------------------------
def _die_with_parent() -> None:
    """In the child: get SIGTERM when the parent dies, even by SIGKILL (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


KEEPS_CHILDREN = "odoo_uat_keeps_children"  # set on a thread that lives as long as its children's use


def _lasts(thread: threading.Thread) -> bool:
    return thread is threading.main_thread() or getattr(thread, KEEPS_CHILDREN, False)


def spawn(
    argv: Sequence[str], log_path: Path, env: dict[str, str] | None = None, stdin: Path | None = None
) -> subprocess.Popen:
    """Start argv in a process group of its own (Ctrl-C reaches us, not it), output to log_path."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log, stdin.open("rb") if stdin else open(os.devnull, "rb") as feed:
        return subprocess.Popen(
            list(argv),
            stdin=feed,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
            # PDEATHSIG fires when the spawning *thread* ends: only from the main thread, or one that lasts as
            # long as the process's use of the child (odoo_uat/embedded/keeper.py).
            preexec_fn=_die_with_parent if _lasts(threading.current_thread()) else None,
        )


def terminate(process: subprocess.Popen, timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM the process group, then SIGKILL it when it has not ended after timeout seconds."""
    if process.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=timeout)
            return
        except subprocess.TimeoutExpired:
            continue


def tail(path: Path, lines: int = 30) -> str:
    """The last lines of a log file (empty when it does not exist)."""
    try:
        with path.open("rb") as log:
            log.seek(max(0, log.seek(0, os.SEEK_END) - 64 * 1024))
            return "\n".join(log.read().decode(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
