"""The one parser of Gherkin tags (odoo_uat/tags.py): marks, what a scenario's tags say, process areas."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from odoo_uat.tags import (
    ScenarioTags,
    TagMark,
    area_of_path,
    is_structured,
    mark_for_tag,
    parse_tags,
    process_area_folders,
)


@pytest.mark.parametrize(
    ("tag", "mark"),
    [
        ("wave-2", TagMark("wave", {"n": 2})),
        ("req:O2C-014", TagMark("req", {"id": "O2C-014"})),
        ("defect:UAT-7", TagMark("defect", {"ticket": "UAT-7"})),
        ("requires_module:sale_stock", TagMark("requires_module", {"name": "sale_stock"})),
        ("owner:qa-team", TagMark("owner", {"value": "qa-team"})),
        ("wip-2", TagMark("wip_2")),
        ("2fa", TagMark("tag_2fa")),
        ("smoke", TagMark("smoke")),
    ],
)
def test_each_tag_becomes_a_mark_strict_markers_accept(tag: str, mark: TagMark) -> None:
    assert mark_for_tag(tag) == mark


def test_only_tags_with_a_value_are_structured() -> None:
    assert [is_structured(t) for t in ("smoke", "wave-1", "req:X", "owner:qa")] == [False, True, True, True]


def test_a_scenarios_tags_say_severity_waves_requirements_defects_modules_and_area() -> None:
    tags = {
        "critical",
        "minor",
        "wave-10",
        "wave-2",
        "req:B",
        "req:A",
        "defect:UAT-7",
        "requires_module:rma_sale",
        "requires_module:",
        "returns",
        "smoke",
    }
    assert parse_tags(tags, process_areas=["returns", "order_to_cash"]) == ScenarioTags(
        severity="critical",  # the most severe wins
        waves=("2", "10"),
        requirements=("A", "B"),
        defects=("UAT-7",),
        required_modules=("rma_sale",),  # an empty value is no module
        process_area="returns",
    )


def test_untagged_scenarios_are_normal_and_in_no_area_tag() -> None:
    assert parse_tags([]) == ScenarioTags()


def test_process_areas_are_the_feature_folders_that_can_be_marks(tmp_path: Path) -> None:
    for name in ("order_to_cash", "returns", "__pycache__", "_drafts", "not-an-identifier"):
        (tmp_path / name).mkdir()
    (tmp_path / "loose.feature").write_text("Feature: x\n", encoding="utf-8")
    assert process_area_folders(tmp_path) == ["order_to_cash", "returns"]
    assert process_area_folders(tmp_path / "missing") == []


@pytest.mark.parametrize(
    ("path", "area"),
    [("order_to_cash/quote.feature", "order_to_cash"), ("quote.feature", None), ("../x/quote.feature", None)],
)
def test_a_features_area_is_its_first_folder(path: str, area: str | None) -> None:
    assert area_of_path(PurePosixPath(path)) == area
