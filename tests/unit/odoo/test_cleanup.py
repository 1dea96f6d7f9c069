"""The cleanup's pure parts: markers, which runs have ended, what to do per model and state, the report; the
refusal of the embedded mode and of a database that is not neutralised."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import odoorpc
import pytest

from odoo_uat.odoo.cleanup import (
    Action,
    Cleaner,
    Decision,
    Outcome,
    Report,
    Scope,
    Selection,
    cleaning_order,
    decide,
    in_use,
    main,
    markers_by_model,
    newest_by_run,
    odoo_message,
    parse_args,
    scope_of,
    select_runs,
    selection_lines,
    server_target,
)
from odoo_uat.odoo.run_id import RUN_MODULE, marker_name, marker_values, parse_marker
from odoo_uat.odoo.safety import OVERRIDE_OPTION, OVERRIDE_VARIABLE
from odoo_uat.odoo.target import OdooTarget
from odoo_uat.settings import SettingsError
from tests.unit.fake_odoo import FakeModel, FakeOdoo

ROOT = Path(__file__).resolve().parents[3]


def test_a_marker_names_the_run_the_model_and_the_record():
    assert marker_name("k3x9ab", "res.partner", 42) == "k3x9ab_res_partner_42"
    [row] = marker_values("k3x9ab", "res.partner", [42])
    assert row == {
        "module": RUN_MODULE,
        "name": "k3x9ab_res_partner_42",
        "model": "res.partner",
        "res_id": 42,
        "noupdate": True,
    }
    marker = parse_marker("k3x9ab_res_partner_42", "res.partner", 42)
    assert marker is not None and (marker.run_id, marker.model, marker.res_id) == ("k3x9ab", "res.partner", 42)


@pytest.mark.parametrize(
    "name, model, res_id",
    [
        ("k3x9ab_res_partner_42", "res.partner", 43),  # points elsewhere than it says
        ("k3x9ab_res_partner_42", "product.product", 42),  # another model
        ("somebody else's", "res.partner", 42),  # not a name we write
    ],
)
def test_a_row_that_is_not_exactly_one_of_our_markers_is_ignored(name, model, res_id):
    assert parse_marker(name, model, res_id) is None


def test_markers_group_by_model_and_filter_by_run():
    rows = [
        {"name": marker_name(run, model, rid), "model": model, "res_id": rid}
        for run, model, rid in [
            ("aaaa11", "res.partner", 1),
            ("bbbb22", "res.partner", 2),
            ("aaaa11", "product.product", 7),
            ("aaaa11", "res.partner", 1),
        ]
    ]
    assert markers_by_model(rows) == {"res.partner": [1, 2], "product.product": [7]}
    assert markers_by_model(rows, "aaaa11") == {"res.partner": [1], "product.product": [7]}


def test_documents_are_cleaned_before_the_masters_they_use():
    order = cleaning_order(["res.users", "res.partner", "sale.order", "x.custom", "account.move", "stock.warehouse"])
    assert order == ["account.move", "sale.order", "res.partner", "stock.warehouse", "res.users", "x.custom"]


@pytest.mark.parametrize(
    "model, row, action",
    [
        ("sale.order", {"state": "draft"}, Action.DELETE),
        ("sale.order", {"state": "sent"}, Action.DELETE),
        ("sale.order", {"state": "sale", "locked": True}, Action.CANCEL),
        ("sale.order", {"state": "cancel"}, Action.NOTHING),
        ("purchase.order", {"state": "draft"}, Action.DELETE),
        ("purchase.order", {"state": "purchase"}, Action.CANCEL),
        ("purchase.order", {"state": "done"}, Action.CANCEL),
        ("stock.picking", {"state": "draft"}, Action.DELETE),
        ("stock.picking", {"state": "assigned"}, Action.CANCEL),
        ("stock.picking", {"state": "done"}, Action.LEAVE),
        ("account.move", {"state": "draft", "name": "/"}, Action.DELETE),
        ("account.move", {"state": "draft", "name": "INV/2026/00003"}, Action.CANCEL),
        (
            "account.move",
            {"state": "posted", "name": "INV/2026/00003", "inalterable_hash": False},
            Action.RESET_AND_CANCEL,
        ),
        ("account.move", {"state": "posted", "name": "INV/2026/00003", "inalterable_hash": "$1$ab"}, Action.REVERSE),
        ("account.move", {"state": "posted", "payment_state": "reversed"}, Action.NOTHING),
        ("res.partner", {"active": True}, Action.ARCHIVE),
        ("res.partner", {"active": False}, Action.NOTHING),
        ("res.users", {"active": True}, Action.DEACTIVATE),
        ("product.category", {"name": "Chilled"}, Action.LEAVE),
        ("sale.order", {"state": "weird"}, Action.LEAVE),
    ],
)
def test_what_is_done_per_model_and_state(model, row, action):
    assert decide(model, row).action is action


def test_what_is_left_says_why():
    assert "stock moves are history" in decide("stock.picking", {"state": "done"}).why
    assert "cannot be archived" in decide("product.category", {"name": "x"}).why


def test_the_report_counts_per_model_and_names_each_failure_with_odoos_message():
    report = Report(
        [
            Outcome("sale.order", 5, "S00005", Action.CANCEL),
            Outcome("sale.order", 6, "S00006", Action.CANCEL, error="You cannot cancel a locked order."),
            Outcome("stock.picking", 9, "WH/OUT/00009", Action.LEAVE, "done: its stock moves are history"),
        ]
    )
    lines = report.lines()
    assert lines[0] == "sale.order: 1 cancelled, 1 FAILED"
    assert lines[1] == ("  FAILED S00006 (sale.order 6): cancel refused by Odoo: You cannot cancel a locked order.")
    assert lines[2] == "stock.picking: 1 left"
    assert lines[3] == "  left WH/OUT/00009 (stock.picking 9): done: its stock moves are history"
    assert len(report.failed) == 1


def test_a_dry_run_report_says_would_be():
    assert Report([Outcome("res.partner", 1, "Acme", Action.ARCHIVE)]).lines(dry_run=True) == [
        "res.partner: 1 would be archived"
    ]


def test_an_empty_report_says_where_it_looked():
    assert RUN_MODULE in Report().lines()[0]


def test_odoos_message_is_taken_from_the_rpc_error():
    error = odoorpc.error.RPCError(
        "Odoo Server Error",
        {
            "code": 200,
            "message": "Odoo Server Error",
            "data": {"message": "Only draft journal entries can be cancelled.", "name": "UserError"},
        },
    )
    assert odoo_message(error) == "Only draft journal entries can be cancelled."


def test_a_posted_invoice_whose_reset_is_refused_is_reversed(fake_odoo: FakeOdoo):
    fake_odoo.refuse("account.move", "button_draft", "You cannot modify a posted entry of this journal.")
    done = Cleaner(fake_odoo).apply("account.move", {"id": 3, "state": "posted"}, Action.RESET_AND_CANCEL)
    assert done is Action.REVERSE
    [wizard] = fake_odoo.rows["account.move.reversal"]
    assert wizard["move_ids"] == [(6, 0, [3])]
    assert fake_odoo.called("account.move.reversal", "refund_moves") == [([wizard["id"]],)]
    assert fake_odoo.called("account.move", "button_cancel") == []


def test_a_locked_order_is_unlocked_then_cancelled(fake_odoo: FakeOdoo):
    Cleaner(fake_odoo).apply("sale.order", {"id": 4, "state": "sale", "locked": True}, Action.CANCEL)
    assert [call.method for call in fake_odoo.calls] == ["action_unlock", "action_cancel"]


def test_a_refusal_becomes_a_failed_outcome_naming_the_record(fake_odoo: FakeOdoo):
    fake_odoo.rows["sale.order"] = [{"id": 4, "display_name": "S00004", "state": "sale"}]
    fake_odoo.refuse("sale.order", "action_cancel", "Nope.")
    cleaner = Cleaner(fake_odoo)
    cleaner.clean_model("sale.order", [4])
    [outcome] = cleaner.report.outcomes
    assert (outcome.label, outcome.error) == ("S00004", "Nope.")


def test_a_dry_run_changes_nothing(fake_odoo: FakeOdoo):
    partner = {"id": 1, "display_name": "Acme", "active": True}
    fake_odoo.rows["res.partner"] = [dict(partner)]
    cleaner = Cleaner(fake_odoo, dry_run=True)
    cleaner.clean_model("res.partner", [1])
    assert {call.method for call in fake_odoo.calls} <= {"fields_get", "search", "read"}
    assert fake_odoo.rows["res.partner"] == [partner] and cleaner.report.outcomes[0].action is Action.ARCHIVE


def test_the_embedded_mode_is_refused(tmp_path: Path):
    with pytest.raises(SettingsError, match="existing server.*throwaway"):
        server_target(tmp_path, {"ODOO_SRC": str(tmp_path)})


def test_no_server_configured_exits_2_with_the_settings_named(monkeypatch, capsys):
    for name in ("ODOO_URL", "ODOO_SRC", "ODOO_DB", "ODOO_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("odoo_uat.odoo.cleanup.server_target", lambda: server_target(Path("/nonexistent"), {}))
    assert main([]) == 2
    assert "ODOO_URL" in capsys.readouterr().err


def test_a_run_id_of_the_wrong_shape_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["--run", "Robert'); DROP"])
    assert "not a run id" in capsys.readouterr().err


def test_decision_defaults_to_no_reason():
    assert Decision(Action.ARCHIVE).why == ""


# Only runs that have ended: a run whose newest marker is younger than --older-than is taken to be in progress.

NOW = datetime(2026, 5, 2, 12, 0, tzinfo=UTC)


def marker_row(run: str, model: str, res_id: int, hours_ago: float | None) -> dict:
    """An ir.model.data row of ours, written hours_ago before NOW (as Odoo's RPC gives create_date)."""
    written = (NOW - timedelta(hours=hours_ago)).strftime("%Y-%m-%d %H:%M:%S") if hours_ago is not None else False
    return {"name": marker_name(run, model, res_id), "model": model, "res_id": res_id, "create_date": written}


def test_a_runs_age_is_that_of_its_newest_marker():
    rows = [marker_row("old111", "res.partner", 1, 50), marker_row("old111", "res.users", 2, 30)]
    rows += [marker_row("new222", "res.partner", 3, 30), marker_row("new222", "res.partner", 4, 0.2)]
    assert newest_by_run(rows) == {"old111": NOW - timedelta(hours=30), "new222": NOW - timedelta(hours=0.2)}


def test_by_default_only_runs_older_than_the_setting_are_cleaned_and_the_others_kept_saying_why():
    newest = {"old111": NOW - timedelta(hours=30), "new222": NOW - timedelta(minutes=12), "what33": None}
    selection = select_runs(newest, Scope(), NOW)
    assert selection.cleaned == {"old111"}
    assert selection.in_progress == {
        "new222": "newest record 12 min old",
        "what33": "its markers do not say when they were written",
    }
    assert select_runs(newest, Scope(older_than=timedelta(minutes=10)), NOW).cleaned == {"old111", "new222"}


def test_a_named_run_is_cleaned_even_in_progress_and_the_other_runs_in_progress_are_kept():
    newest = {"old111": NOW - timedelta(hours=30), "new222": NOW - timedelta(minutes=12), "mine33": NOW}
    selection = select_runs(newest, Scope(run_id="mine33"), NOW)
    assert selection.cleaned == {"mine33"} and set(selection.in_progress) == {"new222"}
    assert select_runs(newest, Scope(run_id="gone44"), NOW).cleaned == frozenset()


def test_all_cleans_every_run_and_keeps_none():
    newest = {"old111": NOW - timedelta(hours=30), "new222": NOW}
    assert select_runs(newest, Scope(everything=True), NOW) == Selection(frozenset({"old111", "new222"}), {})


def test_a_record_a_run_in_progress_shares_is_spared_naming_that_run():
    rows = [marker_row("old111", "res.users", 7, 30), marker_row("new222", "res.users", 7, 0.1)]
    spared = in_use(rows, select_runs(newest_by_run(rows), Scope(), NOW))
    assert list(spared) == ["res.users"]
    assert spared["res.users"][7].startswith("in use by run new222, taken to be in progress (newest record 6 min old)")


def test_the_cleanup_leaves_a_run_in_progress_and_the_role_user_it_shares(fake_odoo: FakeOdoo):
    """The records of a run still going on another runner, and the role user it shares with an ended run."""
    fake_odoo.rows["ir.model.data"] = [
        {"id": index, "module": RUN_MODULE, **row}
        for index, row in enumerate(
            [
                marker_row("old111", "res.partner", 1, 30),
                marker_row("old111", "res.users", 7, 30),
                marker_row("new222", "res.partner", 2, 0.1),
                marker_row("new222", "res.users", 7, 0.1),
            ],
            start=1,
        )
    ]
    fake_odoo.rows["res.partner"] = [
        {"id": 1, "display_name": "Acme old111-1", "active": True},
        {"id": 2, "display_name": "Acme new222-1", "active": True},
    ]
    fake_odoo.rows["res.users"] = [{"id": 7, "display_name": "uat-sales-coordinator", "active": True}]
    cleaner = Cleaner(fake_odoo)
    cleaner.made_from = lambda marked: marked  # the fake Odoo cannot search through order lines
    report = cleaner.run(Scope(), now=NOW)
    assert [row["active"] for row in fake_odoo.rows["res.partner"]] == [False, True]
    assert fake_odoo.rows["res.users"][0]["active"] is True
    [user] = [outcome for outcome in report.outcomes if outcome.model == "res.users"]
    assert user.action is Action.LEAVE and "in use by run new222" in user.why
    assert selection_lines(cleaner.selection, Scope()) == [
        "runs taken: old111",
        "  kept, in progress: run new222 (newest record 6 min old); RUN=new222 cleans it once it has ended",
    ]


@pytest.mark.parametrize(
    ("argv", "scope"),
    [
        ([], Scope()),
        (["--older-than", "2"], Scope(older_than=timedelta(hours=2))),
        (["--run", "k3x9ab"], Scope(run_id="k3x9ab")),
        (["--all"], Scope(everything=True)),
    ],
)
def test_the_command_line_gives_the_scope(argv, scope):
    assert scope_of(parse_args(argv)) == scope


@pytest.mark.parametrize("argv", [["--run", "k3x9ab", "--all"], ["--older-than", "0"], ["--older-than", "-3"]])
def test_a_scope_that_contradicts_itself_or_has_no_age_is_refused(argv, capsys):
    with pytest.raises(SystemExit):
        parse_args(argv)
    assert "--older-than" in capsys.readouterr().err or "--all" in argv


def test_make_clean_server_passes_the_scope_through():
    def arguments(*assignments: str) -> str:
        # Run from `make test`, the child make would inherit MAKEFLAGS and print "Entering directory" lines.
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
        done = subprocess.run(
            ["make", "-n", "clean-server", *assignments], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        command = next(line for line in done.stdout.splitlines() if "odoo_uat.odoo.cleanup" in line)
        return " ".join(command.split("odoo_uat.odoo.cleanup", 1)[1].split())

    assert arguments() == "--older-than 24"
    assert arguments("RUN=k3x9ab") == "--run k3x9ab --older-than 24"
    assert arguments("ALL=1", "CLEAN_OLDER_THAN=6", "DRY_RUN=1") == "--all --older-than 6 --dry-run"


class Parameters(FakeModel):
    """ir.config_parameter: neutralised or not, as the rows say."""

    def get_param(self, key: str, default=False):
        return next((row["value"] for row in self.rows if row["key"] == key), default)


def test_a_database_that_is_not_neutralised_is_refused_before_anything_is_cleaned(fake_odoo, monkeypatch, capsys):
    fake_odoo.models["ir.config_parameter"] = Parameters
    fake_odoo.rows["ir.model.data"] = [{"id": 1, "module": RUN_MODULE, **marker_row("old111", "res.partner", 1, 30)}]
    fake_odoo.rows["res.partner"] = [{"id": 1, "display_name": "Acme", "active": True}]
    target = OdooTarget("https://prod.example.com", "prod", "admin", "secret")
    monkeypatch.setattr("odoo_uat.odoo.cleanup.server_target", lambda: target)
    monkeypatch.setattr("odoo_uat.odoo.cleanup.connect", lambda target: fake_odoo)
    monkeypatch.delenv(OVERRIDE_VARIABLE, raising=False)
    assert main(["--all"]) == 2
    assert "Refusing to run against database 'prod' at https://prod.example.com" in capsys.readouterr().err
    assert [call.method for call in fake_odoo.calls] == ["get_param"]
    assert main(["--all", OVERRIDE_OPTION]) == 0  # the loud override
    assert fake_odoo.rows["res.partner"][0]["active"] is False
