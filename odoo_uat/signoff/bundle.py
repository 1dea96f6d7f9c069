"""The evidence bundle: every file of a run's reports folder with its SHA-256, in an in-toto Statement.

The manifest (evidence.intoto.json in the bundle folder) is an in-toto Statement v1 whose subjects are the files
and whose predicate is the in-toto test-result predicate (the verdict, the scenarios passed, waived and failed, the
inputs the run was judged on). in-toto is the attestation format of supply-chain tools (SLSA, Sigstore, GitHub's
artifact attestations); any in-toto tool reads the manifest, and `sha256sum` checks a file by hand. The Statement and
its resource descriptors are built and validated with the in-toto project's own bindings (in-toto-attestation).

Approvals (sign-off/) sign the manifest's digest and are not part of the bundle.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import google.protobuf.json_format as pb_json
import in_toto_attestation.v1.statement_pb2 as statement_pb2
from in_toto_attestation.v1.resource_descriptor import ResourceDescriptor
from in_toto_attestation.v1.statement import Statement

MANIFEST = "evidence.intoto.json"
SIGN_OFF_DIR = "sign-off"  # approvals and the sign-off sheet: outside the bundle, they sign it
INPUTS_DIR = "inputs"  # the features, requirements, waivers and settings as run, copied into the bundle
NOT_EVIDENCE = (MANIFEST, SIGN_OFF_DIR)
TEST_RESULT = "https://in-toto.io/attestation/test-result/v0.1"
RESULTS = {"GO": "PASSED", "GO with waivers": "WARNED", "NO-GO": "FAILED"}
EXIT_REPORT_JSON = "exit-report.json"
CHUNK = 1 << 20


class BundleError(Exception):
    """The bundle cannot be made or read; the message says why and what to do."""


@dataclass(frozen=True)
class Check:
    """What verify found: the files added, removed and changed since the manifest was written."""

    manifest: Path
    digest: str  # SHA-256 of the manifest file
    files: int
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]

    @property
    def intact(self) -> bool:
        """Whether every file is as the manifest says."""
        return not (self.added or self.removed or self.changed)

    def lines(self) -> list[str]:
        """What verify prints: one line per file that differs."""
        return (
            [f"  changed: {name}" for name in self.changed]
            + [f"  removed: {name}" for name in self.removed]
            + [f"  added:   {name}" for name in self.added]
        )


def sha256_file(path: Path) -> str:
    """The hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def evidence_files(bundle: Path) -> dict[str, Path]:
    """Every file of the bundle folder by its POSIX path relative to it, the manifest and sign-off/ left out."""
    found = {}
    for path in sorted(bundle.rglob("*")):
        relative = path.relative_to(bundle)
        if relative.parts[0] in NOT_EVIDENCE or not path.is_file() or path.is_symlink():
            continue
        found[relative.as_posix()] = path
    return found


def copy_inputs(bundle: Path, root: Path, inputs: Iterable[Path]) -> list[Path]:
    """Copy what the run was judged on (feature files, requirements, waivers, settings) into <bundle>/inputs/."""
    target = bundle / INPUTS_DIR
    shutil.rmtree(target, ignore_errors=True)
    copied = []
    for source in inputs:
        if not source.exists():
            continue
        destination = target / source.resolve().relative_to(root.resolve())
        if source.is_dir():
            shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
        copied.append(destination)
    return copied


def write_manifest(bundle: Path, now: datetime | None = None) -> Path:
    """Hash every evidence file into the in-toto Statement; returns the manifest's path."""
    files = evidence_files(bundle)
    if not files:
        raise BundleError(f"{bundle} holds no file: run make uat and make report first")
    subjects = [ResourceDescriptor(name=name, digest={"sha256": sha256_file(path)}).pb for name, path in files.items()]
    statement = Statement(subjects, TEST_RESULT, _predicate(bundle, now or datetime.now(UTC)))
    statement.validate()
    path = bundle / MANIFEST
    data = pb_json.MessageToDict(statement.pb, preserving_proto_field_name=False)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def read_manifest(bundle: Path) -> dict[str, str]:
    """The files the manifest lists, name -> sha256; the Statement is validated first."""
    path = bundle / MANIFEST
    try:
        proto = pb_json.Parse(path.read_text(encoding="utf-8"), statement_pb2.Statement())
        Statement.copy_from_pb(proto).validate()
    except FileNotFoundError:
        raise BundleError(
            f"{path} does not exist: make report writes it (or python -m odoo_uat.signoff bundle)"
        ) from None
    except (ValueError, pb_json.ParseError) as error:
        raise BundleError(f"{path} is not a valid in-toto Statement ({error})") from None
    return {s.name: s.digest.get("sha256", "") for s in proto.subject}


def check(bundle: Path) -> Check:
    """Compare the bundle folder with its manifest."""
    listed = read_manifest(bundle)
    present = evidence_files(bundle)
    manifest = bundle / MANIFEST
    return Check(
        manifest=manifest,
        digest=sha256_file(manifest),
        files=len(listed),
        added=tuple(sorted(set(present) - set(listed))),
        removed=tuple(sorted(set(listed) - set(present))),
        changed=tuple(sorted(n for n in set(listed) & set(present) if sha256_file(present[n]) != listed[n])),
    )


def predicate_of(bundle: Path) -> Mapping[str, Any]:
    """The test-result predicate of the manifest (verdict, run id, scenarios)."""
    try:
        return json.loads((bundle / MANIFEST).read_text(encoding="utf-8")).get("predicate", {})
    except (OSError, ValueError):
        return {}


def _predicate(bundle: Path, now: datetime) -> dict[str, Any]:
    """in-toto test-result v0.1: result, configuration, passedTests, warnedTests, failedTests; plus the verdict."""
    report = _json(bundle / EXIT_REPORT_JSON)
    verdict = str(report.get("verdict", ""))
    run_id = str(report.get("run_id", ""))
    record = _json(bundle / "history" / f"{run_id}.json") if run_id else {}
    scenarios: Mapping[str, str] = record.get("scenarios", {})
    waived = {s for w in report.get("waivers", ()) if w.get("state") == "holds" for s in w.get("failing_scenarios", ())}
    passed = sorted(k for k, v in scenarios.items() if v == "passed")
    failing = sorted(k for k, v in scenarios.items() if v in ("failed", "broken"))
    configuration = [
        {"name": name, "digest": {"sha256": sha256_file(bundle / name)}}
        for name in sorted(evidence_files(bundle))
        if name.startswith(INPUTS_DIR + "/") and not name.endswith(".feature")
    ]
    return {
        "result": RESULTS.get(verdict, "FAILED"),
        "configuration": configuration,
        "passedTests": passed,
        "warnedTests": [k for k in failing if k.split(": ", 1)[-1] in waived],
        "failedTests": [k for k in failing if k.split(": ", 1)[-1] not in waived],
        # Beyond the predicate's fields, what a reader of the manifest alone needs:
        "verdict": verdict or "no exit report",
        "runId": run_id,
        "wave": report.get("run", {}).get("wave"),
        "gitCommit": report.get("run", {}).get("git_commit"),
        "odooVersion": report.get("run", {}).get("odoo_version"),
        "bundledAt": now.isoformat(timespec="seconds"),
    }


def _json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
