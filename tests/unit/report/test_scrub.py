"""Masking secrets in traces, logs and texts (odoo_uat/report/scrub.py), on small Playwright-shaped samples."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from odoo_uat.report.scrub import (
    MASK,
    scrub_json,
    scrub_member,
    scrub_text,
    scrub_trace_zip,
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
