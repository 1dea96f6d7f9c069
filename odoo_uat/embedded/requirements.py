"""Which Python distributions Odoo's virtualenv gets: Odoo's pins, addon packages, and what pip said went wrong."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

from packaging.markers import default_environment
from packaging.requirements import InvalidRequirement, Requirement

from odoo_uat.embedded.errors import EmbeddedError

# Odoo's pins for Python < 3.12 include sdists that no longer build (cbor2 5.4.2);
# the pins it gives for 3.12 all come as wheels that install on 3.11 too.
MARKER_PYTHON = "3.12"


def marker_environment(python: tuple[int, ...] = tuple(sys.version_info[:3])) -> dict[str, str]:
    """Marker values to choose Odoo's pins with: those of Python 3.12 on older interpreters."""
    environment = dict(default_environment())
    environment.update(python_version="{}.{}".format(*python[:2]), python_full_version=".".join(map(str, python)))
    if python[:2] < tuple(int(part) for part in MARKER_PYTHON.split(".")):
        environment.update(python_version=MARKER_PYTHON, python_full_version=f"{MARKER_PYTHON}.0")
    return environment


def select_requirements(
    text: str, environment: dict[str, str] | None = None, source: str = "Odoo's requirements.txt"
) -> list[str]:
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
            raise EmbeddedError(f"Line {number} of {source} is not understood: {raw!r} ({error})") from None
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
