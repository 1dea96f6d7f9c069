"""Odoo's own Python runtime: its version, a virtualenv with its requirements, its processes."""
from __future__ import annotations

import ast
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from filelock import FileLock
from packaging.markers import default_environment
from packaging.requirements import InvalidRequirement, Requirement

from odoo_uat.embedded import EmbeddedError

Progress = Callable[[str], None]

# Odoo's pins for Python < 3.12 include sdists that no longer build (cbor2 5.4.2);
# the pins it gives for 3.12 all come as wheels that install on 3.11 too.
MARKER_PYTHON = "3.12"
BUILD_TOOLS = ("setuptools<70", "wheel")  # some sdists import pkg_resources in their setup.py
VENV_LOCK_TIMEOUT = 1800
STOP_TIMEOUT = 15.0


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


# -- requirements ----------------------------------------------------------------
def marker_environment(python: tuple[int, ...] = tuple(sys.version_info[:3])) -> dict[str, str]:
    """Marker values to choose Odoo's pins with: those of Python 3.12 on older interpreters."""
    environment = dict(default_environment())
    environment.update(python_version="{}.{}".format(*python[:2]), python_full_version=".".join(map(str, python)))
    if python[:2] < tuple(int(part) for part in MARKER_PYTHON.split(".")):
        environment.update(python_version=MARKER_PYTHON, python_full_version=f"{MARKER_PYTHON}.0")
    return environment


def select_requirements(text: str, environment: dict[str, str] | None = None,
                        source: str = "Odoo's requirements.txt") -> list[str]:
    """The requirements of a requirements.txt whose markers hold in environment, markers removed."""
    environment = environment or marker_environment()
    selected = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.split(r"(?:^|\s)#", raw, maxsplit=1)[0].strip()
        if not line or line.startswith("-"):
            continue
        try:
            requirement = Requirement(line)
        except InvalidRequirement as error:
            raise EmbeddedError(f"Line {number} of {source} is not understood: {raw!r} ({error})")
        if requirement.marker is None or requirement.marker.evaluate(environment):
            requirement.marker = None
            selected.append(str(requirement))
    return selected


def addon_requirements(packages: Iterable[str], series: str) -> list[str]:
    """The addon packages, each held to the Odoo series when it names no version itself."""
    pinned = []
    for package in packages:
        requirement = Requirement(package)
        if not requirement.specifier and not requirement.url:
            # OCA publishes one version line per series: 19.0.x.y.z for 19.0.
            requirement.specifier &= f"=={series}.*"
        pinned.append(str(requirement))
    return pinned


ADDON_DISTRIBUTION = re.compile(r"^odoo(?:\d+)?[-_]addon[-_](?P<module>.+)$", re.IGNORECASE)


def addon_modules(packages: Iterable[str]) -> list[str]:
    """The Odoo module each OCA-style package (odoo-addon-<module>) installs, in order."""
    modules = []
    for package in packages:
        match = ADDON_DISTRIBUTION.match(Requirement(package).name)
        if match:
            modules.append(match.group("module").lower().replace("-", "_").replace(".", "_"))
    return modules


PIP_CULPRITS = (
    re.compile(r"Failed to build (\S+)"),
    re.compile(r"Failed building wheel for (\S+)"),
    re.compile(r"No matching distribution found for (\S+)"),
    re.compile(r"Could not find a version that satisfies the requirement (\S+)"),
    re.compile(r"Building wheel for (\S+) .*did not run successfully"),
    re.compile(r"Cannot install (.+?) because these package versions have conflicting dependencies"),
)


def pip_culprit(log: str) -> str | None:
    """The package a pip log says it could not install, if it says so."""
    for pattern in PIP_CULPRITS:
        match = pattern.search(log)
        if match:
            return match.group(1).rstrip(".,")
    collecting = re.findall(r"^Collecting (\S+)", log, re.MULTILINE)
    return collecting[-1] if collecting else None


# -- the customisation under test -----------------------------------------------------
MANIFEST = "__manifest__.py"
REQUIREMENTS_FILE = "requirements.txt"
NOT_CONTENT = {"__pycache__", ".git", ".pytest_cache"}  # byte code and tool data: not the module's code
NOT_CONTENT_SUFFIXES = (".pyc", ".pyo")


def read_manifest(path: Path) -> dict[str, Any]:
    """A module's __manifest__.py, a Python dict literal; EmbeddedError naming the file when it is not one."""
    try:
        manifest = ast.literal_eval(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, SyntaxError) as error:
        raise EmbeddedError(f"Cannot read the manifest {path}: {error}. It must be a Python dict literal, "
                            "as Odoo reads it.") from None
    if not isinstance(manifest, dict):
        raise EmbeddedError(f"The manifest {path} is not a dict literal.")
    return manifest


@dataclass(frozen=True)
class CustomModule:
    """One Odoo module of the customisation: its folder and its manifest."""

    name: str
    path: Path
    manifest: Mapping[str, Any] = field(compare=False, repr=False)

    @property
    def installable(self) -> bool:
        return bool(self.manifest.get("installable", True))

    @property
    def depends(self) -> tuple[str, ...]:
        return tuple(self.manifest.get("depends", ()))

    @property
    def python_dependencies(self) -> tuple[str, ...]:
        """external_dependencies['python'] of the manifest: distributions pip must install."""
        return tuple((self.manifest.get("external_dependencies") or {}).get("python", ()))


def find_custom_modules(folders: Iterable[Path]) -> dict[str, CustomModule]:
    """The modules (sub-folders with a manifest) of the addons folders; the first folder wins, as in Odoo."""
    found: dict[str, CustomModule] = {}
    for folder in folders:
        for manifest in sorted(Path(folder).glob(f"*/{MANIFEST}")):
            name = manifest.parent.name
            if name not in found:
                found[name] = CustomModule(name, manifest.parent, read_manifest(manifest))
    return found


def dependency_closure(found: Mapping[str, CustomModule], roots: Iterable[str]) -> list[str]:
    """The customisation's modules among roots and their dependencies (transitively), sorted."""
    closure: set[str] = set()
    pending = [name for name in roots if name in found]
    while pending:
        name = pending.pop()
        if name not in closure:
            closure.add(name)
            pending.extend(dependency for dependency in found[name].depends if dependency in found)
    return sorted(closure)


def module_hash(path: Path) -> str:
    """A digest of a module's files (names and bytes): it changes whenever the module's code does."""
    digest = hashlib.sha256()
    for file in sorted(p for p in Path(path).rglob("*") if p.is_file()):
        relative = file.relative_to(path)
        if NOT_CONTENT.intersection(relative.parts) or file.suffix in NOT_CONTENT_SUFFIXES:
            continue
        digest.update(relative.as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Customisation:
    """The customer's own modules under test: their folders, what to install, and what that brings."""

    folders: tuple[Path, ...] = ()
    install: tuple[str, ...] = ()  # module names asked for (all installable ones when none were)
    modules: Mapping[str, CustomModule] = field(default_factory=dict, compare=False)  # installed with them

    @classmethod
    def from_folders(cls, folders: Sequence[Path], install: Sequence[str] = ()) -> Customisation:
        """What the folders hold and which of their modules get installed (install, or every installable one)."""
        found = find_custom_modules(folders)
        roots = tuple(install) or tuple(sorted(name for name, module in found.items() if module.installable))
        if folders and not roots:
            raise EmbeddedError(
                f"ODOO_ADDONS_PATH (addons_paths) names {', '.join(map(str, folders))}, but no installable Odoo "
                "module is in them: each module is a sub-folder holding a __manifest__.py."
            )
        not_installable = [name for name in install if name in found and not found[name].installable]
        if not_installable:
            raise EmbeddedError(f"ODOO_INSTALL (install) names {', '.join(not_installable)}, whose manifest says "
                                "'installable': False.")
        closure = dependency_closure(found, roots)
        return cls(tuple(folders), roots, {name: found[name] for name in closure})

    def standard_modules(self) -> tuple[str, ...]:
        """The modules asked for that are not the customisation's own (they key the template like `modules`)."""
        return tuple(name for name in self.install if name not in self.modules)

    def hashes(self) -> dict[str, str]:
        """Each installed customisation module's content digest, by name."""
        return {name: module_hash(module.path) for name, module in sorted(self.modules.items())}

    def requirements(self) -> list[str]:
        """The Python distributions it needs: the modules' external_dependencies, each folder's requirements.txt."""
        wanted: list[str] = []
        for module in self.modules.values():
            for dependency in module.python_dependencies:
                try:
                    wanted.append(str(Requirement(dependency)))
                except InvalidRequirement as error:
                    raise EmbeddedError(f"external_dependencies of {module.path / MANIFEST} names {dependency!r}, "
                                        f"which pip cannot read ({error}).") from None
        for folder in self.folders:
            requirements = Path(folder) / REQUIREMENTS_FILE
            if requirements.is_file():
                wanted.extend(select_requirements(requirements.read_text(), source=str(requirements)))
        return sorted(set(wanted))


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

    def __init__(self, source: OdooSource, cache_dir: Path, addon_packages: Sequence[str] = (),
                 progress: Progress = lambda message: None, customisation: Customisation = Customisation()) -> None:
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
            self._pip("install", "--no-build-isolation", "-c", str(pins),
                      *addon_requirements(self.addon_packages, self.source.series))
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
        (dist_info / "RECORD").write_text(
            "".join(f"{dist_info.name}/{name},,\n" for name in [*files, "RECORD"])
        )

    def _pip(self, command: str, *args: str) -> None:
        quiet = ["--progress-bar", "off"] if command == "install" else []
        self._run([str(self.python), "-m", "pip", command, "--disable-pip-version-check", *quiet, *args],
                  f"pip {command} " + " ".join(args))

    def _run(self, argv: list[str], what: str) -> None:
        with self.log_file.open("a") as log:
            log.write(f"\n$ {' '.join(argv)}\n")
            log.flush()
            result = subprocess.run(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    cwd=self.cache_dir)
        if result.returncode == 0:
            return
        text = self.log_file.read_text(errors="replace")
        culprit = pip_culprit(text[text.rfind("\n$ "):])
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


# -- processes ----------------------------------------------------------------------
def _die_with_parent() -> None:
    """In the child: get SIGTERM when the parent dies, even by SIGKILL (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def spawn(argv: Sequence[str], log_path: Path, env: dict[str, str] | None = None,
          stdin: Path | None = None) -> subprocess.Popen:
    """Start argv in a process group of its own (Ctrl-C reaches us, not it), output to log_path."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log, (stdin.open("rb") if stdin else open(os.devnull, "rb")) as feed:
        return subprocess.Popen(
            list(argv), stdin=feed, stdout=log, stderr=subprocess.STDOUT, env=env,
            start_new_session=True,
            # PDEATHSIG fires when the spawning *thread* ends, so only from the main thread.
            preexec_fn=_die_with_parent if threading.current_thread() is threading.main_thread() else None,
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
