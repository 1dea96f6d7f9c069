"""Read and write Java .properties files, the format of Allure's environment.properties."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

_KEY_ESCAPES = {"\\": "\\\\", " ": "\\ ", ":": "\\:", "=": "\\=", "#": "\\#", "!": "\\!"}
_VALUE_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNESCAPES = {"n": "\n", "r": "\r", "t": "\t", "f": "\f"}


def dumps(properties: Mapping[str, str]) -> str:
    """Serialise key/value pairs, one per line, in the given order."""
    return "".join(f"{_escape(k, _KEY_ESCAPES)}={_escape(v, _VALUE_ESCAPES)}\n" for k, v in properties.items())


def loads(text: str) -> dict[str, str]:
    """Parse .properties text (comments, "=", ":" or space separators, escapes, continuations)."""
    result: dict[str, str] = {}
    for line in _logical_lines(text):
        key, value = _split(line)
        result[_unescape(key)] = _unescape(value)
    return result


def read(path: Path) -> dict[str, str]:
    """Parse a .properties file; a missing file reads as empty."""
    return loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _escape(text: str, escapes: Mapping[str, str]) -> str:
    return "".join(escapes.get(c, c) for c in text)


def _logical_lines(text: str) -> list[str]:
    lines, pending = [], ""
    for raw in text.splitlines():
        stripped = raw.lstrip()
        if not pending and (not stripped or stripped[0] in "#!"):
            continue
        trailing = len(stripped) - len(stripped.rstrip("\\"))
        if trailing % 2:  # an odd number of backslashes continues the line
            pending += stripped[:-1]
            continue
        lines.append(pending + stripped)
        pending = ""
    if pending:
        lines.append(pending)
    return lines


def _split(line: str) -> tuple[str, str]:
    escaped = False
    for i, char in enumerate(line):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "=: \t":
            rest = line[i:].lstrip(" \t")
            if rest[:1] in ("=", ":") and char in " \t":
                rest = rest[1:]
            elif char in "=:":
                rest = rest[1:]
            return line[:i], rest.lstrip(" \t")
    return line, ""


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == "u" and i + 5 < len(text) + 1:
                try:
                    out.append(chr(int(text[i + 2 : i + 6], 16)))
                    i += 6
                    continue
                except ValueError:
                    pass
            out.append(_UNESCAPES.get(nxt, nxt))
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)
