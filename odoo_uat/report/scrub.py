"""Mask secrets (passwords, session ids, CSRF tokens, API keys) in what a run keeps: traces, logs, texts."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MASK = "***masked-by-odoo-uat***"
# Shorter known values ("admin", Odoo's default on a loopback-only embedded server) are no secret
# worth the name, and replacing them everywhere would garble the evidence (URLs, logins, names).
MIN_KNOWN_SECRET_LENGTH = 8

# Header, cookie, form-field and JSON-key names whose values are secret (compared in lower case).
SECRET_HEADERS = frozenset(
    {
        "cookie",
        "set-cookie",
        "authorization",
        "proxy-authorization",
        "x-csrf-token",
        "x-csrftoken",
        "x-api-key",
        "api-key",
        "x-openerp-session-id",
    }
)
SECRET_KEYS = frozenset(
    {
        "password",
        "passwd",
        "pwd",
        "new_password",
        "old_pwd",
        "confirm_password",
        "login_password",
        "session_id",
        "sid",
        "csrf_token",
        "api_key",
        "apikey",
        "access_token",
        "refresh_token",
        "token",
        "secret",
        "client_secret",
        "totp_secret",
    }
)
SECRET_NAMES = SECRET_HEADERS | SECRET_KEYS

_KEY_ALTERNATION = "|".join(sorted((re.escape(key) for key in SECRET_KEYS), key=len, reverse=True))
TEXT_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # "password": "…" in JSON, csrf_token: "…" and csrf_token = "…" in the web client's inline scripts.
    (
        re.compile(rf'(["\']?\b(?:{_KEY_ALTERNATION})\b["\']?\s*[:=]\s*)(["\'])(?:\\.|(?!\2).)*\2', re.IGNORECASE),
        rf"\1\2{MASK}\2",
    ),
    # password=… in forms and query strings, session_id=… in Cookie and Set-Cookie values.
    (re.compile(rf"(\b(?:{_KEY_ALTERNATION})=)[^&;\s\"'<>]+", re.IGNORECASE), rf"\1{MASK}"),
    # Authorization: Bearer … / Basic … in logs and headers written as text.
    (re.compile(r"(\b(?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=-]{8,}"), rf"\1{MASK}"),
    # Odoo 18+ logs the identifying part of each new session id (odoo.addons.base.models.res_device).
    (re.compile(r"(inserts device log \()[^)]+(\))"), rf"\1{MASK}\2"),
)

TRACE_EVENT_FILES = (".trace", ".network")  # ndjson event streams in a Playwright trace zip
BINARY_SUFFIXES = (".jpeg", ".jpg", ".png", ".webp", ".gif", ".woff", ".woff2", ".ttf", ".ico", ".webm", ".pdf")


def known_values(secrets: Iterable[str | None]) -> tuple[str, ...]:
    """The distinct known secrets worth replacing verbatim, longest first (so none is left half-masked)."""
    values = {value for value in secrets if value and len(value) >= MIN_KNOWN_SECRET_LENGTH}
    return tuple(sorted(values, key=len, reverse=True))


def scrub_text(text: str, known: Iterable[str] = ()) -> str:
    """Mask the known secret values and every secret-looking field in a piece of text."""
    for value in known_values(known):
        text = text.replace(value, MASK)
    for pattern, replacement in TEXT_RULES:
        text = pattern.sub(replacement, text)
    return text


def scrub_json(value: Any, known: Iterable[str] = ()) -> Any:
    """Mask a decoded JSON value: secret keys, HAR {"name", "value"} pairs with a secret name, and text."""
    known = known_values(known)
    if isinstance(value, dict):
        name = value.get("name")
        pair_is_secret = isinstance(name, str) and name.lower() in SECRET_NAMES and "value" in value
        return {
            key: MASK
            if (key == "value" and pair_is_secret) or (key.lower() in SECRET_KEYS and isinstance(item, str))
            else scrub_json(item, known)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [scrub_json(item, known) for item in value]
    if isinstance(value, str):
        return scrub_text(value, known)
    return value


def scrub_ndjson(text: str, known: Iterable[str] = ()) -> str:
    """Mask each event of a newline-delimited JSON stream (trace.trace, trace.network), line by line."""
    known = known_values(known)
    lines = []
    for line in text.splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            lines.append(scrub_text(line, known))
            continue
        lines.append(json.dumps(scrub_json(event, known), separators=(",", ":"), ensure_ascii=False))
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


def scrub_member(name: str, data: bytes, known: Iterable[str] = ()) -> bytes:
    """The masked content of one file of a trace zip (binary files are kept as they are)."""
    if name.lower().endswith(BINARY_SUFFIXES):
        return data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    if name.endswith(TRACE_EVENT_FILES):
        scrubbed = scrub_ndjson(text, known)
    elif name.endswith(".json"):
        try:
            scrubbed = json.dumps(scrub_json(json.loads(text), known), ensure_ascii=False)
        except ValueError:
            scrubbed = scrub_text(text, known)
    else:
        scrubbed = scrub_text(text, known)
    return scrubbed.encode("utf-8")


def scrub_trace_zip(path: Path, known: Iterable[str] = ()) -> None:
    """Rewrite a Playwright trace zip in place with every secret masked; it stays a valid trace."""
    path = Path(path)
    known = known_values(known)
    handle, temporary = tempfile.mkstemp(prefix=".scrub-", suffix=".zip", dir=path.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                target.writestr(
                    info, scrub_member(info.filename, source.read(info), known), compress_type=zipfile.ZIP_DEFLATED
                )
        shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
