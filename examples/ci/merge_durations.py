"""Merge the durations each shard recorded into the durations file the shards started from.

`make uat SHARD=k/N` copies DURATIONS (features/.durations.json) into reports/shards/k-of-N/
and pytest-split updates that copy with the scenarios the shard ran. An entry that differs from
the starting file was measured by that shard; the others are the starting values, unchanged.
Usage: python examples/ci/merge_durations.py features/.durations.json reports/shards/*/durations.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path


def merge(base: Mapping[str, float], shards: Sequence[Mapping[str, float]]) -> dict[str, float]:
    """The base durations updated with every entry a shard measured (changed or added)."""
    merged = dict(base)
    for shard in shards:
        merged.update({node: seconds for node, seconds in shard.items() if base.get(node) != seconds})
    return dict(sorted(merged.items()))


def _read(path: Path) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SystemExit(f"merge_durations: cannot read {path}: {error}") from None
    if not isinstance(data, dict):
        raise SystemExit(f"merge_durations: {path} is not a pytest-split durations file (a JSON object)")
    return data


def main(argv: Sequence[str] | None = None) -> int:
    """Write the merged durations over the base file."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", type=Path, help="the durations file the shards started from (it is rewritten)")
    parser.add_argument("shards", type=Path, nargs="+", help="the durations.json of each shard")
    args = parser.parse_args(argv)
    base = _read(args.base) if args.base.is_file() else {}
    merged = merge(base, [_read(path) for path in args.shards])
    args.base.write_text(json.dumps(merged, indent=4) + "\n", encoding="utf-8")
    print(f"{args.base}: {len(merged)} scenario durations ({len(args.shards)} shards merged)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
