"""Requirements in scope of UAT, from a CSV or TOML file: id, title, process area, wave."""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("id", "title", "process_area", "wave")
TOML_TABLE = "requirement"  # [[requirement]] entries


class RequirementsError(Exception):
    """The requirements file is missing or malformed; the message says where."""


@dataclass(frozen=True)
class Requirement:
    """One requirement the rollout must meet."""

    id: str
    title: str = ""
    process_area: str = ""
    waves: tuple[str, ...] = ()  # empty: in scope of every wave

    def in_scope(self, wave: str | None) -> bool:
        """Whether the requirement belongs to the wave under test (all of them when wave is None)."""
        return wave is None or not self.waves or wave in self.waves


def load_requirements(path: Path) -> list[Requirement]:
    """Read requirements from .csv (header: id,title,process_area,wave) or .toml ([[requirement]])."""
    if not path.is_file():
        raise RequirementsError(f"Requirements file not found: {path}")
    if path.suffix.lower() == ".toml":
        try:
            rows = tomllib.loads(path.read_text(encoding="utf-8")).get(TOML_TABLE, [])
        except tomllib.TOMLDecodeError as error:
            raise RequirementsError(f"{path}: {error}") from None
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # -sig: Excel writes a BOM
            rows = list(csv.DictReader(handle))
    return _requirements(path, rows)


def _requirements(path: Path, rows: Iterable[Mapping[str, object]]) -> list[Requirement]:
    requirements: dict[str, Requirement] = {}
    for number, row in enumerate(rows, start=1):
        cells = {_column(k): str(v).strip() for k, v in row.items() if k is not None and v is not None}
        if not cells.get("id"):
            if any(cells.values()):
                raise RequirementsError(f"{path}: entry {number} has no id")
            continue  # a blank line
        if cells["id"] in requirements:
            raise RequirementsError(f"{path}: requirement {cells['id']} is listed twice")
        requirements[cells["id"]] = Requirement(
            id=cells["id"],
            title=cells.get("title", ""),
            process_area=cells.get("process_area", ""),
            waves=tuple(w for w in re.split(r"[\s,;]+", cells.get("wave", "")) if w),
        )
    return list(requirements.values())


def _column(name: object) -> str:
    # Accept "Process area", "process-area" and the like from spreadsheets.
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())
