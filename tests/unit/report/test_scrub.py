"""Masking secrets in traces, logs and texts (odoo_uat/report/scrub.py), on small Playwright-shaped samples, and the
end-of-run sweep of what a run wrote (JUnit, Allure results and attachments, traces)."""

from __future__ import annotations

import html
import json
import zipfile
from pathlib import Path
from urllib.parse import quote

from odoo_uat.report.scrub import (
    MASK,
    MASKED_ZIP_COMMENT,
    REMOVED,
    escaped_forms,
    files_under,
    leaks,
    scrub_json,
    scrub_member,
    scrub_text,
    scrub_trace_zip,
    sweep,
)

SESSION = "sHjqTrb87CD1GvS7R4y3U0hRryIjTUKo70PqjERKgvv5AH-IKNqzgEZ1u--m5wJrXiYB66DljBqFlg3qA1Yf"
PASSWORD = "0f3c9a1b2d4e5f60718293a4b5c6d7e8"


def network_event(cookie: str = SESSION) -> dict:
    """One trace.network line as Playwright 1.5x writes it (HAR-like request and response)."""
    return {
        "type": "resource-snapshot",
        "snapshot": {
            "request": {
                "method": "POST",
                "url": "http://127.0.0.1:8069/web/dataset/call_kw/sale.order/web_save",
                "cookies": [{"name": "session_id", "value": cookie}, {"name": "cids", "value": "1"}],
                "headers": [
                    {"name": "Cookie", "value": f"session_id={cookie}; cids=1"},
                    {"name": "Content-Type", "value": "application/json"},
                ],
                "postData": {"mimeType": "application/json", "text": "", "_file": "resources/abc.json"},
            },
            "response": {
                "status": 200,
                "cookies": [],
                "headers": [{"name": "Set-Cookie", "value": f"session_id={cookie}; HttpOnly; Path=/"}],
            },
        },
    }


def test_secret_headers_and_cookies_of_a_network_event_are_masked_and_others_kept():
    scrubbed = scrub_json(network_event())["snapshot"]
    assert scrubbed["request"]["headers"] == [
        {"name": "Cookie", "value": MASK},
        {"name": "Content-Type", "value": "application/json"},
    ]
    assert scrubbed["request"]["cookies"][0] == {"name": "session_id", "value": MASK}
    assert scrubbed["response"]["headers"] == [{"name": "Set-Cookie", "value": MASK}]
    assert scrubbed["request"]["url"].endswith("/web_save")


def test_password_keys_in_json_bodies_are_masked_at_any_depth():
    body = {"params": {"db": "uat", "login": "uat-buyer", "password": PASSWORD, "args": [{"new_password": "x"}]}}
    assert scrub_json(body) == {
        "params": {"db": "uat", "login": "uat-buyer", "password": MASK, "args": [{"new_password": MASK}]}
    }


def test_texts_lose_form_fields_inline_tokens_bearer_keys_and_odoo_device_logs():
    text = (
        f"login=uat-buyer&password={PASSWORD}&redirect=/odoo\n"
        'csrf_token: "26d6165ded229892cfc2f88668acb568ae1b4e42o1827425445",\n'
        "Authorization: Bearer 6f1e2d3c4b5a69788796a5b4c3d2e1f0\n"
        f"odoo.addons.base.models.res_device: User 5 inserts device log ({SESSION[:42]})"
    )
    scrubbed = scrub_text(text)
    assert PASSWORD not in scrubbed and "26d6165ded" not in scrubbed and "6f1e2d3c" not in scrubbed
    assert SESSION[:42] not in scrubbed
    assert "login=uat-buyer" in scrubbed and "redirect=/odoo" in scrubbed


def test_basic_and_bearer_tokens_are_masked_but_words_after_basic_are_not():
    text = "Authorization: Basic dWF0LWJ1eWVyOnMzY3JldA==\ngroups: Basic Pricelists, Basic Settings"
    assert scrub_text(text) == f"Authorization: Basic {MASK}\ngroups: Basic Pricelists, Basic Settings"


def test_known_values_are_masked_anywhere_but_short_ones_are_left_alone():
    scrubbed = scrub_text(f"user admin typed {PASSWORD} then saw {SESSION[:50]}", [PASSWORD, SESSION[:50], "admin"])
    assert scrubbed == f"user admin typed {MASK} then saw {MASK}"


def test_binary_members_are_kept_byte_for_byte():
    jpeg = b"\xff\xd8\xff" + SESSION.encode()
    assert scrub_member("screencast/page@1.jpeg", jpeg, [SESSION]) == jpeg


def test_a_scrubbed_trace_zip_is_still_a_trace_with_every_member_and_valid_events(tmp_path: Path):
    trace = tmp_path / "trace.zip"
    with zipfile.ZipFile(trace, "w") as archive:
        archive.writestr("trace.trace", json.dumps({"type": "context-options", "title": "t"}) + "\n")
        archive.writestr("trace.network", json.dumps(network_event()) + "\n")
        archive.writestr("resources/abc.json", json.dumps({"params": {"password": PASSWORD}}))
        archive.writestr("resources/page.html", '<script>odoo.csrf_token = "26d6165ded229892cfc2f8";</script>')
        archive.writestr("screencast/page@1.jpeg", b"\xff\xd8\xff")
    scrub_trace_zip(trace, [SESSION])
    with zipfile.ZipFile(trace) as archive:
        assert archive.testzip() is None
        members = {name: archive.read(name) for name in archive.namelist()}
    assert list(members) == [
        "trace.trace",
        "trace.network",
        "resources/abc.json",
        "resources/page.html",
        "screencast/page@1.jpeg",
    ]
    assert all(
        secret not in data
        for data in members.values()
        for secret in (SESSION.encode(), PASSWORD.encode(), b"26d6165ded229892cfc2f8")
    )
    events = [json.loads(line) for line in members["trace.network"].decode().splitlines()]
    assert events[0]["snapshot"]["request"]["headers"][0] == {"name": "Cookie", "value": MASK}
    assert json.loads(members["resources/abc.json"]) == {"params": {"password": MASK}}
    assert not list(tmp_path.glob(".scrub-*")), "the temporary copy is left behind"


def test_known_values_are_masked_also_as_json_xml_and_url_escaped(tmp_path: Path):
    secret = 'p@ss"w<o>rd&1/2 é'
    text = "\n".join(
        [json.dumps({"message": f"refused {secret}"}), f'<failure message="{html.escape(secret)}"/>', quote(secret, "")]
    )
    scrubbed = scrub_text(text, [secret], rules=False)
    assert all(form not in scrubbed for form in escaped_forms(secret)), scrubbed
    assert scrubbed.count(MASK) == 3


def a_run(tmp_path: Path) -> dict[str, Path]:
    """What a failed run wrote: junit.xml, Allure results and attachments, a kept trace, a damaged one, a screenshot."""
    allure = tmp_path / "allure-results"
    allure.mkdir()
    kept = tmp_path / "playwright" / "test-scenario"
    kept.mkdir(parents=True)
    files = {
        "junit": tmp_path / "junit.xml",
        "result": allure / "1-result.json",
        "log": allure / "2-attachment.txt",
        "trace": kept / "trace.zip",
        "damaged": allure / "3-attachment.zip",
        "screenshot": kept / "test-failed.png",
    }
    files["junit"].write_text(
        f'<testsuite><testcase name="t"><failure message="Odoo refused {PASSWORD}">'
        f'  File "steps.py", line 3, in _\n    login(password=password)\n</failure></testcase></testsuite>'
    )
    result = {
        "name": "A role logs in",
        "statusDetails": {"message": f"refused {PASSWORD}", "trace": "    login(password=password)\n"},
        "attachments": [{"name": "Playwright trace", "source": "3-attachment.zip", "type": "application/zip"}],
    }
    files["result"].write_text(json.dumps(result))
    files["log"].write_text(f"INFO uat odoo.http: session_id={SESSION} login uat-buyer\n")
    with zipfile.ZipFile(files["trace"], "w") as archive:
        archive.writestr("trace.network", json.dumps(network_event()) + "\n")
    scrub_trace_zip(files["trace"], [])  # masked at the test's teardown, before the role's password was known
    with zipfile.ZipFile(files["trace"], "a") as archive:
        archive.writestr("resources/late.json", json.dumps({"note": f"typed {PASSWORD}"}))
        archive.comment = MASKED_ZIP_COMMENT
    files["damaged"].write_bytes(b"PK\x03\x04 cut short " + PASSWORD.encode())
    files["screenshot"].write_bytes(b"\x89PNG\r\n")
    return files


def test_the_end_of_run_sweep_masks_every_file_and_removes_what_cannot_be_masked(tmp_path: Path):
    files = a_run(tmp_path)
    reports = ("1-result.json", "junit.xml")  # tracebacks: known values only, as the evidence plugin asks
    done = sweep(files_under(tmp_path), [PASSWORD, SESSION], rules_for=lambda path: path.name not in reports)
    assert {path.name for path, _ in done.removed} == {"3-attachment.zip"} and not files["damaged"].exists()
    assert {files["junit"], files["result"], files["log"], files["trace"]} <= set(done.masked)
    for path in files_under(tmp_path):
        assert not leaks(path, [PASSWORD, SESSION]), path
    result = json.loads(files["result"].read_text())
    assert result["statusDetails"] == {"message": f"refused {MASK}", "trace": "    login(password=password)\n"}
    assert result["attachments"][0]["name"] == f"Playwright trace ({REMOVED})"
    assert "login(password=password)" in files["junit"].read_text()  # a traceback keeps its source lines
    with zipfile.ZipFile(files["trace"]) as archive:
        assert archive.testzip() is None and archive.comment == MASKED_ZIP_COMMENT
    assert files["screenshot"].read_bytes() == b"\x89PNG\r\n"


def test_a_second_sweep_changes_nothing(tmp_path: Path):
    a_run(tmp_path)
    sweep(files_under(tmp_path), [PASSWORD, SESSION])
    before = {path: path.read_bytes() for path in files_under(tmp_path)}
    again = sweep(files_under(tmp_path), [PASSWORD, SESSION])
    assert again.masked == [] and again.removed == []
    assert {path: path.read_bytes() for path in files_under(tmp_path)} == before
