"""`python -m odoo_uat.odoo.cleanup [--run RUN_ID | --all] [--older-than HOURS] [--dry-run]`: archive or delete
what earlier runs left on an existing server.

Only what the suite created is touched: the records marked by an ir.model.data row of module
odoo_uat_run (odoo_uat.odoo.run_id), and the sale orders, purchase orders, transfers and invoices made
from them (their partner or one of their products is a marked one). Documents are cancelled or,
as drafts, deleted; posted invoices are reset and cancelled, or reversed where the journal forbids
it; masters (partners, products, warehouses, locations, putaway rules) are archived; role users are
deactivated.

Only runs that have ended, by default: a run whose newest marker is younger than --older-than hours
(24) is taken to be in progress, on this machine or another, and neither it nor a record it shares
with an ended run (a role user) is touched. --run cleans one run, --all every run, in progress or not.
It prints what it did and what it left, per model, and exits 1 when something could not be cleaned
(the record and Odoo's message are named), 2 when the settings do not name an existing server or its
database is not neutralised (odoo_uat.odoo.safety.guard_writes). See docs/cleanup.md.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

import odoorpc

from odoo_uat.odoo.rpc import OdooConnectionError, connect
from odoo_uat.odoo.run_id import RUN_MODULE, Marker, is_run_id, parse_marker
from odoo_uat.odoo.safety import (
    DATABASE_SAFETY,
    LiveDatabaseError,
    add_override_option,
    guard_writes,
    override_requested,
)
from odoo_uat.odoo.target import OdooTarget
from odoo_uat.settings import SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[2]
FAILED = 1
USAGE = 2

SALE, PURCHASE, PICKING, MOVE = "sale.order", "purchase.order", "stock.picking", "account.move"
PARTNER, PRODUCT, TEMPLATE, USER = "res.partner", "product.product", "product.template", "res.users"
QUANT, REVERSAL = "stock.quant", "account.move.reversal"
# Documents first (an order cannot be cancelled while its invoice is posted), then the masters they use.
DOCUMENTS = (MOVE, PICKING, SALE, PURCHASE)
MASTERS_ORDER = ("stock.putaway.rule", PRODUCT, PARTNER, "stock.location", "stock.warehouse", "product.category", USER)
INVOICE_TYPES = ("out_invoice", "out_refund", "in_invoice", "in_refund")
# Per document model: the domain that finds those made from the seeded partners and products.
MADE_FROM: dict[str, Callable[[list[int], list[int]], list]] = {
    SALE: lambda partners, products: ["|", ("partner_id", "in", partners), ("order_line.product_id", "in", products)],
    PURCHASE: lambda partners, products: [
        "|",
        ("partner_id", "in", partners),
        ("order_line.product_id", "in", products),
    ],
    PICKING: lambda partners, products: ["|", ("partner_id", "in", partners), ("move_ids.product_id", "in", products)],
    MOVE: lambda partners, products: [
        ("move_type", "in", list(INVOICE_TYPES)),
        "|",
        ("partner_id", "in", partners),
        ("invoice_line_ids.product_id", "in", products),
    ],
}
FIELDS = ("display_name", "state", "active", "locked", "name", "inalterable_hash", "payment_state", "move_type")
DEFAULT_OLDER_THAN = timedelta(hours=24)  # a run whose newest marker is younger is taken to be in progress
ODOO_DATETIME = "%Y-%m-%d %H:%M:%S"  # how Odoo's RPC gives a Datetime field (UTC)


class Action(Enum):
    """What the cleanup does to one record."""

    NOTHING = "already clean"
    DELETE = "deleted"
    CANCEL = "cancelled"
    RESET_AND_CANCEL = "reset to draft and cancelled"
    REVERSE = "reversed"
    ARCHIVE = "archived"
    DEACTIVATE = "deactivated"
    EMPTY = "set to 0 by an inventory adjustment"
    LEAVE = "left"


@dataclass(frozen=True)
class Decision:
    action: Action
    why: str = ""


def decide_by_state(row: Mapping[str, Any], decisions: Mapping[tuple[str, ...], Decision]) -> Decision:
    """The decision listed for the record's state; an unknown state is left, and said."""
    state = row.get("state")
    return next(
        (decision for states, decision in decisions.items() if state in states),
        Decision(Action.LEAVE, f"unknown state {state!r}"),
    )


SALE_ORDER_DECISIONS = {
    ("cancel",): Decision(Action.NOTHING, "cancelled"),
    ("draft", "sent"): Decision(Action.DELETE, "a quotation"),
    ("sale", "done"): Decision(Action.CANCEL, "a confirmed order"),
}
PURCHASE_ORDER_DECISIONS = {
    ("cancel",): Decision(Action.NOTHING, "cancelled"),
    ("draft", "sent", "to approve"): Decision(Action.DELETE, "a request for quotation"),
    ("purchase", "done"): Decision(Action.CANCEL, "a confirmed order; receipts already done stay as stock history"),
}


def decide_sale_order(row: Mapping[str, Any]) -> Decision:
    """Quotations are deleted, confirmed orders cancelled (unlocked first)."""
    return decide_by_state(row, SALE_ORDER_DECISIONS)


def decide_purchase_order(row: Mapping[str, Any]) -> Decision:
    """Requests for quotation are cancelled and deleted, confirmed orders cancelled (unlocked first)."""
    return decide_by_state(row, PURCHASE_ORDER_DECISIONS)


def decide_picking(row: Mapping[str, Any]) -> Decision:
    """Draft transfers are deleted, open ones cancelled; done ones are stock history and stay."""
    state = row.get("state")
    if state == "cancel":
        return Decision(Action.NOTHING, "cancelled")
    if state == "done":
        return Decision(Action.LEAVE, "done: its stock moves are history (its products are archived)")
    if state == "draft":
        return Decision(Action.DELETE, "a draft")
    return Decision(Action.CANCEL, f"open ({state})")


def decide_invoice(row: Mapping[str, Any]) -> Decision:
    """Unnumbered drafts are deleted; numbered drafts cancelled; posted ones reset and cancelled, or reversed."""
    state = row.get("state")
    if state == "cancel":
        return Decision(Action.NOTHING, "cancelled")
    if row.get("payment_state") == "reversed":
        return Decision(Action.NOTHING, "reversed")
    if state == "draft":
        if row.get("name") in (False, None, "", "/"):
            return Decision(Action.DELETE, "an unnumbered draft")
        return Decision(Action.CANCEL, "a numbered draft (deleting it would leave a gap in the sequence)")
    if state == "posted":
        if row.get("inalterable_hash"):
            return Decision(Action.REVERSE, "posted in a journal that locks its entries (hashed)")
        return Decision(Action.RESET_AND_CANCEL, "posted")
    return Decision(Action.LEAVE, f"unknown state {state!r}")


def decide_master(model: str, row: Mapping[str, Any]) -> Decision:
    """Masters are archived (users deactivated); a model without archiving is left, saying so."""
    if "active" not in row:
        return Decision(Action.LEAVE, f"{model} cannot be archived in Odoo, and its records may still be in use")
    if not row["active"]:
        return Decision(Action.NOTHING, "already inactive")
    return Decision(Action.DEACTIVATE if model == USER else Action.ARCHIVE)


DECIDE: dict[str, Callable[[Mapping[str, Any]], Decision]] = {
    SALE: decide_sale_order,
    PURCHASE: decide_purchase_order,
    PICKING: decide_picking,
    MOVE: decide_invoice,
}


def decide(model: str, row: Mapping[str, Any]) -> Decision:
    """What to do with one record of model, read as row."""
    if model in DECIDE:
        return DECIDE[model](row)
    return decide_master(model, row)


def markers_by_model(
    rows: Iterable[Mapping[str, Any]], runs: str | Iterable[str] | None = None
) -> dict[str, list[int]]:
    """Model -> ids of the records our ir.model.data rows mark (of these runs only, when given: one id or several)."""
    wanted = None if runs is None else {runs} if isinstance(runs, str) else set(runs)
    found: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        marker: Marker | None = parse_marker(row["name"], row["model"], row["res_id"])
        if marker and (wanted is None or marker.run_id in wanted) and marker.res_id not in found[marker.model]:
            found[marker.model].append(marker.res_id)
    return dict(found)


def odoo_datetime(value: Any) -> datetime | None:
    """A Datetime as Odoo's RPC gives it ("2026-05-01 12:00:00", UTC), None when absent or unreadable."""
    try:
        return datetime.strptime(str(value), ODOO_DATETIME).replace(tzinfo=UTC) if value else None
    except ValueError:
        return None


def newest_by_run(rows: Iterable[Mapping[str, Any]]) -> dict[str, datetime | None]:
    """Run id -> when its newest marker was written (None when no marker of it says when)."""
    newest: dict[str, datetime | None] = {}
    for row in rows:
        marker = parse_marker(row["name"], row["model"], row["res_id"])
        if marker is None:
            continue
        written = odoo_datetime(row.get("create_date"))
        known = newest.get(marker.run_id)
        newest[marker.run_id] = written if known is None else max(known, written or known)
    return newest


def age(seconds: float) -> str:
    """A duration as people read it: "12 min", "3.5 h", "2 days"."""
    if seconds < 3600:
        return f"{max(seconds, 0) / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h".replace(".0 h", " h")
    return f"{seconds / 86400:.0f} days"


@dataclass(frozen=True)
class Scope:
    """Which runs a cleanup takes: one run (run_id), every run (everything), or by default those that ended."""

    run_id: str | None = None
    everything: bool = False
    older_than: timedelta = DEFAULT_OLDER_THAN

    def describe(self) -> str:
        if self.everything:
            return "every run, those in progress included (ALL=1)"
        if self.run_id:
            return f"run {self.run_id}"
        return f"the runs that ended: newest record older than {age(self.older_than.total_seconds())}"


@dataclass(frozen=True)
class Selection:
    """The runs a cleanup cleans, and the runs in progress it keeps (with why), whose records it never touches."""

    cleaned: frozenset[str]
    in_progress: Mapping[str, str]


def select_runs(newest: Mapping[str, datetime | None], scope: Scope, now: datetime) -> Selection:
    """Which runs to clean and which to keep: a run whose newest marker is younger than scope.older_than (or
    of no known age) is taken to be in progress. By default only the others are cleaned; with a run id, that
    run, the others in progress still kept; with everything, every run, none kept."""
    in_progress: dict[str, str] = {}
    for run, written in sorted(newest.items()):
        if written is None:
            in_progress[run] = "its markers do not say when they were written"
        elif now - written < scope.older_than:
            in_progress[run] = f"newest record {age((now - written).total_seconds())} old"
    if scope.everything:
        return Selection(frozenset(newest), {})
    if scope.run_id:
        cleaned = frozenset({scope.run_id} & set(newest))
        return Selection(cleaned, {run: why for run, why in in_progress.items() if run != scope.run_id})
    return Selection(frozenset(set(newest) - set(in_progress)), in_progress)


def in_use(rows: Iterable[Mapping[str, Any]], selection: Selection) -> dict[str, dict[int, str]]:
    """Model -> id -> why, for the records a run in progress marked: never cleaned, even when an ended run marked
    them too (a role user every run uses)."""
    found: dict[str, dict[int, str]] = defaultdict(dict)
    for row in rows:
        marker = parse_marker(row["name"], row["model"], row["res_id"])
        if marker and marker.run_id in selection.in_progress:
            found[marker.model].setdefault(
                marker.res_id,
                f"in use by run {marker.run_id}, taken to be in progress ({selection.in_progress[marker.run_id]}); "
                f"RUN={marker.run_id} or ALL=1 cleans it",
            )
    return dict(found)


def cleaning_order(models: Iterable[str]) -> list[str]:
    """Documents first, then the masters in MASTERS_ORDER, then any other marked model."""
    known = [*DOCUMENTS, *MASTERS_ORDER]
    return [model for model in known if model in models] + sorted(set(models) - set(known))


@dataclass
class Outcome:
    """One record's fate."""

    model: str
    record_id: int
    label: str
    action: Action
    why: str = ""
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


@dataclass
class Report:
    """What the cleanup did and left, per model."""

    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.failed]

    def lines(self, dry_run: bool = False) -> list[str]:
        """The per-model summary, then each record left or failed with why."""
        lines: list[str] = []
        by_model: dict[str, list[Outcome]] = defaultdict(list)
        for outcome in self.outcomes:
            by_model[outcome.model].append(outcome)
        for model, outcomes in by_model.items():
            counts: dict[str, int] = defaultdict(int)
            for outcome in outcomes:
                counts["FAILED" if outcome.failed else outcome.action.value] += 1
            verb = "would be " if dry_run else ""
            lines.append(
                f"{model}: "
                + ", ".join(
                    f"{count} {'' if what in ('FAILED', Action.NOTHING.value, Action.LEAVE.value) else verb}{what}"
                    for what, count in counts.items()
                )
            )
            for outcome in outcomes:
                if outcome.failed:
                    lines.append(
                        f"  FAILED {outcome.label} ({model} {outcome.record_id}): "
                        f"{outcome.action.name.lower().replace('_', ' ')} refused by Odoo: {outcome.error}"
                    )
                elif outcome.action is Action.LEAVE:
                    lines.append(f"  left {outcome.label} ({model} {outcome.record_id}): {outcome.why}")
        if not lines:
            lines.append(
                f"Nothing to clean: no record of these runs carries a marker of ours (ir.model.data module {RUN_MODULE})."
            )
        return lines


def odoo_message(error: Exception) -> str:
    """Odoo's own message of an RPC error (not the traceback)."""
    info = getattr(error, "info", None)
    if isinstance(info, dict):
        data = info.get("data") or {}
        message = data.get("message") or info.get("message")
        if message:
            return str(message).strip()
    return str(error).strip()


class Cleaner:
    """Finds what runs left on one server and cleans it."""

    def __init__(self, odoo: Any, dry_run: bool = False) -> None:
        self.odoo = odoo
        self.dry_run = dry_run
        self.report = Report()
        self.selection = Selection(frozenset(), {})

    def marker_rows(self) -> list[dict[str, Any]]:
        """Our ir.model.data rows, with when each was written."""
        return self.odoo.env["ir.model.data"].search_read(
            [("module", "=", RUN_MODULE)], ["name", "model", "res_id", "create_date"]
        )

    def made_from(self, marked: dict[str, list[int]]) -> dict[str, list[int]]:
        """Marked records plus the documents made from the marked partners and products."""
        partners, products = marked.get(PARTNER, []), marked.get(PRODUCT, [])
        found = {model: list(ids) for model, ids in marked.items()}
        for model, domain in MADE_FROM.items():
            if (partners or products) and model in self.odoo.env:
                ids = self.odoo.env[model].with_context(active_test=False).search(domain(partners, products))
                found[model] = list(dict.fromkeys([*found.get(model, []), *ids]))
        return {model: ids for model, ids in found.items() if ids}

    def run(self, scope: Scope = Scope(), now: datetime | None = None) -> Report:
        """Clean what the runs of scope left, documents first; what a run in progress uses is left, saying so."""
        rows = self.marker_rows()
        self.selection = select_runs(newest_by_run(rows), scope, now or datetime.now(UTC))
        spared = in_use(rows, self.selection)
        targets = self.made_from(markers_by_model(rows, self.selection.cleaned))
        for model in cleaning_order(targets):
            if model == PRODUCT:  # Odoo refuses to archive a location holding stock: empty ours first
                self.empty_stock([record for record in targets[PRODUCT] if record not in spared.get(PRODUCT, {})])
            self.clean_model(model, targets[model], spared.get(model, {}))
        return self.report

    def empty_stock(self, products: list[int]) -> None:
        """Set the seeded products' stock in internal locations to 0, as an inventory adjustment would."""
        quants = self.odoo.env[QUANT].with_context(inventory_mode=True)
        ids = quants.search(
            [("product_id", "in", products), ("location_id.usage", "=", "internal"), ("quantity", "!=", 0)]
        )
        if not ids:
            return
        rows = quants.read(ids, ["display_name", "location_id"])
        outcomes = [
            Outcome(QUANT, row["id"], f"{row['display_name']} in {row['location_id'][1]}", Action.EMPTY) for row in rows
        ]
        if not self.dry_run:
            try:
                self.call(
                    QUANT, "write", ids, {"inventory_quantity": 0, "inventory_quantity_set": True}, inventory_mode=True
                )
                self.call(QUANT, "action_apply_inventory", ids, inventory_mode=True)
            except odoorpc.error.RPCError as error:
                for outcome in outcomes:
                    outcome.error = odoo_message(error)
        self.report.outcomes.extend(outcomes)

    def read(self, model: str, ids: list[int]) -> list[dict[str, Any]]:
        """The rows of ids that still exist, with the fields the decisions look at."""
        if model not in self.odoo.env:
            return []
        records = self.odoo.env[model].with_context(active_test=False)
        known = set(records.fields_get(list(FIELDS)))
        existing = records.search([("id", "in", ids)])
        return records.read(existing, [name for name in FIELDS if name in known]) if existing else []

    def clean_model(self, model: str, ids: list[int], spared: Mapping[int, str] | None = None) -> None:
        """Clean these records of model; those in spared (id -> why) are left, saying why."""
        for row in self.read(model, ids):
            decision = decide(model, row)
            if spared and row["id"] in spared:
                decision = Decision(Action.LEAVE, spared[row["id"]])
            label = str(row.get("display_name") or row.get("name") or row["id"])
            outcome = Outcome(model, row["id"], label, decision.action, decision.why)
            if not self.dry_run and decision.action not in (Action.NOTHING, Action.LEAVE):
                try:
                    outcome.action = self.apply(model, row, decision.action)
                except odoorpc.error.RPCError as error:
                    outcome.error = odoo_message(error)
            self.report.outcomes.append(outcome)

    def call(self, model: str, method: str, ids: list[int], *args: Any, **context: Any) -> Any:
        """Call a method on records by id (odoorpc's browse would first read every field, and some of
        account.move's cannot be serialised by Odoo 19's JSON-RPC)."""
        return self.odoo.execute_kw(model, method, [ids, *args], {"context": {"active_test": False, **context}})

    def apply(self, model: str, row: Mapping[str, Any], action: Action) -> Action:
        """Do one decision; returns what was done in the end (a reversal when the reset was refused)."""
        ids = [row["id"]]
        if action in (Action.ARCHIVE, Action.DEACTIVATE):
            self.call(model, "write", ids, {"active": False})
            if model == PRODUCT:  # the template too, or it stays on sale with its variant hidden
                template = self.call(model, "read", ids, ["product_tmpl_id"])[0]["product_tmpl_id"][0]
                self.call(TEMPLATE, "write", [template], {"active": False})
        elif model == SALE:
            if row.get("locked") or row.get("state") == "done":
                self.call(model, "action_unlock", ids)
            # Without this context 18.0 answers a confirmed order's cancel with a wizard that emails the customer.
            self.call(model, "action_cancel", ids, disable_cancel_warning=True)
            if action is Action.DELETE:
                self.call(model, "unlink", ids)
        elif model == PURCHASE:
            if row.get("locked") or row.get("state") == "done":
                self.call(model, "button_unlock", ids)
            self.call(model, "button_cancel", ids)
            if action is Action.DELETE:
                self.call(model, "unlink", ids)
        elif model == PICKING:
            self.call(model, "unlink" if action is Action.DELETE else "action_cancel", ids)
        elif model == MOVE:
            return self.clean_invoice(row, action)
        return action

    def clean_invoice(self, row: Mapping[str, Any], action: Action) -> Action:
        """Delete, cancel, or reset and cancel; reverse when Odoo refuses to reset a posted invoice."""
        ids = [row["id"]]
        if action is Action.DELETE:
            self.call(MOVE, "unlink", ids)
        elif action is Action.CANCEL:
            self.call(MOVE, "button_cancel", ids)
        elif action is Action.RESET_AND_CANCEL:
            try:
                self.call(MOVE, "button_draft", ids)
            except odoorpc.error.RPCError:
                return self.reverse(row)
            self.call(MOVE, "button_cancel", ids)
        elif action is Action.REVERSE:
            return self.reverse(row)
        return action

    def reverse(self, row: Mapping[str, Any]) -> Action:
        """A credit note (or refund) that cancels a posted invoice out, through Odoo's reversal wizard."""
        context = {"active_model": MOVE, "active_ids": [row["id"]], "active_id": row["id"]}
        wizard = self.odoo.execute_kw(
            REVERSAL,
            "create",
            [{"move_ids": [(6, 0, [row["id"]])], "reason": "odoo-uat cleanup: test data of an earlier run"}],
            {"context": context},
        )
        self.call(REVERSAL, "refund_moves", [wizard], **context)
        return Action.REVERSE


def server_target(root: Path = ROOT, environ: Mapping[str, str] | None = None) -> OdooTarget:
    """The existing server of the settings; SettingsError when they name none (or the embedded mode)."""
    settings = load_settings(root, environ=environ)
    if settings.mode != "server":
        raise SettingsError(
            "The cleanup works on an existing server: set ODOO_URL, ODOO_DB and ODOO_PASSWORD (and ODOO_LOGIN "
            "when not 'admin'). The embedded mode's databases are throwaway clones, made afresh on every run: "
            "there is nothing to clean there."
        )
    settings.check()
    assert settings.url and settings.db and settings.password
    return OdooTarget(url=settings.url, db=settings.db, login=settings.login, password=settings.password)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m odoo_uat.odoo.cleanup",
        description="Archive or delete what earlier odoo-uat runs left on the existing server of the settings "
        "(ODOO_URL, ODOO_DB, ODOO_PASSWORD); never anything the suite did not create, and by default nothing "
        "of a run still in progress.",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--run",
        metavar="RUN_ID",
        help="only what this run left, ended or not (its id is in the run's environment.properties and the "
        "pytest header); default: the runs that ended (see --older-than)",
    )
    which.add_argument(
        "--all",
        action="store_true",
        help="what every run left, runs still in progress included (they then fail for reasons that are not "
        "Odoo's): only when no run uses the server",
    )
    parser.add_argument(
        "--older-than",
        metavar="HOURS",
        type=float,
        default=DEFAULT_OLDER_THAN.total_seconds() / 3600,
        help="a run whose newest record is younger is taken to be in progress, and neither it nor a record it "
        "shares (a role user) is touched; default %(default)g",
    )
    parser.add_argument("--dry-run", action="store_true", help="say what would be done, change nothing")
    add_override_option(parser.add_argument, "clean-up archives and cancels in it")
    args = parser.parse_args(argv)
    if args.run is not None and not is_run_id(args.run):
        parser.error(f"--run {args.run!r} is not a run id: 4 to 16 lower-case letters and digits, e.g. k3x9ab.")
    if not args.older_than > 0:
        parser.error(
            f"--older-than {args.older_than:g} is not a number of hours above 0 (make: CLEAN_OLDER_THAN=24); "
            "--all (make: ALL=1) cleans every run, in progress or not."
        )
    return args


def scope_of(args: argparse.Namespace) -> Scope:
    """The runs the command line asks for."""
    return Scope(run_id=args.run, everything=args.all, older_than=timedelta(hours=args.older_than))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        target = server_target()
        odoo = connect(target)
        if not args.dry_run:  # a dry run writes nothing
            override = override_requested(args.odoo_allow_live_database)
            print(f"{DATABASE_SAFETY}: {guard_writes(odoo, target, override)}")
    except (SettingsError, OdooConnectionError, LiveDatabaseError) as error:
        print(f"odoo-uat cleanup: {error}", file=sys.stderr)
        return USAGE
    scope = scope_of(args)
    print(
        f"odoo-uat cleanup of {scope.describe()} on {target.url}, database {target.db}"
        f"{' (dry run: nothing is changed)' if args.dry_run else ''}"
    )
    if scope.everything:
        print(
            "odoo-uat cleanup: ALL=1 takes every run's records, runs in progress included: "
            "a run using this server now fails for reasons that are not Odoo's.",
            file=sys.stderr,
        )
    cleaner = Cleaner(odoo, dry_run=args.dry_run)
    report = cleaner.run(scope)
    for line in selection_lines(cleaner.selection, scope):
        print(line)
    for line in report.lines(args.dry_run):
        print(line)
    if report.failed:
        print(f"{len(report.failed)} record(s) could not be cleaned: see FAILED above.", file=sys.stderr)
        return FAILED
    return 0


def selection_lines(selection: Selection, scope: Scope) -> list[str]:
    """Which runs are cleaned, and each run kept as in progress with why and how to clean it anyway."""
    lines = [f"runs taken: {', '.join(sorted(selection.cleaned)) or 'none'}"]
    if scope.run_id and scope.run_id not in selection.cleaned:
        lines.append(f"  no record carries a marker of run {scope.run_id}")
    lines += [
        f"  kept, in progress: run {run} ({why}); RUN={run} cleans it once it has ended"
        for run, why in selection.in_progress.items()
    ]
    return lines


if __name__ == "__main__":
    sys.exit(main())
