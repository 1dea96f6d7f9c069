"""Sign-off: the in-toto bundle and verify, SSH approvals voided by any change, freshness, the PDF."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from odoo_uat.report.proofs import PASSED, Proof
from odoo_uat.report.requirements import Requirement
from odoo_uat.signoff import approvals, bundle
from odoo_uat.signoff.cli import main
from odoo_uat.signoff.freshness import FreshnessError, StaleCheck, load_manual_checks
from odoo_uat.signoff.settings import SignOffSettingsError, load_signoff_settings

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen is not installed")


def keygen(folder: Path, name: str) -> Path:
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    return key


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with a run's reports, two approvers and their keys."""
    keys = tmp_path / "keys"
    keys.mkdir()
    lines = []
    for name in ("alice", "bob", "mallory"):
        public = keygen(keys, name).with_suffix(".pub").read_text().split()
        if name != "mallory":
            lines.append(f'{name}@example.com namespaces="odoo-uat-sign-off" {public[0]} {public[1]}')
    (keys / "allowed_signers").write_text("\n".join(lines) + "\n")
    (tmp_path / "pyproject.toml").write_text(
        """[tool.odoo-uat.sign-off]
allowed_signers = "keys/allowed_signers"
required_roles = ["Business owner", "Quality manager"]
[[tool.odoo-uat.sign-off.approvers]]
email = "alice@example.com"
name = "Alice Martin"
roles = ["Business owner"]
[[tool.odoo-uat.sign-off.approvers]]
email = "bob@example.com"
name = "Bob Keller"
roles = ["Quality manager"]
"""
    )
    reports = tmp_path / "reports"
    (reports / "allure-results").mkdir(parents=True)
    (reports / "allure-results" / "a-attachment.png").write_bytes(b"\x89PNG screenshot")
    (reports / "exit-report.json").write_text(json.dumps({"verdict": "GO", "run_id": "run-1", "run": {"wave": "1"}}))
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "count.feature").write_text("Feature: Count\n")
    return tmp_path


def run(project: Path, *args: str) -> int:
    return main(["--pyproject", str(project / "pyproject.toml"), *args])


def sign(project: Path, who: str, role: str) -> int:
    key = str(project / "keys" / who)
    return run(project, "sign", "--key", key, "--role", role, "--meaning", "Approved for go-live of wave 1")


def test_the_manifest_is_an_in_toto_statement_with_the_test_result_predicate(project: Path) -> None:
    assert run(project, "bundle") == 0
    data = json.loads((project / "reports" / bundle.MANIFEST).read_text())
    assert data["_type"] == "https://in-toto.io/Statement/v1"
    assert data["predicateType"] == "https://in-toto.io/attestation/test-result/v0.1"
    assert data["predicate"]["result"] == "PASSED"
    names = {s["name"]: s["digest"]["sha256"] for s in data["subject"]}
    png = project / "reports" / "allure-results" / "a-attachment.png"
    assert names["allure-results/a-attachment.png"] == bundle.sha256_file(png)
    assert "inputs/features/count.feature" in names  # the feature files as run
    assert "inputs/pyproject.toml" in {c["name"] for c in data["predicate"]["configuration"]}


def test_verify_names_every_file_added_removed_or_changed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(project, "bundle")
    assert run(project, "verify") == 0
    reports = project / "reports"
    (reports / "allure-results" / "a-attachment.png").write_bytes(b"another picture")
    (reports / "exit-report.json").unlink()
    (reports / "extra.txt").write_text("slipped in")
    capsys.readouterr()
    assert run(project, "verify") == 1
    out = capsys.readouterr().out
    assert "changed: allure-results/a-attachment.png" in out
    assert "removed: exit-report.json" in out
    assert "added:   extra.txt" in out


def test_two_approvals_sign_off_and_any_change_voids_them(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(project, "bundle")
    assert sign(project, "alice", "Business owner") == 0
    assert "awaited: Quality manager" in capsys.readouterr().out
    assert sign(project, "bob", "Quality manager") == 0
    assert "every required role has signed" in capsys.readouterr().out
    sheet = (project / "reports" / "sign-off" / "sign-off.html").read_text()
    assert "Alice Martin" in sheet and "Bob Keller" in sheet
    status = (project / "reports" / "sign-off" / "status.html").read_text()  # framed by the exit report
    assert "every required role has signed" in status and "Awaited: no role" in status
    (project / "reports" / "allure-results" / "a-attachment.png").write_bytes(b"retouched")
    assert run(project, "verify") == 1
    out = capsys.readouterr().out
    assert out.count("VOID") >= 2 and "changed: allure-results/a-attachment.png" in out
    assert "VOID" in (project / "reports" / "sign-off" / "sign-off.md").read_text()
    assert "VOID" in (project / "reports" / "sign-off" / "status.html").read_text()


def test_a_rewritten_manifest_voids_the_signatures_too(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(project, "bundle")
    sign(project, "alice", "Business owner")
    (project / "reports" / "allure-results" / "a-attachment.png").write_bytes(b"retouched")
    bundle.write_manifest(project / "reports")  # whoever retouched it also re-hashed
    capsys.readouterr()
    assert run(project, "verify") == 0  # the files match the new manifest ...
    assert "signed another version of the evidence" in capsys.readouterr().out  # ... but no signature covers it


def test_only_approvers_in_their_roles_can_sign(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(project, "bundle")
    assert sign(project, "alice", "Quality manager") == 2
    assert "may approve as Business owner, not as" in capsys.readouterr().err
    assert sign(project, "mallory", "Business owner") == 2
    assert "is not in" in capsys.readouterr().err


def test_a_forged_approval_does_not_verify(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(project, "bundle")
    sign(project, "alice", "Business owner")
    approval = next((project / "reports" / "sign-off").glob("*.json"))
    approval.write_text(approval.read_text().replace("Business owner", "Quality manager"))
    capsys.readouterr()
    assert run(project, "verify") == 1
    assert approvals.BAD_SIGNATURE.upper() in capsys.readouterr().out


def test_settings_errors_name_the_key(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.odoo-uat.sign-off]\napprover = []\n")
    with pytest.raises(SignOffSettingsError, match="unknown key.*approver"):
        load_signoff_settings(tmp_path / "pyproject.toml")


def test_manual_checks_are_read_and_bad_lines_named(tmp_path: Path) -> None:
    path = tmp_path / "manual.csv"
    path.write_text("requirement,result,evidence,checked_by,checked_on\nRET-001,passed,https://wiki,Carla,2026-12-02\n")
    assert load_manual_checks(path)["RET-001"].by == "Carla"
    path.write_text("requirement,result,checked_by,checked_on\nRET-001,ok,Carla,2026-12-02\n")
    with pytest.raises(FreshnessError, match=r"manual.csv:2: result is 'ok'"):
        load_manual_checks(path)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@e", *args], capture_output=True, text=True
    )
    return done.stdout.strip()


def test_a_change_to_a_module_of_the_area_makes_the_proof_stale(tmp_path: Path) -> None:
    addons = tmp_path / "addons" / "stock_count_rules"
    addons.mkdir(parents=True)
    (addons / "__manifest__.py").write_text("{'name': 'x', 'depends': ['stock']}")
    (addons / "rules.py").write_text("TOLERANCE = 0\n")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.odoo-uat.process-area-modules]\ninventory_control = ["stock_count_rules"]\n'
        "[tool.odoo-uat.sign-off]\nmax_proof_age_days = 30\n"
    )
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "first")
    commit = git(tmp_path, "rev-parse", "--short=12", "HEAD")
    settings = load_signoff_settings(tmp_path / "pyproject.toml")
    today = datetime.now(UTC).date()
    check = StaleCheck(settings, [tmp_path / "addons"], today)
    proof = Proof("automated", PASSED, today.isoformat(), run_id="run-1", commit=commit)
    requirement = Requirement("INV-001", process_area="inventory_control")
    assert check.reason(proof, requirement) == ""
    (addons / "rules.py").write_text("TOLERANCE = 1\n")
    git(tmp_path, "commit", "-qam", "change the count rules")
    stale = StaleCheck(settings, [tmp_path / "addons"], today).reason(proof, requirement)
    assert stale == f"stock_count_rules changed since commit {commit}"
    assert StaleCheck(settings, [], today).reason(proof, Requirement("P2S-001", process_area="procure")) == ""
    old = Proof("manual", PASSED, "2020-01-01", by="Carla")
    assert "more than max_proof_age_days = 30" in check.reason(old, requirement)


def test_the_exit_report_prints_to_pdf(tmp_path: Path) -> None:
    from odoo_uat.signoff.pdf import render_pdf
    from odoo_uat.web.browser import playwright_has_chromium, system_chromium

    if not (playwright_has_chromium() or system_chromium()):
        pytest.skip("no Chromium (make browser)")
    html = tmp_path / "exit-report.html"
    html.write_text("<html><body><h1>UAT exit: GO</h1></body></html>")
    pdf = render_pdf(html, tmp_path / "exit-report.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
