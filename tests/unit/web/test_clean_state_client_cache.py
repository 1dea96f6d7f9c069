"""A reused page leaves no IndexedDB behind: Odoo 19.0's web client shows views it kept there before asking again,
so a view read before a scenario turned a group on came back without that group's fields (no Odoo: a local page)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from odoo_uat.web.clean_state import NO_CLIENT_PAGE, leave_clean

CLIENT = """<html><body><script>
const request = indexedDB.open("rpc", 1);
request.onupgradeneeded = () => request.result.createObjectStore("views");
request.onsuccess = () => { document.body.dataset.ready = "yes"; };  // the connection stays open, as Odoo's does
</script></body></html>"""
DATABASES_JS = "async () => (await indexedDB.databases()).map(db => db.name)"


@pytest.fixture
def origin(tmp_path: Path) -> Iterator[str]:
    """A local origin serving a page that opens an IndexedDB and the web client's favicon path."""
    (tmp_path / "client.html").write_text(CLIENT)
    icon = tmp_path / NO_CLIENT_PAGE.lstrip("/")
    icon.parent.mkdir(parents=True)
    icon.write_bytes(b"\x00\x00\x01\x00")

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_the_web_clients_indexeddb_is_deleted_between_scenarios(browser: Browser, origin: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{origin}/client.html")
    page.wait_for_selector("body[data-ready=yes]")
    assert page.evaluate(DATABASES_JS) == ["rpc"]
    assert leave_clean(page)
    page.goto(f"{origin}{NO_CLIENT_PAGE}")
    assert page.evaluate(DATABASES_JS) == []
    context.close()
