"""Approvals: a person, in a role, signs what they approve (the bundle's digest) with their SSH key.

The signatures are SSH signatures as git makes them (`ssh-keygen -Y sign`, namespace odoo-uat-sign-off) and are
checked against an allowed signers file in git's format (`principal [namespaces="..."] keytype key`): the keys
people already sign commits with. Each approval is <bundle>/sign-off/<time>-<principal>.json (what was approved)
with its signature beside it (.json.sig).
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from odoo_uat.signoff.bundle import MANIFEST, SIGN_OFF_DIR, Check
from odoo_uat.signoff.settings import SignOffSettings

NAMESPACE = "odoo-uat-sign-off"
APPROVAL_TYPE = "odoo-uat/approval/v1"
VALID, VOID, BAD_SIGNATURE, NOT_ALLOWED = "valid", "void", "bad signature", "not allowed"
KEY_TYPE = re.compile(r"^(ssh-|ecdsa-|sk-)")


class ApprovalError(Exception):
    """An approval cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class Approval:
    """A recorded approval and what checking it found."""

    path: Path
    data: dict[str, Any]
    state: str  # VALID, VOID, BAD_SIGNATURE, NOT_ALLOWED
    why: str = ""

    @property
    def role(self) -> str:
        """The role the person signed in."""
        return str(self.data.get("role", ""))


def signer_of(key: Path, allowed_signers: Path) -> str:
    """The principal (e-mail) the allowed signers file gives to this private key's public half."""
    public = _public_key(key)
    for line in allowed_signers.read_text(encoding="utf-8").splitlines():
        principals, key_type, key_data = _entry(line)
        if principals and public[:2] == (key_type, key_data):
            return principals.split(",")[0]
    raise ApprovalError(
        f"The key {key} is not in {allowed_signers}: add its public key there "
        f'("you@example.com namespaces="{NAMESPACE}" {public[0]} {public[1]}"), and yourself to approvers'
    )


def sign(
    settings: SignOffSettings, check: Check, key: Path, role: str, meaning: str, comment: str, now: datetime | None
) -> Path:
    """Record an approval of the bundle check describes; refuses a bundle that changed, or a role not held."""
    allowed = _allowed_signers(settings)
    if not check.intact:
        raise ApprovalError("The evidence changed since it was bundled (make verify names the files): nothing signed")
    email = signer_of(key, allowed)
    approver = settings.approver(email)
    if approver is None:
        raise ApprovalError(f"{email} is not among the approvers of [tool.odoo-uat.sign-off]: nothing signed")
    if role not in approver.roles:
        raise ApprovalError(f'{approver.name} may approve as {", ".join(approver.roles)}, not as "{role}"')
    if not meaning.strip():
        raise ApprovalError('Say what the approval means, e.g. MEANING="Approved for go-live of wave 1"')
    now = now or datetime.now(UTC)
    data = {
        "_type": APPROVAL_TYPE,
        "bundle": MANIFEST,
        "bundle_sha256": check.digest,
        "signer": email,
        "name": approver.name,
        "role": role,
        "meaning": meaning.strip(),
        "comment": comment.strip(),
        "time": now.isoformat(timespec="seconds"),
    }
    folder = check.manifest.parent / SIGN_OFF_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{now.strftime('%Y%m%dT%H%M%SZ')}-{re.sub(r'[^A-Za-z0-9.@-]', '-', email)}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    done = _ssh_keygen(["-Y", "sign", "-f", str(key), "-n", NAMESPACE, str(path)])
    if done.returncode != 0:
        path.unlink(missing_ok=True)
        raise ApprovalError(f"ssh-keygen could not sign with {key}: {done.stderr.strip()}")
    return path


def approvals(settings: SignOffSettings, check: Check | None) -> list[Approval]:
    """Every approval of the bundle, checked: signature, approver and role, and the evidence it signed."""
    folder = (check.manifest.parent if check else settings.bundle) / SIGN_OFF_DIR
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            found.append(Approval(path, {}, BAD_SIGNATURE, f"unreadable ({error})"))
            continue
        if not isinstance(data, dict) or data.get("_type") != APPROVAL_TYPE:
            continue
        found.append(_checked(settings, check, path, data))
    return found


def awaited(settings: SignOffSettings, wave: str | None, found: Sequence[Approval]) -> list[str]:
    """The roles the wave needs that no valid approval covers yet."""
    signed = {a.role for a in found if a.state == VALID}
    return [r for r in settings.roles_for(wave) if r not in signed]


def _checked(settings: SignOffSettings, check: Check | None, path: Path, data: dict[str, Any]) -> Approval:
    email, role = str(data.get("signer", "")), str(data.get("role", ""))
    signature = path.with_name(path.name + ".sig")
    if settings.allowed_signers is None or not settings.allowed_signers.is_file() or not signature.is_file():
        return Approval(path, data, BAD_SIGNATURE, "no signature, or no allowed signers file to check it against")
    with path.open("rb") as payload:
        done = _ssh_keygen(
            ["-Y", "verify", "-f", str(settings.allowed_signers), "-I", email, "-n", NAMESPACE, "-s", str(signature)],
            stdin=payload,
        )
    if done.returncode != 0:
        return Approval(path, data, BAD_SIGNATURE, f"the signature does not verify for {email}")
    approver = settings.approver(email)
    if approver is None or role not in approver.roles:
        return Approval(path, data, NOT_ALLOWED, f"{email} is not an approver in the role {role}")
    if check is None or data.get("bundle_sha256") != check.digest:
        return Approval(path, data, VOID, "signed another version of the evidence (the manifest changed)")
    if not check.intact:
        return Approval(path, data, VOID, "the evidence changed after it was signed")
    return Approval(path, data, VALID)


def _allowed_signers(settings: SignOffSettings) -> Path:
    if settings.allowed_signers is None or not settings.allowed_signers.is_file():
        raise ApprovalError(
            "No allowed signers file: set allowed_signers in [tool.odoo-uat.sign-off] to a file in git's format "
            "(one line per approver: e-mail, then their public SSH key)"
        )
    return settings.allowed_signers


def _public_key(key: Path) -> tuple[str, str, str]:
    pub = key.with_name(key.name + ".pub")
    if key.name.endswith(".pub"):
        pub = key
    if pub.is_file():
        text = pub.read_text(encoding="utf-8")
    else:
        done = _ssh_keygen(["-y", "-f", str(key)])
        if done.returncode != 0:
            raise ApprovalError(f"Cannot read the SSH key {key}: {done.stderr.strip()}")
        text = done.stdout
    parts = text.split()
    if len(parts) < 2:
        raise ApprovalError(f"{pub} is not an SSH public key")
    return parts[0], parts[1], " ".join(parts[2:])


def _entry(line: str) -> tuple[str, str, str]:
    """(principals, key type, key) of an allowed signers line; empty for comments and blank lines."""
    fields = line.strip().split()
    if not fields or fields[0].startswith("#"):
        return "", "", ""
    rest = fields[1:]
    if rest and not KEY_TYPE.match(rest[0]):
        rest = rest[1:]  # options such as namespaces="..."
    return (fields[0], rest[0], rest[1]) if len(rest) >= 2 else ("", "", "")


def _ssh_keygen(args: list[str], stdin: Any = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["ssh-keygen", *args], stdin=stdin, capture_output=True, text=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise ApprovalError("ssh-keygen is not installed (apt-get install openssh-client)") from None
