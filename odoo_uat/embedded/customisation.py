"""The customisation under test: the customer's own addons folders, what of them to install, what that needs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement

from odoo_uat.addons import (
    MANIFEST,
    ManifestError,
    OdooModule,
    find_modules,
    module_hash,
)
from odoo_uat.embedded.errors import EmbeddedError
from odoo_uat.embedded.requirements import select_requirements

REQUIREMENTS_FILE = "requirements.txt"


def dependency_closure(found: Mapping[str, OdooModule], roots: Iterable[str]) -> list[str]:
    """The customisation's modules among roots and their dependencies (transitively), sorted."""
    closure: set[str] = set()
    pending = [name for name in roots if name in found]
    while pending:
        name = pending.pop()
        if name not in closure:
            closure.add(name)
            pending.extend(dependency for dependency in found[name].depends if dependency in found)
    return sorted(closure)


@dataclass(frozen=True)
class Customisation:
    """The customer's own modules under test: their folders, what to install, and what that brings."""

    folders: tuple[Path, ...] = ()
    install: tuple[str, ...] = ()  # module names asked for (all installable ones when none were)
    modules: Mapping[str, OdooModule] = field(default_factory=dict, compare=False)  # installed with them

    @classmethod
    def from_folders(cls, folders: Sequence[Path], install: Sequence[str] = ()) -> Customisation:
        """What the folders hold and which of their modules get installed (install, or every installable one)."""
        try:
            found = find_modules(folders)
        except ManifestError as error:
            raise EmbeddedError(str(error)) from None
        roots = tuple(install) or tuple(sorted(name for name, module in found.items() if module.installable))
        if folders and not roots:
            raise EmbeddedError(
                f"ODOO_ADDONS_PATH (addons_paths) names {', '.join(map(str, folders))}, but no installable Odoo "
                "module is in them: each module is a sub-folder holding a __manifest__.py."
            )
        not_installable = [name for name in install if name in found and not found[name].installable]
        if not_installable:
            raise EmbeddedError(
                f"ODOO_INSTALL (install) names {', '.join(not_installable)}, whose manifest says 'installable': False."
            )
        closure = dependency_closure(found, roots)
        return cls(tuple(folders), roots, {name: found[name] for name in closure})

    def standard_modules(self) -> tuple[str, ...]:
        """The modules asked for that are not the customisation's own (they key the template like `modules`)."""
        return tuple(name for name in self.install if name not in self.modules)

    def hashes(self) -> dict[str, str]:
        """Each installed customisation module's content digest, by name."""
        return {name: module_hash(module.path) for name, module in sorted(self.modules.items())}

    def requirements(self) -> list[str]:
        """The Python distributions it needs: the modules' external_dependencies, each folder's requirements.txt."""
        wanted: list[str] = []
        for module in self.modules.values():
            for dependency in module.python_dependencies:
                try:
                    wanted.append(str(Requirement(dependency)))
                except InvalidRequirement as error:
                    raise EmbeddedError(
                        f"external_dependencies of {module.path / MANIFEST} names {dependency!r}, "
                        f"which pip cannot read ({error})."
                    ) from None
        for folder in self.folders:
            requirements = Path(folder) / REQUIREMENTS_FILE
            if requirements.is_file():
                wanted.extend(select_requirements(requirements.read_text(), source=str(requirements)))
        return sorted(set(wanted))
