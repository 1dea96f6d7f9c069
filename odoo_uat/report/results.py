"""Read Allure results dirs (one run, or its shards) into one Scenario per test case (the last try of each)."""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from odoo_uat.report import metadata, properties
from odoo_uat.report.categories import BROKEN, FAILED, FAILING_STATUSES, classify
from odoo_uat.report.evidence import RECORD_LINK_TYPE
from odoo_uat.tags import (
    DEFAULT_SEVERITY,
    LABEL_DEFECT,
    LABEL_PROCESS_AREA,
    LABEL_REQUIREMENT,
    LABEL_WAVE,
    SEVERITIES,
    area_of_path,
)

RESULT_SUFFIX = "-result.json"
PASSED, SKIPPED = "passed", "skipped"
SKIP_PREFIX = "Skipped: "  # pytest's text before a skip reason


@dataclass(frozen=True)
class Scenario:
    """The outcome of one scenario (one Examples row for an outline), after retries."""

    uuid: str
    name: str
    full_name: str
    feature: str
    process_area: str
    status: str
    severity: str = DEFAULT_SEVERITY
    waves: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    defects: tuple[str, ...] = ()
    message: str = ""
    failing_step: str | None = None
    start: int | None = None
    stop: int | None = None
    attempts: int = 1
    flaky: bool = False  # passed only on a retry (pytest-rerunfailures), or marked flaky in its result
    parameters: tuple[tuple[str, str], ...] = ()
    record_links: tuple[tuple[str, str], ...] = ()
    labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """Whether the scenario passed."""
        return self.status == PASSED

    @property
    def skipped(self) -> bool:
        """Whether the scenario did not run (skipped ones never count as failures)."""
        return self.status == SKIPPED

    @property
    def failing(self) -> bool:
        """Whether the scenario failed or broke."""
        return self.status in FAILING_STATUSES

    @property
    def category(self) -> str | None:
        """The failure category, None unless failing."""
        return classify(self.status, self.message, self.labels) if self.failing else None

    @property
    def skip_reason(self) -> str:
        """Why a skipped scenario did not run."""
        first = self.message.strip().splitlines()[0] if self.message.strip() else "no reason given"
        return first.removeprefix(SKIP_PREFIX)

    @property
    def allure_id(self) -> str:
        """The id Allure 3 gives this result in its report URL (md5 of the result uuid)."""
        return hashlib.md5(self.uuid.encode()).hexdigest()

    @property
    def title(self) -> str:
        """The name shown to people, with outline parameters when the name lacks them."""
        values = [v for _, v in self.parameters if v not in self.name]
        return f"{self.name} [{', '.join(values)}]" if values else self.name


@dataclass(frozen=True)
class RunResults:
    """Everything read from one results dir, or from several merged (the shards of one run)."""

    directory: Path  # the one dir read, or the folder holding all of them
    scenarios: tuple[Scenario, ...]
    environment: Mapping[str, str]
    executor: Mapping[str, Any] | None
    directories: tuple[Path, ...] = ()


def load_results(directories: Path | Sequence[Path]) -> RunResults:
    """Read result files of one or more dirs, keep the last try per history id, plus environment and executor.

    Several dirs are the shards of one run: a scenario is known by its Allure history id (its
    feature, name and outline parameters), so the merged shards read as the unsharded run would.
    """
    dirs = (directories,) if isinstance(directories, Path) else tuple(directories)
    tries: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for result in (_read_json(p) for d in dirs if d.is_dir() for p in sorted(d.glob(f"*{RESULT_SUFFIX}"))):
        if isinstance(result, dict) and result.get("uuid"):
            tries[result.get("historyId") or result["uuid"]].append(result)
    scenarios = [_scenario(max(group, key=_finished_at), len(group)) for group in tries.values()]
    scenarios.sort(key=lambda s: (s.process_area, s.feature, s.full_name, s.name, s.parameters))
    environment: dict[str, str] = {}
    for directory in reversed(dirs):  # the first dir wins where shards disagree
        environment.update(properties.read(directory / metadata.ENVIRONMENT_FILE))
    executors = [_read_json(d / metadata.EXECUTOR_FILE) for d in dirs if (d / metadata.EXECUTOR_FILE).is_file()]
    executor = next((e for e in executors if isinstance(e, dict)), None)
    return RunResults(
        directory=_common_folder(dirs),
        scenarios=tuple(scenarios),
        environment=environment,
        executor=executor,
        directories=dirs,
    )


def _common_folder(dirs: Sequence[Path]) -> Path:
    """The one dir, or the deepest folder holding them all (what a message about "the results" names)."""
    if len(dirs) == 1:
        return dirs[0]
    if not dirs:
        return Path()
    return Path(os.path.commonpath([d.absolute() for d in dirs]))


def group_labels(labels: Iterable[Mapping[str, Any]]) -> dict[str, tuple[str, ...]]:
    """Collect label values by name, keeping order and dropping duplicates."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for label in labels:
        name, value = label.get("name"), label.get("value")
        if name and value is not None and str(value) not in grouped[name]:
            grouped[name].append(str(value))
    return {name: tuple(values) for name, values in grouped.items()}


def _scenario(result: Mapping[str, Any], attempts: int) -> Scenario:
    labels = group_labels(result.get("labels") or [])
    details = result.get("statusDetails") or {}
    status = result.get("status") or BROKEN  # no status: it never finished, so it did not pass
    severities = [s for s in SEVERITIES if s in labels.get("severity", ())]
    return Scenario(
        uuid=result["uuid"],
        name=result.get("name") or "(unnamed scenario)",
        full_name=result.get("fullName") or "",
        feature=_first(labels, "feature") or "",
        process_area=_first(labels, LABEL_PROCESS_AREA) or _area_from_path(result.get("fullName") or ""),
        status=status if status in (PASSED, SKIPPED, FAILED, BROKEN) else BROKEN,
        severity=severities[0] if severities else DEFAULT_SEVERITY,
        waves=labels.get(LABEL_WAVE, ()),
        requirements=labels.get(LABEL_REQUIREMENT, ()),
        defects=labels.get(LABEL_DEFECT, ()),
        message=str(details.get("message") or ""),
        failing_step=_failing_step(result.get("steps") or []),
        start=result.get("start"),
        stop=result.get("stop"),
        attempts=attempts,
        flaky=status == PASSED and (attempts > 1 or bool(details.get("flaky"))),
        parameters=tuple((str(p.get("name")), str(p.get("value"))) for p in result.get("parameters") or []),
        record_links=tuple(
            (str(link.get("name") or link.get("url")), str(link["url"]))
            for link in result.get("links") or []
            if link.get("type") == RECORD_LINK_TYPE and link.get("url")
        ),
        labels=labels,
    )


def _failing_step(steps: Sequence[Mapping[str, Any]]) -> str | None:
    for step in steps:
        if step.get("status") in FAILING_STATUSES:
            inner = _failing_step(step.get("steps") or [])
            name = str(step.get("name") or "(unnamed step)")
            return f"{name} › {inner}" if inner else name
    return None


def _area_from_path(full_name: str) -> str:
    # allure-pytest-bdd's fullName is "<feature path under features/>:<scenario>".
    return area_of_path(PurePosixPath(full_name.rsplit(":", 1)[0])) or ""


def _first(labels: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = labels.get(name)
    return values[0] if values else None


def _finished_at(result: Mapping[str, Any]) -> int:
    return int(result.get("stop") or result.get("start") or 0)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # a half-written file from an interrupted run
