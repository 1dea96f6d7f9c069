"""What a collected pytest item is as a scenario: its pytest-bdd template, its tags, its process area, its modules.

The plugins in odoo_uat/plugins/ ask here, so each reads a scenario's tags through the one
parser (odoo_uat/tags.py) and places it in the same process area.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_bdd.parser import Feature, ScenarioTemplate
from pytest_bdd.scenario import scenario_wrapper_template_registry

from odoo_uat.tags import (
    REQUIRES_MODULE,
    ScenarioTags,
    area_of_path,
    parse_tags,
    process_area_folders,
)

FEATURES_INI = "bdd_features_base_dir"  # pytest-bdd's ini key
DEFAULT_FEATURES_DIR = "features"
FEATURES_MARKER = "features"  # a feature bound from outside the base dir: its area is the folder below this
_AREAS = pytest.StashKey[frozenset[str]]()


def scenario_of(item: pytest.Item) -> ScenarioTemplate | None:
    """The pytest-bdd scenario behind an item, None for a test that is not a scenario."""
    try:
        return scenario_wrapper_template_registry.get(getattr(item, "obj", None))  # type: ignore[arg-type]
    except TypeError:  # not weak-referenceable (None, doctests): not a scenario
        return None


def scenario_tags(template: ScenarioTemplate) -> set[str]:
    """All tags that apply to a scenario: its own, its rule's and its feature's."""
    rule_tags = template.rule.tags if template.rule is not None else set()
    return set(template.tags) | set(template.feature.tags) | set(rule_tags)


def features_dir(config: pytest.Config) -> Path:
    """The features folder: pytest-bdd's bdd_features_base_dir under the root, else features/."""
    try:
        base = config.getini(FEATURES_INI)
    except ValueError:  # pytest-bdd not loaded
        base = ""
    return config.rootpath / (base or DEFAULT_FEATURES_DIR)


def process_areas(config: pytest.Config) -> frozenset[str]:
    """The process areas of this run (the folders of the features folder), read once per run."""
    if _AREAS not in config.stash:
        config.stash[_AREAS] = frozenset(process_area_folders(features_dir(config)))
    return config.stash[_AREAS]


def tags_of(config: pytest.Config, template: ScenarioTemplate) -> ScenarioTags:
    """What a scenario's tags say, process-area tags included."""
    return parse_tags(scenario_tags(template), process_areas(config))


def process_area(feature: Feature, tags: ScenarioTags) -> str | None:
    """The process area: a process-area tag, else the feature's folder under features/."""
    if tags.process_area:
        return tags.process_area
    if found := area_of_path(Path(feature.rel_filename)):
        return found
    folders = Path(feature.filename).parts[:-1]
    below = [folders[i + 1] for i, name in enumerate(folders[:-1]) if name == FEATURES_MARKER]
    return below[-1] if below else None


def area_of(item: pytest.Item) -> str | None:
    """The process area of a scenario item, None for other tests and features outside any area."""
    template = scenario_of(item)
    if template is None:
        return None
    return process_area(template.feature, tags_of(item.config, template))


def required_modules(item: pytest.Item) -> list[str]:
    """The Odoo modules a test needs, in order: its requires_module marks, then its scenario's tags."""
    names = [str(value) for mark in item.iter_markers(REQUIRES_MODULE) for value in (*mark.args, *mark.kwargs.values())]
    template = scenario_of(item)
    if template is not None:
        names.extend(tags_of(item.config, template).required_modules)
    return list(dict.fromkeys(name for name in names if name))


def register_marker(config: pytest.Config, signature: str, text: str) -> None:
    """Declare a mark for --strict-markers unless it already is (several plugins may declare the same)."""
    known = {line.split(":", 1)[0].split("(", 1)[0].strip() for line in config.getini("markers")}
    if signature.split("(", 1)[0] not in known:
        config.addinivalue_line("markers", f"{signature}: {text}")
