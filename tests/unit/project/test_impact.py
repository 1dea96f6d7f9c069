"""odoo_uat.impact without git: modules of changed files, their dependants, and the scenarios they select."""

from __future__ import annotations

from pathlib import Path

from odoo_uat.addons import find_modules
from odoo_uat.impact import (
    CAUSE_SMOKE,
    CAUSE_SUITE,
    ChangeSet,
    ScenarioInfo,
    classify,
    dependants,
    module_of,
    select,
    why_affected,
)


def addon(folder: Path, name: str, depends: list[str] | None = None, manifest: str | None = None) -> Path:
    """A fake Odoo module: a folder with a __manifest__.py (and an __init__.py)."""
    module = folder / name
    module.mkdir(parents=True)
    (module / "__manifest__.py").write_text(
        manifest if manifest is not None else repr({"name": name, "depends": depends or []})
    )
    (module / "__init__.py").write_text("")
    return module


def test_dependants_are_found_transitively_across_addons_folders(tmp_path: Path) -> None:
    core, packages, custom = tmp_path / "odoo" / "addons", tmp_path / "addons", tmp_path / "custom"
    addon(core, "base")
    addon(packages, "stock", ["base"])
    addon(packages, "sale", ["base"])
    addon(packages, "sale_stock", ["sale", "stock"])
    addon(custom, "uat_pick_rules", ["sale_stock"])
    addon(custom, "uat_unrelated", ["sale"])

    affected = dependants(find_modules(strict=False, folders=[custom, core, packages]), ["stock"])

    assert affected == {"stock": None, "sale_stock": "stock", "uat_pick_rules": "sale_stock"}
    assert why_affected(affected, "stock") == "changed"
    assert why_affected(affected, "uat_pick_rules") == "depends on sale_stock → stock (changed)"


def test_the_first_folder_holding_a_module_name_wins(tmp_path: Path) -> None:
    addon(tmp_path / "custom", "sale", ["base", "uat_patch"])
    addon(tmp_path / "odoo", "sale", ["base"])

    modules = find_modules(strict=False, folders=[tmp_path / "custom", tmp_path / "odoo", tmp_path / "missing"])

    assert modules["sale"].depends == ("base", "uat_patch")


def test_a_manifest_that_is_not_a_literal_has_no_depends(tmp_path: Path) -> None:
    addon(tmp_path, "odd", manifest="{'depends': [compute()]}")

    assert find_modules(strict=False, folders=[tmp_path])["odd"].depends == ()


def test_a_dependency_cycle_ends(tmp_path: Path) -> None:
    addon(tmp_path, "a", ["b"])
    addon(tmp_path, "b", ["a"])

    assert dependants(find_modules(strict=False, folders=[tmp_path]), ["a"]) == {"a": None, "b": "a"}


def test_a_file_belongs_to_the_nearest_module_under_an_addons_folder(tmp_path: Path) -> None:
    folder = tmp_path / "addons"
    module = addon(folder, "uat_minimum_order")
    (module / "models").mkdir()
    (folder / "README.md").write_text("")

    assert module_of(module / "models" / "sale_order.py", [folder]) == "uat_minimum_order"
    assert module_of(folder / "README.md", [folder]) is None
    assert module_of(tmp_path / "elsewhere.py", [folder]) is None
    # A module deleted in the range: its manifest no longer exists but still names it.
    assert module_of(folder / "gone" / "__manifest__.py", [folder]) == "gone"


def test_changed_files_are_sorted_by_what_they_select(tmp_path: Path) -> None:
    project = tmp_path / "project"
    addons = project / "examples" / "addons"
    module = addon(addons, "uat_minimum_order")
    files = [
        module / "models.py",
        project / "features" / "order_to_cash" / "quote_to_ship.feature",
        project / "steps" / "sales.py",
        project / "pyproject.toml",
        project / "docs" / "writing-scenarios.md",
        project / "README.md",
        project / "features" / "requirements.csv",
        tmp_path / "other-repo" / "README.md",
    ]

    changes = classify(files, project, [addons], "HEAD~1..HEAD")

    assert changes.modules == {"uat_minimum_order": ("examples/addons/uat_minimum_order/models.py",)}
    assert changes.features == (project / "features" / "order_to_cash" / "quote_to_ship.feature",)
    assert changes.suite_code == ("pyproject.toml", "steps/sales.py")
    assert set(changes.other) == {
        "README.md",
        "docs/writing-scenarios.md",
        "features/requirements.csv",
        str(tmp_path / "other-repo" / "README.md"),
    }


def scenario(
    key: str,
    area: str = "order_to_cash",
    modules: tuple[str, ...] = (),
    smoke: bool = False,
    feature: str = "x.feature",
) -> ScenarioInfo:
    return ScenarioInfo(
        key=key, name=key, feature=Path("/p/features") / area / feature, area=area, modules=modules, smoke=smoke
    )


AREAS = {"order_to_cash": ["sale", "stock"], "procure_to_stock": ["purchase"]}


def test_a_changed_module_selects_the_scenarios_needing_it_or_its_dependants() -> None:
    changes = ChangeSet("A..B", modules={"uat_minimum_order": ("m.py",)})
    affected = {"uat_minimum_order": None, "uat_big_customers": "uat_minimum_order"}
    scenarios = [
        scenario("tagged", modules=("uat_minimum_order",)),
        scenario("dependant", area="procure_to_stock", modules=("uat_big_customers",)),
        scenario("smoke", area="returns", smoke=True),
        scenario("other"),
    ]

    selection = select(changes, affected, scenarios, AREAS)

    assert [s.key for s in selection.selected] == ["tagged", "dependant", "smoke"]
    assert [s.key for s in selection.deselected] == ["other"]
    assert [r.text for r in selection.reasons["dependant"]] == [
        "@requires_module:uat_big_customers, which depends on uat_minimum_order (changed)"
    ]
    assert list(selection.causes()) == [
        "uat_minimum_order (changed)",
        "uat_big_customers (depends on uat_minimum_order (changed))",
        CAUSE_SMOKE,
    ]


def test_a_process_area_is_selected_through_the_modules_it_exercises() -> None:
    changes = ChangeSet("A..B", modules={"stock": ("stock/models.py",)})
    affected = {"stock": None, "purchase_stock": "stock"}

    selection = select(changes, affected, [scenario("o2c"), scenario("p2s", area="procure_to_stock")], AREAS)

    assert [s.key for s in selection.selected] == ["o2c"]
    assert selection.reasons["o2c"][0].text == "its process area order_to_cash exercises stock, which changed"


def test_a_changed_feature_file_selects_its_own_scenarios() -> None:
    feature = Path("/p/features/order_to_cash/quote_to_ship.feature")
    changes = ChangeSet("A..B", features=(feature,))
    scenarios = [scenario("ship", feature="quote_to_ship.feature"), scenario("hold", feature="credit_hold.feature")]

    assert [s.key for s in select(changes, {}, scenarios, AREAS).selected] == ["ship"]


def test_a_change_to_the_suite_code_selects_everything_and_says_so() -> None:
    changes = ChangeSet("A..B", suite_code=("steps/sales.py",))

    selection = select(changes, {}, [scenario("a"), scenario("b", area="returns")], AREAS)

    assert selection.everything and not selection.deselected
    assert selection.reasons["b"][0].cause == CAUSE_SUITE
    assert any("every scenario runs" in line for line in selection.lines(Path("/p")))


def test_docs_alone_select_nothing_and_the_terminal_counts_it() -> None:
    changes = ChangeSet("A..B", other=("README.md",))

    selection = select(changes, {}, [scenario("a"), scenario("b")], AREAS)

    assert not selection.selected
    assert selection.lines(Path("/p"))[-1] == "  selected 0, deselected 2 of 2 scenarios"


def test_the_json_names_range_modules_reasons_and_the_deselected_count() -> None:
    changes = ChangeSet("A..B", modules={"uat_x": ("addons/uat_x/a.py",)})
    selection = select(changes, {"uat_x": None}, [scenario("a", modules=("uat_x",)), scenario("b")], AREAS)

    data = selection.as_dict(Path("/p"))

    assert data["revisions"] == "A..B"
    assert data["changed_modules"] == {"uat_x": ["addons/uat_x/a.py"]}
    assert data["affected_modules"] == {"uat_x": "changed"}
    assert (data["total"], data["deselected"]) == (2, 1)
    assert data["selected"] == [
        {
            "key": "a",
            "name": "a",
            "feature": "features/order_to_cash/x.feature",
            "reasons": ["@requires_module:uat_x, which changed"],
        }
    ]
