"""Merging the durations the shards recorded (examples/ci/merge_durations.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location("merge_durations", ROOT / "examples" / "ci" / "merge_durations.py")
assert _spec and _spec.loader
merge_durations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(merge_durations)


def test_each_shard_contributes_what_it_measured() -> None:
    base = {"a": 1.0, "b": 2.0, "c": 3.0}
    shard_1 = {**base, "a": 1.5}  # ran a
    shard_2 = {**base, "c": 2.5, "d": 4.0}  # ran c and the new scenario d
    assert merge_durations.merge(base, [shard_1, shard_2]) == {"a": 1.5, "b": 2.0, "c": 2.5, "d": 4.0}


def test_the_command_rewrites_the_base_file(tmp_path: Path) -> None:
    base, shard = tmp_path / "durations.json", tmp_path / "1-of-2.json"
    base.write_text(json.dumps({"a": 1.0}), encoding="utf-8")
    shard.write_text(json.dumps({"a": 2.0, "b": 1.0}), encoding="utf-8")
    assert merge_durations.main([str(base), str(shard)]) == 0
    assert json.loads(base.read_text(encoding="utf-8")) == {"a": 2.0, "b": 1.0}


def test_the_recorded_durations_cover_every_scenario_of_the_pack() -> None:
    durations = json.loads((ROOT / "features" / ".durations.json").read_text(encoding="utf-8"))
    assert durations and all(key.startswith("features/test_feature_files.py::test_") for key in durations)
    assert all(isinstance(seconds, float) and seconds > 0 for seconds in durations.values())
