"""The project's authoring settings: where its features live and which tags they may carry (pyproject.toml)."""

from __future__ import annotations

import argparse
import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from odoo_uat.scenarios import DEFAULT_FEATURES_DIR, FEATURES_INI
from odoo_uat.settings import find_root, read_pyproject, root_of  # noqa: F401 - the authoring commands' too
from odoo_uat.tags import (
    DEFAULT_SEVERITY,
    KEYED_TAGS,
    MARKER_HELP,
    SEVERITIES,
    WAVE_TAG,
    process_area_folders,
)

PYPROJECT = "pyproject.toml"
WAVE_FORM = "@wave-<n>"  # how WAVE_TAG reads to a person
# What the report's tags (odoo_uat.tags) mean to the people writing scenarios; docs/steps.md lists them.
TAG_MEANINGS = {
    "wave": "the rollout wave the scenario belongs to, e.g. @wave-1",
    "severity": f"how severe a failure of the scenario is (@{DEFAULT_SEVERITY} when it has none)",
    "req": "the requirement the scenario covers, e.g. @req:SO-12",
    "defect": "the defect ticket the scenario reproduces, e.g. @defect:OPS-431",
    "requires_module": "an Odoo module the scenario needs, e.g. @requires_module:sale_stock",
}
PROCESS_AREA_MEANING = "the process area: a folder name under {features}/ or a [tool.odoo-uat] process_areas entry"
PLACEHOLDER_PATTERNS = {"n": r"\d+"}  # any other <placeholder> in a tag form stands for one or more non-spaces


@dataclass(frozen=True)
class TagForm:
    """A tag the suite knows, such as @critical or @wave-<n>."""

    form: str
    pattern: re.Pattern[str]

    @classmethod
    def of(cls, form: str) -> TagForm:
        """A form whose <placeholders> match a value (digits for <n>)."""
        parts = re.split(r"<(\w+)>", form.lstrip("@"))
        regex = "".join(
            re.escape(part) if index % 2 == 0 else PLACEHOLDER_PATTERNS.get(part, r"\S+")
            for index, part in enumerate(parts)
        )
        return cls(f"@{form.lstrip('@')}", re.compile(regex))


def _builtin_tags() -> list[tuple[TagForm, str]]:
    """The report's tag vocabulary as forms, each with its meaning."""
    tags = [(TagForm(WAVE_FORM, WAVE_TAG), TAG_MEANINGS["wave"])]
    tags += [(TagForm.of(severity), TAG_MEANINGS["severity"]) for severity in SEVERITIES]
    for prefix, (mark, keyword) in KEYED_TAGS.items():
        meaning = TAG_MEANINGS.get(prefix) or MARKER_HELP.get(f"{mark}({keyword})", "")
        tags.append((TagForm.of(f"{prefix}:<{keyword}>"), meaning))
    return tags


BUILTIN_TAGS = _builtin_tags()


@dataclass(frozen=True)
class LintConfig:
    """Where the features live and which tags they may carry, from pyproject.toml."""

    root: Path
    features_dir: Path
    tag_forms: tuple[TagForm, ...]
    extra_tags: tuple[str, ...] = ()

    @classmethod
    def load(cls, root: Path) -> LintConfig:
        """Read [tool.odoo-uat] process_areas and tags, and pytest-bdd's bdd_features_base_dir."""
        table = read_pyproject(root)
        features_dir = root / _pytest_ini(root).get(FEATURES_INI, DEFAULT_FEATURES_DIR)
        folders = process_area_folders(features_dir)
        areas = list(dict.fromkeys([*table.get("process_areas", []), *folders]))
        extra = tuple(str(tag) for tag in table.get("tags", []))
        forms = [form for form, _meaning in BUILTIN_TAGS] + [TagForm.of(form) for form in [*areas, *extra]]
        return cls(root, features_dir, tuple(dict.fromkeys(forms)), extra)

    def is_known_tag(self, name: str) -> bool:
        """Whether a tag (without @) has a known form."""
        return any(form.pattern.fullmatch(name) for form in self.tag_forms)

    def tag_hint(self, name: str) -> str:
        """'did you mean ...; known tags: ...' for an unknown tag."""
        forms = [form.form for form in self.tag_forms]
        close = difflib.get_close_matches(f"@{name}", forms, n=1, cutoff=0.6)
        return (f"did you mean {close[0]}? " if close else "") + "known tags: " + ", ".join(forms)


def _pytest_ini(root: Path) -> dict[str, object]:
    """[tool.pytest.ini_options] of root/pyproject.toml, or {}."""
    path = root / PYPROJECT
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle).get("tool", {}).get("pytest", {}).get("ini_options", {})


def add_root_option(parser: argparse.ArgumentParser) -> None:
    """The --root option of the authoring commands (lint, catalog)."""
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="project folder holding pyproject.toml and steps/ (default: found from here upwards)",
    )
