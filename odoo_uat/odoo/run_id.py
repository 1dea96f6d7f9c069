"""The run id: one per pytest session, in every seeded record's name and in an ir.model.data marker of ours.

A cleanup finds what a run left through the markers alone (module RUN_MODULE, name
"<run id>_<model>_<id>"), so it never touches a record the suite did not create.
"""

from __future__ import annotations

import re
import secrets
import string
from collections.abc import Iterable
from dataclasses import dataclass

RUN_MODULE = "odoo_uat_run"  # the ir.model.data module of our markers; no Odoo module has this name
RUN_ID_PROPERTY = "odoo-uat run id"  # in environment.properties: `python -m odoo_uat.odoo.cleanup --run <it>`
WORKER_KEY = "odoo_uat_run_id"  # pytest-xdist workerinput key: the controller's run id
RUN_ID_SIZE = 6
_ALPHABET = string.ascii_lowercase + string.digits
_MARKER = re.compile(r"^(?P<run>[a-z0-9]+)_(?P<model>[a-z0-9_]+)_(?P<id>\d+)$")


def new_run_id(length: int = RUN_ID_SIZE) -> str:
    """A short random id for one run (lower-case letters and digits)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def is_run_id(text: str) -> bool:
    """Whether text has the shape of a run id (what --run accepts)."""
    return bool(re.fullmatch(r"[a-z0-9]{4,16}", text))


def marker_name(run_id: str, model: str, record_id: int) -> str:
    """The ir.model.data name marking record_id of model as seeded by run_id."""
    return f"{run_id}_{model.replace('.', '_')}_{record_id}"


def marker_values(run_id: str, model: str, record_ids: Iterable[int]) -> list[dict[str, object]]:
    """The ir.model.data rows that mark these records (created in one call per batch)."""
    return [
        {
            "module": RUN_MODULE,
            "name": marker_name(run_id, model, record_id),
            "model": model,
            "res_id": record_id,
            "noupdate": True,
        }
        for record_id in record_ids
    ]


@dataclass(frozen=True)
class Marker:
    """One seeded record, as its ir.model.data marker says."""

    run_id: str
    model: str
    res_id: int


def parse_marker(name: str, model: str, res_id: int) -> Marker | None:
    """The marker of an ir.model.data row of RUN_MODULE, or None when its name is not one of ours."""
    match = _MARKER.match(name)
    if not match or match["model"] != model.replace(".", "_") or int(match["id"]) != res_id:
        return None
    return Marker(match["run"], model, res_id)
