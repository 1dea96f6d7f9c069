"""Which scenarios a change can affect: changed files -> Odoo modules -> their dependants -> scenarios.

Pure logic (git and the file system only); the pytest side is odoo_uat/plugins/impact_selection.py.
"""

from __future__ import annotations

import subprocess
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from odoo_uat.addons import MANIFEST, OdooModule

FEATURES_DIR = "features"
FEATURE_SUFFIX = ".feature"
SMOKE_TAG = "smoke"
SCHEMA_VERSION = 1
# The suite's own code: a change here can break any scenario, so everything runs.
SUITE_CODE_DIRS = ("steps", "pages", "fixtures", "odoo_uat")
SUITE_CODE_FILES = (
    "conftest.py",
    "pyproject.toml",
    "roles.toml",
    "requirements.lock",
    f"{FEATURES_DIR}/test_feature_files.py",
)
# Causes of a selection, as the terminal and the report group them.
CAUSE_SUITE = "the suite's code changed"
CAUSE_SMOKE = "@smoke"
CAUSE_FEATURE = "its feature file changed"
SHOWN_NAMES = 12  # longer lists are cut in the terminal (the JSON file has them all)


class ImpactError(Exception):
    """The change cannot be worked out (unknown revisions, not a git repository); the message says why."""


# -- git ------------------------------------------------------------------------------------
def git_root(folder: Path) -> Path | None:
    """The top folder of the git repository holding folder, None when it is in none."""
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise ImpactError("git is not installed (apt-get install git).") from None
    return Path(result.stdout.strip()).resolve() if result.returncode == 0 else None


def changed_files(repo: Path, revisions: str) -> list[Path]:
    """Absolute paths of the files `git diff --name-only <revisions>` lists in repo (renames as delete + add)."""
    if not revisions or revisions.startswith("-"):
        raise ImpactError(
            f"{revisions!r} is not a revision range: give one such as HEAD~1..HEAD or origin/main...HEAD."
        )
    result = subprocess.run(
        ["git", "-C", str(repo), "diff", "--name-only", "--no-renames", "-z", revisions, "--"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        said = result.stderr.strip().splitlines()
        raise ImpactError(
            f"git cannot compare {revisions} in {repo}"
            f"{': ' + said[0] if said else ''}. Give a range both ends of which exist there "
            "(e.g. HEAD~1..HEAD, origin/main...HEAD; fetch the base branch first in CI)."
        )
    return [repo / name for name in result.stdout.split("\0") if name]


# -- modules ----------------------------------------------------------------------------------
def dependants(modules: Mapping[str, OdooModule], changed: Iterable[str]) -> dict[str, str | None]:
    """The changed modules and every module depending on one, transitively.

    Each maps to the module it depends on that brought it in (None for a changed one), so the
    chain back to the change can be told.
    """
    reverse: dict[str, set[str]] = defaultdict(set)
    for module in modules.values():
        for dependency in module.depends:
            reverse[dependency].add(module.name)
    affected: dict[str, str | None] = {name: None for name in sorted(set(changed))}
    queue = deque(affected)
    while queue:
        name = queue.popleft()
        for dependant in sorted(reverse.get(name, ())):
            if dependant not in affected:
                affected[dependant] = name
                queue.append(dependant)
    return affected


def why_affected(affected: Mapping[str, str | None], name: str) -> str:
    """ "changed", or the chain of dependencies back to the change ("depends on sale_stock → stock (changed)")."""
    chain, seen = [], {name}
    via = affected.get(name)
    while via is not None and via not in seen:
        chain.append(via)
        seen.add(via)
        via = affected.get(via)
    return f"depends on {' → '.join(chain)} (changed)" if chain else "changed"


def module_of(path: Path, addons_dirs: Sequence[Path]) -> str | None:
    """The module holding a file: the nearest folder with a __manifest__.py under an addons folder."""
    for folder in addons_dirs:
        if not path.is_relative_to(folder) or path == folder:
            continue
        candidate = path.parent
        while candidate != folder and candidate.is_relative_to(folder):
            # A deleted manifest still names its module.
            if (candidate / MANIFEST).is_file() or path == candidate / MANIFEST:
                return candidate.name
            candidate = candidate.parent
    return None


# -- what changed -----------------------------------------------------------------------------
@dataclass(frozen=True)
class ChangeSet:
    """The changed files of a revision range, sorted by what they select."""

    revisions: str
    modules: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # module -> its changed files
    features: tuple[Path, ...] = ()  # changed feature files (absolute)
    suite_code: tuple[str, ...] = ()  # changed files of the suite's own code
    other: tuple[str, ...] = ()  # changed files that select nothing (docs, README, CI examples)
    notes: tuple[str, ...] = ()


def is_suite_code(relative: Path) -> bool:
    """Whether a project file (relative to the project) is the suite's own code."""
    return relative.as_posix() in SUITE_CODE_FILES or (len(relative.parts) > 1 and relative.parts[0] in SUITE_CODE_DIRS)


def classify(
    files: Iterable[Path], project: Path, addons_dirs: Sequence[Path], revisions: str, notes: Sequence[str] = ()
) -> ChangeSet:
    """Sort changed files: module files, feature files, suite code, the rest."""
    modules: dict[str, list[str]] = defaultdict(list)
    features: list[Path] = []
    suite: list[str] = []
    other: list[str] = []
    for path in sorted(set(files)):
        shown = display(path, project)
        module = module_of(path, addons_dirs)
        if module is not None:
            modules[module].append(shown)
        elif path == project:  # the suite is a submodule of the customer's repository: its pointer moved
            suite.append(shown)
        elif not path.is_relative_to(project):
            other.append(shown)
        elif is_suite_code(path.relative_to(project)):
            suite.append(shown)
        elif path.suffix == FEATURE_SUFFIX and path.is_relative_to(project / FEATURES_DIR):
            features.append(path)
        else:
            other.append(shown)
    return ChangeSet(
        revisions,
        {name: tuple(found) for name, found in sorted(modules.items())},
        tuple(features),
        tuple(suite),
        tuple(other),
        tuple(notes),
    )


def find_changes(project: Path, revisions: str, addons_dirs: Sequence[Path]) -> ChangeSet:
    """The changes of a revision range in the project's git repository and in each customisation folder's."""
    project = project.resolve()
    root = git_root(project)
    if root is None:
        raise ImpactError(
            f"the project {project} is not a git repository, so there are no revisions to compare "
            "(run from a git clone of it)."
        )
    repos = [root]
    notes = []
    # The suite as a git submodule of the customer's repository (examples/ci): the range is theirs.
    superproject = superproject_root(root)
    if superproject is not None:
        repos.append(superproject)
    for folder in addons_dirs:
        repo = git_root(folder)
        if repo is None:
            notes.append(f"{folder} is in no git repository: its changes are not looked at")
        elif repo not in repos:
            repos.append(repo)
    files: list[Path] = []
    unresolved: list[ImpactError] = []
    for repo in repos:
        try:
            files.extend(changed_files(repo, revisions))
        except ImpactError as error:
            unresolved.append(error)
            notes.append(f"{revisions} is not in the history of {repo}: its changes are not looked at")
    if len(unresolved) == len(repos):
        raise unresolved[0]
    return classify(files, project, [folder.resolve() for folder in addons_dirs], revisions, notes)


def superproject_root(repo: Path) -> Path | None:
    """The repository this one is a submodule of, None when it is none's."""
    result = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--show-superproject-working-tree"],
        capture_output=True,
        text=True,
        check=False,
    )
    found = result.stdout.strip()
    return Path(found).resolve() if result.returncode == 0 and found else None


def display(path: Path, project: Path) -> str:
    """A path as people read it: relative to the project when inside it."""
    return path.relative_to(project).as_posix() if path.is_relative_to(project) else str(path)


# -- which scenarios --------------------------------------------------------------------------
@dataclass(frozen=True)
class ScenarioInfo:
    """What the selection needs to know of one scenario."""

    key: str  # pytest node id
    name: str
    feature: Path  # absolute
    area: str  # the folder under features/, "" when none
    modules: tuple[str, ...] = ()  # from @requires_module:<module>
    smoke: bool = False


@dataclass(frozen=True)
class Reason:
    """Why a scenario runs: the cause (a module, @smoke, …) and the sentence that explains it."""

    cause: str
    text: str


@dataclass(frozen=True)
class Selection:
    """The scenarios a change can affect, each with why; the others are deselected."""

    changes: ChangeSet
    affected: Mapping[str, str | None]
    scenarios: tuple[ScenarioInfo, ...]
    reasons: Mapping[str, tuple[Reason, ...]]  # scenario key -> reasons; empty: deselected

    @property
    def selected(self) -> list[ScenarioInfo]:
        """Scenarios that run."""
        return [s for s in self.scenarios if self.reasons.get(s.key)]

    @property
    def deselected(self) -> list[ScenarioInfo]:
        """Scenarios the change cannot affect."""
        return [s for s in self.scenarios if not self.reasons.get(s.key)]

    @property
    def everything(self) -> bool:
        """Whether the suite's own code changed, so every scenario runs."""
        return bool(self.changes.suite_code)

    def causes(self) -> dict[str, list[ScenarioInfo]]:
        """Each cause with the scenarios it selects: suite code, feature files, changed modules, dependants, @smoke."""
        order = [
            CAUSE_SUITE,
            CAUSE_FEATURE,
            *(_module_cause(self.affected, name) for name in self.affected),
            CAUSE_SMOKE,
        ]
        grouped: dict[str, list[ScenarioInfo]] = {cause: [] for cause in order}
        for scenario in self.selected:
            for reason in self.reasons[scenario.key]:
                grouped.setdefault(reason.cause, []).append(scenario)
        return {cause: scenarios for cause, scenarios in grouped.items() if scenarios}

    def as_dict(self, project: Path) -> dict[str, Any]:
        """The selection as plain data, for the JSON file the exit report reads."""
        changes = self.changes
        return {
            "schema_version": SCHEMA_VERSION,
            "revisions": changes.revisions,
            "changed_modules": {name: list(files) for name, files in changes.modules.items()},
            "affected_modules": {name: why_affected(self.affected, name) for name in self.affected},
            "changed_features": [display(path, project) for path in changes.features],
            "suite_code_changed": list(changes.suite_code),
            "other_changes": list(changes.other),
            "notes": list(changes.notes),
            "total": len(self.scenarios),
            "deselected": len(self.deselected),
            "selected": [
                {
                    "key": s.key,
                    "name": s.name,
                    "feature": display(s.feature, project),
                    "reasons": [r.text for r in self.reasons[s.key]],
                }
                for s in self.selected
            ],
        }

    def lines(self, project: Path) -> list[str]:
        """What the terminal says: what changed, then cause → scenarios, then the count."""
        changes = self.changes
        modules = (
            ", ".join(
                f"{name} ({len(files)} file{'s' if len(files) != 1 else ''})" for name, files in changes.modules.items()
            )
            or "none"
        )
        out = [f"--changed {changes.revisions}: changed modules: {modules}"]
        dependants_only = [name for name, via in self.affected.items() if via is not None]
        if dependants_only:
            out.append(f"  and the modules depending on them: {_cut(dependants_only)}")
        if changes.suite_code:
            out.append(f"  the suite's own code changed ({_cut(changes.suite_code)}): every scenario runs")
        out.extend(f"  note: {note}" for note in changes.notes)
        if changes.other:
            out.append(f"  changes that select no scenario: {_cut(changes.other)}")
        for cause, scenarios in self.causes().items():
            count = f"{len(scenarios)} scenario{'s' if len(scenarios) != 1 else ''}"
            out.append(f"  {cause} → {count}")
            if cause != CAUSE_SUITE:  # that one is all of them
                out.extend(f"      {scenario_label(s, project)}" for s in scenarios[:SHOWN_NAMES])
                if len(scenarios) > SHOWN_NAMES:
                    out.append(f"      and {len(scenarios) - SHOWN_NAMES} more")
        out.append(
            f"  selected {len(self.selected)}, deselected {len(self.deselected)} of {len(self.scenarios)} scenarios"
        )
        return out


def scenario_label(scenario: ScenarioInfo, project: Path) -> str:
    """ "features/x.feature: Scenario name"."""
    return f"{display(scenario.feature, project)}: {scenario.name}"


def _cut(names: Sequence[str]) -> str:
    shown = ", ".join(names[:SHOWN_NAMES])
    return shown + (f" and {len(names) - SHOWN_NAMES} more" if len(names) > SHOWN_NAMES else "")


def select(
    changes: ChangeSet,
    affected: Mapping[str, str | None],
    scenarios: Iterable[ScenarioInfo],
    area_modules: Mapping[str, Sequence[str]],
) -> Selection:
    """Give each scenario its reasons to run: suite code, @smoke, its feature file, a module it needs."""
    scenarios = tuple(scenarios)
    changed_features = set(changes.features)
    reasons: dict[str, tuple[Reason, ...]] = {}
    for scenario in scenarios:
        found: list[Reason] = []
        if changes.suite_code:
            found.append(Reason(CAUSE_SUITE, f"{CAUSE_SUITE} ({_cut(changes.suite_code)})"))
        if scenario.smoke:
            found.append(Reason(CAUSE_SMOKE, "tagged @smoke: always runs"))
        if scenario.feature in changed_features:
            found.append(Reason(CAUSE_FEATURE, CAUSE_FEATURE))
        for module in scenario.modules:
            if module in affected:
                found.append(
                    Reason(
                        _module_cause(affected, module),
                        f"@requires_module:{module}, which {why_affected(affected, module)}",
                    )
                )
        for module in area_modules.get(scenario.area, ()):
            if module in affected:
                found.append(
                    Reason(
                        _module_cause(affected, module),
                        f"its process area {scenario.area} exercises {module}, which {why_affected(affected, module)}",
                    )
                )
        reasons[scenario.key] = tuple(dict.fromkeys(found))
    return Selection(changes, dict(affected), scenarios, reasons)


def _module_cause(affected: Mapping[str, str | None], module: str) -> str:
    return f"{module} ({why_affected(affected, module)})"
