"""Mask secrets (passwords, session ids, CSRF tokens, API keys) in what a run keeps: traces, logs, texts, and the
files of a whole run at its end (JUnit, Allure results, traces, logs), removing what cannot be masked."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

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
    # Authorization: Bearer … / Basic … in logs and headers written as text. A token holds a digit or a sign; a word
    # of letters only is prose (Odoo's group "Basic Pricelists" in the exit report's roles), never masked.
    (re.compile(r"(\b(?:Bearer|Basic)\s+)(?=[A-Za-z]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{8,}"), rf"\1{MASK}"),
    # Odoo 18+ logs the identifying part of each new session id (odoo.addons.base.models.res_device).
    (re.compile(r"(inserts device log \()[^)]+(\))"), rf"\1{MASK}\2"),
)

TRACE_EVENT_FILES = (".trace", ".network")  # ndjson event streams in a Playwright trace zip
BINARY_SUFFIXES = (".jpeg", ".jpg", ".png", ".webp", ".gif", ".woff", ".woff2", ".ttf", ".ico", ".webm", ".pdf")
# Said in a trace zip's comment once it is masked: the end-of-run sweep then only looks for values learnt since.
MASKED_ZIP_COMMENT = b"odoo-uat: masked"
# What a run writes that the end-of-run scrub reads as JSON, the rest being text (unless binary or a zip).
JSON_SUFFIXES = (".json",)
ALLURE_RESULT_SUFFIXES = ("-result.json", "-container.json")
REMOVED = "removed: it could not be masked"


def escaped_forms(value: str) -> set[str]:
    """A value as a file may hold it: as is, escaped in JSON, in XML/HTML, or percent-encoded in a URL or form."""
    return {
        value,
        json.dumps(value)[1:-1],
        json.dumps(value, ensure_ascii=False)[1:-1],
        html.escape(value, quote=True),
        html.escape(value, quote=False),
        quote(value, safe=""),
        quote_plus(value, safe=""),
    }


class KnownValues(tuple):
    """What known_values made: the forms to replace. Given again to known_values, it is taken as it is."""


def known_values(secrets: Iterable[str | None]) -> KnownValues:
    """The distinct known secrets worth replacing verbatim, in every escaped form, longest first (none half-masked)."""
    if isinstance(secrets, KnownValues):
        return secrets
    values = {
        form for value in secrets if value and len(value) >= MIN_KNOWN_SECRET_LENGTH for form in escaped_forms(value)
    }
    return KnownValues(sorted(values, key=len, reverse=True))


def scrub_text(text: str, known: Iterable[str] = (), rules: bool = True) -> str:
    """Mask the known secret values and (unless rules=False: tracebacks, reports) every secret-looking field."""
    for value in known_values(known):
        text = text.replace(value, MASK)
    if rules:
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
            target.comment = MASKED_ZIP_COMMENT
        shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def holds_known(data: bytes, known: Iterable[str]) -> bool:
    """Whether these bytes hold one of the known values (in any escaped form)."""
    return any(value.encode() in data for value in known_values(known))


def zip_holds_known(path: Path, known: Iterable[str]) -> bool:
    """Whether any member of a zip holds a known value."""
    with zipfile.ZipFile(path) as archive:
        return any(holds_known(archive.read(info), known) for info in archive.infolist())


def leaks(path: Path, known: Iterable[str]) -> bool:
    """Whether a file (every member, for a zip) still holds a known secret value."""
    if zipfile.is_zipfile(path):
        try:
            return zip_holds_known(path, known)
        except (zipfile.BadZipFile, OSError, RuntimeError):
            return holds_known(path.read_bytes(), known)  # a damaged zip: searched as it lies on disk
    return holds_known(path.read_bytes(), known)


def _write_atomically(path: Path, text: str) -> None:
    """Replace a file's text in one step (a reader never sees half of it; an interruption leaves the old file)."""
    handle, temporary = tempfile.mkstemp(prefix=".scrub-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def scrub_file(path: Path, known: Iterable[str] = (), rules: bool = True) -> bool:
    """Mask one file a run wrote, in place; whether it changed. A trace zip not masked yet is masked whole, a masked
    one only when it holds a known value; JSON key by key; text as text; images and videos are left as they are."""
    path = Path(path)
    known = known_values(known)
    if path.name.lower().endswith(BINARY_SUFFIXES):
        return False
    if not zipfile.is_zipfile(path) and _looks_like_zip(path):
        raise zipfile.BadZipFile(f"{path.name} is a damaged zip: its compressed members cannot be read to be masked")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            masked = archive.comment == MASKED_ZIP_COMMENT
        if masked and not zip_holds_known(path, known):
            return False
        scrub_trace_zip(path, known)
        return True
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return False  # binary: the sweep still searches it for the known values
    scrubbed = scrub_text(text, known, rules)
    if path.name.endswith(JSON_SUFFIXES):
        try:
            data = json.loads(text)
        except ValueError:
            pass  # not JSON after all: masked as text
        else:
            masked = _scrub_json_keys(data, known, rules)
            if masked == data:
                return False  # nothing to mask: the file stays as it was written
            scrubbed = json.dumps(masked, ensure_ascii=False)
    if scrubbed == text:
        return False
    _write_atomically(path, scrubbed)
    return True


def _looks_like_zip(path: Path) -> bool:
    """Whether a file is meant to be a zip (a trace, an attachment of one): by its name or its first bytes."""
    if path.suffix.lower() == ".zip":
        return True
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def _scrub_json_keys(value: Any, known: Iterable[str], rules: bool) -> Any:
    """scrub_json with the text rules optional (an Allure result's traceback keeps its source lines)."""
    if rules:
        return scrub_json(value, known)
    if isinstance(value, dict):
        return {key: _scrub_json_keys(item, known, rules) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub_json_keys(item, known, rules) for item in value]
    if isinstance(value, str):
        return scrub_text(value, known, rules=False)
    return value


@dataclass
class Sweep:
    """What the end-of-run scrub did: the files it masked, and those it removed because they could not be."""

    masked: list[Path] = field(default_factory=list)
    removed: list[tuple[Path, str]] = field(default_factory=list)  # (file, why)


def files_under(*roots: Path | None) -> list[Path]:
    """The files of these folders (and these files), each once, never through a symbolic link."""
    found: dict[Path, None] = {}
    for root in roots:
        if root is None or root.is_symlink():
            continue
        if root.is_file():
            found[root] = None
        elif root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    found[path] = None
    return list(found)


def sweep(files: Iterable[Path], known: Iterable[str], rules_for: Callable[[Path], bool] = lambda path: True) -> Sweep:
    """Mask every file with the known values (and the text rules where rules_for(path) says), then remove any file
    that still holds a known value or could not be read: nothing unmasked is left where the run's artefacts go."""
    known = known_values(known)
    done = Sweep()
    for path in files:
        try:
            if scrub_file(path, known, rules_for(path)):
                done.masked.append(path)
            if known and leaks(path, known):
                raise ValueError("a known secret is still in it")
        except Exception as error:  # a damaged zip, a full disk: the file goes, the reason is said
            path.unlink(missing_ok=True)
            done.removed.append((path, f"{type(error).__name__}: {error}"))
    _note_removed_attachments(done.removed)
    return done


def _note_removed_attachments(removed: list[tuple[Path, str]]) -> None:
    """Rename, in the Allure results beside a removed attachment, the attachment to say it was removed and why."""
    by_folder: dict[Path, set[str]] = {}
    for path, _ in removed:
        by_folder.setdefault(path.parent, set()).add(path.name)
    for folder, names in by_folder.items():
        for result in folder.iterdir():
            if not result.name.endswith(ALLURE_RESULT_SUFFIXES) or not result.is_file():
                continue
            try:
                data = json.loads(result.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                continue
            if _rename_attachments(data, names):
                _write_atomically(result, json.dumps(data, ensure_ascii=False))


def _rename_attachments(node: Any, names: set[str]) -> bool:
    """Mark the attachments (at any step depth) whose source was removed; whether any was."""
    changed = False
    if isinstance(node, dict):
        for attachment in node.get("attachments", []) or []:
            if isinstance(attachment, dict) and attachment.get("source") in names:
                attachment["name"] = f"{attachment.get('name') or 'attachment'} ({REMOVED})"
                changed = True
        for step in node.get("steps", []) or []:
            changed = _rename_attachments(step, names) or changed
    return changed
