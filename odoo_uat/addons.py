"""Odoo modules on disk: manifests, the modules of addons folders, a digest of a module's files."""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = "__manifest__.py"
NOT_CONTENT = {"__pycache__", ".git", ".pytest_cache"}  # byte code and tool data: not the module's code
NOT_CONTENT_SUFFIXES = (".pyc", ".pyo")


class ManifestError(Exception):
    """A __manifest__.py that is not a Python dict literal; the message names the file."""


def read_manifest(path: Path) -> dict[str, Any]:
    """A module's __manifest__.py, a Python dict literal, as Odoo reads it."""
    try:
        manifest = ast.literal_eval(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, SyntaxError, UnicodeDecodeError) as error:
        raise ManifestError(
            f"Cannot read the manifest {path}: {error}. It must be a Python dict literal, as Odoo reads it."
        ) from None
    if not isinstance(manifest, dict):
        raise ManifestError(f"The manifest {path} is not a dict literal.")
    return manifest


@dataclass(frozen=True)
class OdooModule:
    """One Odoo module: its folder and its manifest."""

    name: str
    path: Path
    manifest: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def installable(self) -> bool:
        return bool(self.manifest.get("installable", True))

    @property
    def depends(self) -> tuple[str, ...]:
        return tuple(str(name) for name in self.manifest.get("depends", ()))

    @property
    def python_dependencies(self) -> tuple[str, ...]:
        """external_dependencies['python'] of the manifest: distributions pip must install."""
        return tuple((self.manifest.get("external_dependencies") or {}).get("python", ()))


def find_modules(folders: Iterable[Path], strict: bool = True) -> dict[str, OdooModule]:
    """The modules (sub-folders with a manifest) of the addons folders by name; the first folder wins, as in Odoo.

    strict: a manifest that cannot be read raises ManifestError (the customer's own modules);
    otherwise it counts as an empty manifest (scanning a whole Odoo tree for dependencies).
    """
    found: dict[str, OdooModule] = {}
    for folder in folders:
        if not Path(folder).is_dir():
            continue
        for manifest_path in sorted(Path(folder).glob(f"*/{MANIFEST}")):
            name = manifest_path.parent.name
            if name in found:
                continue
            try:
                manifest = read_manifest(manifest_path)
            except ManifestError:
                if strict:
                    raise
                manifest = {}
            found[name] = OdooModule(name, manifest_path.parent, manifest)
    return found


def module_hash(path: Path) -> str:
    """A digest of a module's files (names and bytes): it changes whenever the module's code does."""
    digest = hashlib.sha256()
    for file in sorted(p for p in Path(path).rglob("*") if p.is_file()):
        relative = file.relative_to(path)
        if NOT_CONTENT.intersection(relative.parts) or file.suffix in NOT_CONTENT_SUFFIXES:
            continue
        digest.update(relative.as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
