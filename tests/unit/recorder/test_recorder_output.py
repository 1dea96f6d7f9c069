"""The recorder's output: the feature file's text, the listener's events, the --script and file name options."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from odoo_uat.recorder.__main__ import default_out, feature_name
from odoo_uat.recorder.events import Event
from odoo_uat.recorder.scenario import Comment, Step
from odoo_uat.recorder.script import ScriptError, load_script
from odoo_uat.recorder.session import BINDING, LISTENER
from odoo_uat.recorder.writer import feature_text


def test_the_feature_file_has_and_for_a_repeated_keyword_aligned_tables_and_comments_as_hash_lines():
    text = feature_text(
        "Quote",
        "Recorded.",
        "Quote, as recorded",
        [
            Step("given", "the following customers exist:", (("Name",), ("Acme Retail",), ("B|C",))),
            Step("given", 'I am logged in as a "Sales coordinator"'),
            Step("when", 'I click "New"'),
            Comment('went back to "Quotations"'),
            Step("when", 'I click "Confirm"'),
            Step("then", 'the status is "Sales Order"'),
        ],
    )
    assert text == (
        "Feature: Quote\n"
        "  Recorded.\n"
        "\n"
        "  Scenario: Quote, as recorded\n"
        "    Given the following customers exist:\n"
        "      | Name        |\n"
        "      | Acme Retail |\n"
        "      | B\\|C        |\n"
        '    And I am logged in as a "Sales coordinator"\n'
        '    When I click "New"\n'
        '    # went back to "Quotations"\n'
        '    And I click "Confirm"\n'
        '    Then the status is "Sales Order"\n'
    )


def test_an_event_from_the_listener_keeps_known_keys_and_an_unknown_kind_becomes_other():
    event = Event.from_raw({"kind": "field", "field": "partner_id", "value": 3, "extra": "x"})
    assert event == Event(kind="field", field="partner_id", value="3")
    assert Event.from_raw({"kind": "teleport"}).kind == "other"


def test_the_listener_calls_the_binding_the_session_exposes():
    assert f'"{BINDING}"' in LISTENER.read_text(encoding="utf-8")


def test_file_and_feature_names():
    assert default_out(Path("/p"), "Sales coordinator", datetime(2026, 1, 2, 3, 4, 5)) == Path(
        "/p/features/recorded/sales-coordinator-20260102-030405.feature"
    )
    assert feature_name(Path("quote_to_confirm.feature")) == "Quote to confirm"


def test_a_script_is_a_function_of_a_module_or_of_a_file(tmp_path):
    script = tmp_path / "drive.py"
    script.write_text("def session(page):\n    return page\n")
    assert load_script(f"{script}:session")("page") == "page"
    assert load_script("odoo_uat.recorder.writer:cell")("a|b") == "a\\|b"
    for wrong in ("no_colon", f"{script}:missing", "no.such.module:f", f"{tmp_path}/absent.py:f"):
        with pytest.raises(ScriptError, match="--script"):
            load_script(wrong)
