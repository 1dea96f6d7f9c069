"""python -m odoo_uat.signoff freshness | pdf | bundle | verify | sign: what make report, make verify and
make sign-off run (docs/sign-off.md)."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from odoo_uat.report.config import ConfigError, load_criteria
from odoo_uat.report.requirements import RequirementsError, load_requirements
from odoo_uat.settings import load_settings
from odoo_uat.signoff import approvals as approving
from odoo_uat.signoff import bundle as bundling
from odoo_uat.signoff.freshness import FreshnessError, write_freshness
from odoo_uat.signoff.pdf import PdfError, render_pdf
from odoo_uat.signoff.settings import SignOffSettings, SignOffSettingsError, load_signoff_settings
from odoo_uat.signoff.sheet import status_line, write_sheet

EXIT_FAILED, EXIT_USAGE = 1, 2
ERRORS = (
    ConfigError,
    RequirementsError,
    SignOffSettingsError,
    FreshnessError,
    PdfError,
    bundling.BundleError,
    approving.ApprovalError,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one sub-command; errors are one line naming the file and the fix."""
    args = _parser().parse_args(argv)
    try:
        settings = load_signoff_settings(args.pyproject)
        if args.bundle:
            settings = SignOffSettings(**{**settings.__dict__, "bundle": args.bundle.resolve()})
        return args.run(args, settings)
    except ERRORS as error:
        print(f"odoo-uat {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE


def freshness(args: argparse.Namespace, settings: SignOffSettings) -> int:
    """Write <bundle>/freshness.json from the history and the manual checks."""
    criteria = load_criteria(args.pyproject)
    requirements = load_requirements(criteria.requirements) if criteria.requirements else []
    odoo = load_settings(settings.root)
    addons = list(odoo.addons_paths)
    if odoo.src is not None:
        addons += [odoo.src / "addons", odoo.src / "odoo" / "addons"]
    path = write_freshness(settings, requirements, settings.bundle / "history", addons)
    print(f"Requirement freshness: {path}")
    return 0


def pdf(args: argparse.Namespace, settings: SignOffSettings) -> int:
    """Print <bundle>/exit-report.html to exit-report.pdf."""
    html = settings.bundle / "exit-report.html"
    if not html.is_file():
        raise bundling.BundleError(f"{html} does not exist: run make report first")
    print(f"Exit report as PDF: {render_pdf(html, html.with_suffix('.pdf'))}")
    return 0


def bundle(args: argparse.Namespace, settings: SignOffSettings) -> int:
    """Copy the inputs into the bundle and write its manifest; approvals of an earlier bundle are set aside."""
    criteria = load_criteria(args.pyproject)
    root = settings.root
    inputs = [root / "features", args.pyproject.resolve(), root / "roles.toml"]
    inputs += [p for p in (criteria.requirements, criteria.waivers, settings.manual_checks) if p is not None]
    bundling.copy_inputs(settings.bundle, root, [p for p in inputs if p.is_relative_to(root)])
    _set_aside_approvals(settings.bundle)
    manifest = bundling.write_manifest(settings.bundle)
    check = bundling.check(settings.bundle)
    predicate = bundling.predicate_of(settings.bundle)
    write_sheet(settings.bundle, predicate, check, [], settings.roles_for(predicate.get("wave")))
    print(f"Evidence bundle: {manifest} ({check.files} files, sha256 {check.digest})")
    return 0


def verify(args: argparse.Namespace, settings: SignOffSettings) -> int:
    """Name every file added, removed or changed since the bundle was made; check every approval."""
    check = bundling.check(settings.bundle)
    predicate = bundling.predicate_of(settings.bundle)
    found = approving.approvals(settings, check)
    waiting = approving.awaited(settings, predicate.get("wave"), found)
    if check.intact:
        print(f"Evidence intact: {check.files} files as {check.manifest} lists them (sha256 {check.digest})")
    else:
        differ = len(check.added) + len(check.removed) + len(check.changed)
        print(f"Evidence CHANGED since it was bundled: {differ} file(s) differ from {check.manifest}")
        print("\n".join(check.lines()))
    for a in found:
        data = a.data
        print(
            f"  {a.state.upper():<13} {data.get('name', '?')} <{data.get('signer', '?')}> as {a.role}: "
            f'"{data.get("meaning", "")}" at {data.get("time", "?")}' + (f" ({a.why})" if a.why else "")
        )
    print(f"Sign-off: {status_line(check, found, waiting)}")
    sheet = write_sheet(settings.bundle, predicate, check, found, waiting)
    print(f"  {sheet[0]}")
    bad = [a for a in found if a.state in (approving.BAD_SIGNATURE, approving.NOT_ALLOWED)]
    return EXIT_FAILED if not check.intact or bad else 0


def sign(args: argparse.Namespace, settings: SignOffSettings) -> int:
    """Record an approval of the bundle with the signer's SSH key."""
    check = bundling.check(settings.bundle)
    if not check.intact:
        print("\n".join(check.lines()), file=sys.stderr)
    path = approving.sign(settings, check, args.key.expanduser(), args.role, args.meaning, args.comment or "", None)
    print(f"Approval recorded: {path} (signature {path.name}.sig)")
    return verify(args, settings)


def _set_aside_approvals(bundle: Path) -> None:
    """Approvals of an earlier bundle go to sign-off/superseded/<time>/: kept, never counted again."""
    folder = bundle / bundling.SIGN_OFF_DIR
    old = sorted(folder.glob("*.json*"))
    if not old:
        return
    target = folder / "superseded" / old[0].name.split("-")[0]
    target.mkdir(parents=True, exist_ok=True)
    for path in old:
        shutil.move(str(path), target / path.name)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m odoo_uat.signoff", description=__doc__)
    parser.add_argument("--pyproject", type=Path, default=Path("pyproject.toml"), help="the settings (%(default)s)")
    parser.add_argument(
        "--bundle", type=Path, default=None, help="the bundle folder (default: bundle setting, reports)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, run, text in (
        ("freshness", freshness, "write freshness.json: each requirement's last proof, fresh or stale"),
        ("pdf", pdf, "print exit-report.html to exit-report.pdf with Chromium"),
        ("bundle", bundle, "copy the inputs and write the in-toto manifest of the bundle"),
        ("verify", verify, "name every file changed since the bundle was made; check the approvals"),
        ("sign", sign, "record an approval signed with your SSH key"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.set_defaults(run=run)
        if name == "sign":
            sub.add_argument("--key", type=Path, required=True, help="your private SSH key (its .pub beside it)")
            sub.add_argument("--role", required=True, help="the role you approve in, as the settings name it")
            sub.add_argument("--meaning", required=True, help='what you approve, e.g. "Approved for go-live of wave 1"')
            sub.add_argument("--comment", default="", help="anything the committee should read with it")
    return parser
