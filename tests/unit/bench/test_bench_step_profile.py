"""The step-profile plugin costs nothing unless --step-profile is given."""

from __future__ import annotations

from types import SimpleNamespace

from playwright._impl._sync_base import SyncBase

from odoo_uat.plugins import step_profile


class FakePluginManager:
    """Records what the plugin registers."""

    def __init__(self) -> None:
        self.registered: list[object] = []

    def register(self, plugin: object, name: str) -> None:
        self.registered.append(plugin)

    def hasplugin(self, name: str) -> bool:
        return False


def test_without_the_option_nothing_is_registered_or_patched():
    original = SyncBase._sync
    manager = FakePluginManager()
    step_profile.pytest_configure(SimpleNamespace(getoption=lambda name: None, pluginmanager=manager))
    assert manager.registered == [] and SyncBase._sync is original


def test_with_the_option_the_profiler_patches_until_the_session_ends(tmp_path):
    original = SyncBase._sync
    manager = FakePluginManager()
    path = tmp_path / "profile.json"
    step_profile.pytest_configure(SimpleNamespace(getoption=lambda name: str(path), pluginmanager=manager))
    (profiler,) = manager.registered
    assert SyncBase._sync is not original
    profiler.pytest_sessionfinish()
    assert SyncBase._sync is original
    assert path.read_text().count('"tests": []') == 1


def test_workers_profiles_merge_into_one():
    merged = step_profile.merge(
        [
            {"first_step": 12.0, "tests": [{"scenario": "a", "steps": []}]},
            {"first_step": 11.0, "tests": [{"scenario": "b", "steps": []}]},
        ],
        started=10.0,
    )
    assert merged["first_step"] == 11.0 and merged["workers"] == 2
    assert [test["scenario"] for test in merged["tests"]] == ["a", "b"]
