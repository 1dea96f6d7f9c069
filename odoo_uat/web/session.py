"""The Odoo session of a logged-in page: JSON-RPC as that user (their rights, language), and the metadata they see."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page

CALL_KW = "/web/dataset/call_kw/{model}/{method}"
SESSION_INFO = "/web/session/get_session_info"
FIELD_ATTRIBUTES = ["string", "type", "relation", "selection", "readonly"]
# The model of the main view: the action service holds it (18.0 and 19.0); the DOM does not say it.
CURRENT_MODEL_JS = "() => odoo.__WOWL_DEBUG__.root.env.services.action.currentController?.props?.resModel || null"


@dataclass(frozen=True)
class FieldInfo:
    """What Odoo's metadata (fields_get) says of one field, in the user's language."""

    name: str
    string: str
    type: str
    relation: str | None = None
    selection: tuple[tuple[str, str], ...] = ()
    readonly: bool = False


class WebSession:
    """JSON-RPC as the user logged in on a page: their access rights, their language."""

    _sessions: weakref.WeakKeyDictionary[Page, WebSession] = weakref.WeakKeyDictionary()

    def __init__(self, page: Page) -> None:
        self.page = page
        self._info: dict[str, Any] | None = None
        self._fields: dict[str, dict[str, FieldInfo]] = {}

    @classmethod
    def of(cls, page: Page) -> WebSession:
        """The session of this page (one per page, so metadata is read once per scenario and role)."""
        if page not in cls._sessions:
            cls._sessions[page] = cls(page)
        return cls._sessions[page]

    def _post(self, url: str, params: dict[str, Any]) -> Any:
        response = self.page.request.post(url, data={"jsonrpc": "2.0", "method": "call", "params": params})
        body = response.json()
        if not response.ok or body.get("error"):
            error = body.get("error") or {}
            raise RuntimeError(f"{url} failed: {error.get('data', {}).get('message') or error or response.status_text}")
        return body["result"]

    @property
    def user_context(self) -> dict[str, Any]:
        """The logged-in user's context (lang, tz, uid)."""
        if self._info is None:
            self._info = self._post(SESSION_INFO, {})
        return dict(self._info.get("user_context") or {})

    def call(self, model: str, method: str, *args: Any, **kwargs: Any) -> Any:
        """model.method(*args, **kwargs) as this user, in their context."""
        context = {**self.user_context, **kwargs.pop("context", {})}
        params = {"model": model, "method": method, "args": list(args), "kwargs": {**kwargs, "context": context}}
        return self._post(CALL_KW.format(model=model, method=method), params)

    def fields(self, model: str) -> dict[str, FieldInfo]:
        """The fields of `model` as this user sees them, by technical name."""
        if model not in self._fields:
            raw = self.call(model, "fields_get", attributes=FIELD_ATTRIBUTES)
            self._fields[model] = {
                name: FieldInfo(
                    name,
                    spec.get("string") or name,
                    spec.get("type", ""),
                    spec.get("relation"),
                    tuple(tuple(option) for option in spec.get("selection") or ()),
                    bool(spec.get("readonly")),
                )
                for name, spec in raw.items()
            }
        return self._fields[model]

    def current_model(self) -> str | None:
        """The model of the main view on screen (not of a dialog's)."""
        return self.page.evaluate(CURRENT_MODEL_JS)
