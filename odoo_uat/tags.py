"""Gherkin tag vocabulary, its one parser, the process areas, and the Allure label names that carry them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

SEVERITIES = ("blocker", "critical", "normal", "minor", "trivial")  # most severe first
DEFAULT_SEVERITY = "normal"

# Custom Allure labels: the label plugin writes them, the exit report reads them.
LABEL_PROCESS_AREA = "process_area"
LABEL_WAVE = "wave"
LABEL_REQUIREMENT = "requirement"
LABEL_DEFECT = "defect"

# Structured tags "<prefix><value>" -> (pytest mark name, keyword holding the value).
# Marks carry the value as a keyword so `-m "req(id='O2C-014')"` can select it.
REQUIRES_MODULE = "requires_module"  # the tag prefix and mark of an Odoo module a scenario needs
WAVE_TAG = re.compile(r"wave-(?P<value>\d+)")
KEYED_TAGS: dict[str, tuple[str, str]] = {
    "req": ("req", "id"),
    "defect": ("defect", "ticket"),
    REQUIRES_MODULE: (REQUIRES_MODULE, "name"),
}
WAVE_MARK = ("wave", "n")
GENERIC_VALUE_KEYWORD = "value"

MARKER_HELP = {
    "blocker": "severity from @blocker",
    "critical": "severity from @critical",
    "normal": "severity from @normal (the default)",
    "minor": "severity from @minor",
    "trivial": "severity from @trivial",
    "wave(n)": 'rollout wave from @wave-<n>; select with -m "wave(n=2)" or --wave 2',
    "req(id)": "requirement from @req:<id>; select with -m \"req(id='O2C-014')\"",
    "defect(ticket)": "known defect from @defect:<ticket>; select with -m defect",
    "requires_module(name)": "needs an Odoo module, from @requires_module:<name>",
}

_NOT_IN_MARK_NAME = re.compile(r"\W")


@dataclass(frozen=True)
class TagMark:
    """The pytest mark a Gherkin tag becomes."""

    name: str
    kwargs: dict[str, object] = field(default_factory=dict)


def mark_for_tag(tag: str) -> TagMark:
    """Translate one Gherkin tag (without "@") into a mark that --strict-markers accepts."""
    if wave := WAVE_TAG.fullmatch(tag):
        name, keyword = WAVE_MARK
        return TagMark(name, {keyword: int(wave["value"])})
    prefix, sep, value = tag.partition(":")
    if sep and prefix in KEYED_TAGS:
        name, keyword = KEYED_TAGS[prefix]
        return TagMark(name, {keyword: value})
    if sep:
        return TagMark(mark_name(prefix), {GENERIC_VALUE_KEYWORD: value})
    return TagMark(mark_name(tag))


def mark_name(text: str) -> str:
    """Turn free tag text into a valid mark name (pytest marks are identifiers)."""
    name = _NOT_IN_MARK_NAME.sub("_", text).strip("_") or "tag"
    return f"tag_{name}" if name[0].isdigit() else name


def is_structured(tag: str) -> bool:
    """Whether the tag carries a value, so pytest would not keep its text as a mark name."""
    return mark_for_tag(tag) != TagMark(tag)


@dataclass(frozen=True)
class ScenarioTags:
    """What the tags of one scenario (its own, its rule's and its feature's) say."""

    severity: str = DEFAULT_SEVERITY
    waves: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    defects: tuple[str, ...] = ()
    required_modules: tuple[str, ...] = ()
    process_area: str | None = None


def parse_tags(tags: Iterable[str], process_areas: Iterable[str] = ()) -> ScenarioTags:
    """Read severity, waves, requirement ids, defects and a process-area tag from tags."""
    tags = sorted(set(tags))
    areas = set(process_areas)
    severities = [s for s in SEVERITIES if s in tags]
    return ScenarioTags(
        severity=severities[0] if severities else DEFAULT_SEVERITY,
        waves=tuple(sorted({m["value"] for t in tags if (m := WAVE_TAG.fullmatch(t))}, key=int)),
        requirements=_values(tags, "req"),
        defects=_values(tags, "defect"),
        required_modules=_values(tags, REQUIRES_MODULE),
        process_area=next((t for t in tags if t in areas), None),
    )


def _values(tags: Iterable[str], prefix: str) -> tuple[str, ...]:
    return tuple(t.partition(":")[2] for t in tags if t.startswith(f"{prefix}:") and t != f"{prefix}:")


def humanise(key: str) -> str:
    """Turn a process-area key such as "order_to_cash" into "Order to cash"."""
    words = re.sub(r"[_\-\s]+", " ", key).strip()
    return words[:1].upper() + words[1:] if words else key


def process_area_folders(features_dir: Path) -> list[str]:
    """The process areas: the folders of features_dir whose names can be tags and marks (identifiers)."""
    if not features_dir.is_dir():
        return []
    return sorted(p.name for p in features_dir.iterdir() if p.is_dir() and is_area_name(p.name))


def is_area_name(name: str) -> bool:
    """Whether a folder name under features/ names a process area (not __pycache__ or _drafts)."""
    return name.isidentifier() and not name.startswith("_")


def area_of_path(relative: PurePath) -> str | None:
    """The process area of a feature from its path under features/: its first folder, None at the top."""
    parts = relative.parts
    return parts[0] if len(parts) > 1 and parts[0] not in (".", "..") else None
