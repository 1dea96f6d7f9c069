"""An in-memory odoorpc look-alike for the unit tests: rows per model, a log of every call, refusals on demand.

`odoo.env[model]` answers as odoorpc's model does: each method call, on the model or on `browse(ids)`, is one
`odoo.execute_kw(model, method, args, kwargs)`, logged in `odoo.calls`. A `FakeModel` answers the ORM methods
from `odoo.rows[model]`; any other method (a button, a wizard's action) is only logged and returns None. It is
no ORM: values are stored as given (x2many commands are not applied), `order` is ignored (rows come in the
order they were added), every model exists, and domains know only the operators in OPERATORS. A model with
rules of its own (a unique login, say) is a subclass of FakeModel, set in `odoo.models[model]`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from odoorpc.error import RPCError

Row = dict[str, Any]

OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "=": lambda value, wanted: value == wanted,
    "!=": lambda value, wanted: value != wanted,
    "in": lambda value, wanted: value in wanted,
    "not in": lambda value, wanted: value not in wanted,
    "ilike": lambda value, wanted: str(wanted).casefold() in str(value or "").casefold(),
    "=ilike": lambda value, wanted: str(value or "").casefold() == str(wanted).casefold(),  # no % patterns
}


class Call(NamedTuple):
    """One RPC call as odoorpc sends it."""

    model: str
    method: str
    args: tuple
    kwargs: dict[str, Any]


def rpc_error(message: str) -> RPCError:
    """The error odoorpc raises when Odoo refuses a call with a UserError saying `message`."""
    return RPCError(
        message,
        {
            "code": 200,
            "message": "Odoo Server Error",
            "data": {"message": message, "name": "odoo.exceptions.UserError"},
        },
    )


def matches(row: Row, domain: list) -> bool:
    """Whether a row satisfies a domain of (field, operator, value) terms and prefix '&', '|', '!'."""
    stack: list[bool] = []
    for term in reversed(domain):
        if term == "!":
            stack.append(not stack.pop())
        elif term in ("&", "|"):
            first, second = stack.pop(), stack.pop()
            stack.append(first and second if term == "&" else first or second)
        else:
            field, operator, wanted = term
            if "." in field or operator not in OPERATORS:
                raise NotImplementedError(f"The fake Odoo does not know the domain term {term!r}.")
            stack.append(OPERATORS[operator](row.get(field, False), wanted))
    return all(stack)


def id_list(ids: int | Iterable[int]) -> list[int]:
    """Ids as a list, from one id or many."""
    return [ids] if isinstance(ids, int) else list(ids)


class FakeModel:
    """The rows of one model and the ORM methods answering calls on them; `context` is the call's context."""

    def __init__(self, odoo: FakeOdoo, name: str, context: dict[str, Any]) -> None:
        self.odoo, self.name, self.context = odoo, name, context

    @property
    def rows(self) -> list[Row]:
        return self.odoo.rows[self.name]

    def _found(self, domain: list) -> list[Row]:
        """The rows a search finds: archived ones only with active_test=False or a domain on `active`."""
        active_test = self.context.get("active_test", True) and not any(
            isinstance(term, (tuple, list)) and term[0] == "active" for term in domain
        )
        return [row for row in self.rows if matches(row, domain) and not (active_test and row.get("active") is False)]

    @staticmethod
    def _values(row: Row, fields: list[str] | None) -> Row:
        return dict(row) if fields is None else {"id": row["id"], **{name: row.get(name, False) for name in fields}}

    def search(self, domain: list, offset: int = 0, limit: int | None = None, order: str | None = None) -> list[int]:
        return [row["id"] for row in self._found(domain)][offset:][:limit]

    def search_count(self, domain: list) -> int:
        return len(self._found(domain))

    def search_read(
        self,
        domain: list | None = None,
        fields: list[str] | None = None,
        offset: int = 0,
        limit: int | None = None,
        order: str | None = None,
    ) -> list[Row]:
        return [self._values(row, fields) for row in self._found(domain or [])][offset:][:limit]

    def read(self, ids: int | list[int], fields: list[str] | None = None) -> list[Row]:
        by_id = {row["id"]: row for row in self.rows}
        return [self._values(by_id[record_id], fields) for record_id in id_list(ids) if record_id in by_id]

    def create(self, values: Row | list[Row]) -> int | list[int]:
        """One record from a dict (its id), or one per dict of a list (their ids)."""
        ids = []
        for one in [values] if isinstance(values, dict) else values:
            ids.append(max((row["id"] for row in self.rows), default=0) + 1)
            self.rows.append({"id": ids[-1], **one})
        return ids[0] if isinstance(values, dict) else ids

    def write(self, ids: int | list[int], values: Row) -> bool:
        for row in self.rows:
            if row["id"] in id_list(ids):
                row.update(values)
        return True

    def unlink(self, ids: int | list[int]) -> bool:
        self.rows[:] = [row for row in self.rows if row["id"] not in id_list(ids)]
        return True

    def fields_get(self, allfields: list[str] | None = None, attributes: list[str] | None = None) -> dict[str, Row]:
        """The fields the model's rows have (no attributes: a test needing labels subclasses)."""
        names = dict.fromkeys(name for row in self.rows for name in row)
        return {name: {} for name in names if allfields is None or name in allfields}

    def name_search(
        self, name: str = "", args: list | None = None, operator: str = "ilike", limit: int = 100
    ) -> list[tuple[int, str]]:
        lang = self.context.get("lang")  # a row's name in a language: "display_name@fr_FR"
        shown = [
            (row["id"], (lang and row.get(f"display_name@{lang}")) or row.get("display_name") or row.get("name"))
            for row in self._found(args or [])
        ]
        return [(record_id, text) for record_id, text in shown if OPERATORS[operator](text, name)][:limit]


class RpcModel:
    """What `odoo.env[model]` and its `browse(ids)` are, as in odoorpc: each method call is one execute_kw."""

    def __init__(self, odoo: FakeOdoo, name: str, context: dict[str, Any], ids: list[int] | None = None) -> None:
        self.odoo, self.name, self.context, self.ids = odoo, name, context, ids

    def with_context(self, *context: dict[str, Any], **values: Any) -> RpcModel:
        return RpcModel(self.odoo, self.name, {**(context[0] if context else self.context), **values}, self.ids)

    def browse(self, ids: int | Iterable[int]) -> RpcModel:
        return RpcModel(self.odoo, self.name, self.context, id_list(ids))

    def __getattr__(self, method: str) -> Callable[..., Any]:
        if method.startswith("_"):
            raise AttributeError(method)

        def call(*args: Any, **kwargs: Any) -> Any:
            args = args if self.ids is None else (self.ids, *args)
            return self.odoo.execute_kw(
                self.name, method, list(args), {**kwargs, "context": self.context} if self.context else kwargs
            )

        return call


class FakeEnv:
    """`odoo.env`: every model exists; the context calls are made with, and its language."""

    def __init__(self, odoo: FakeOdoo) -> None:
        self.odoo = odoo
        self.context: dict[str, Any] = {}

    def __getitem__(self, model: str) -> RpcModel:
        return RpcModel(self.odoo, model, self.context)

    def __contains__(self, model: str) -> bool:
        return True

    @property
    def lang(self) -> str:
        return self.context.get("lang", "en_US")


class FakeOdoo:
    """An in-memory `odoorpc.ODOO`: `rows` per model, `calls` made, `refuse()` to make Odoo say no."""

    def __init__(self, rows: dict[str, list[Row]] | None = None, version: str = "19.0") -> None:
        self.rows: defaultdict[str, list[Row]] = defaultdict(
            list, {model: [dict(row) for row in model_rows] for model, model_rows in (rows or {}).items()}
        )
        self.models: dict[str, type[FakeModel]] = {}
        self.calls: list[Call] = []
        self.refusals: dict[tuple[str, str], str] = {}
        self.version = version
        self.env = FakeEnv(self)

    def refuse(self, model: str, method: str, message: str = "Refused by the fake Odoo.") -> None:
        """Make every later call of `method` on `model` raise the RPCError of a UserError saying `message`."""
        self.refusals[(model, method)] = message

    def called(self, model: str, method: str) -> list[tuple]:
        """The arguments of each call of `method` on `model`, in order."""
        return [call.args for call in self.calls if (call.model, call.method) == (model, method)]

    def execute_kw(self, model: str, method: str, args: list | None = None, kwargs: dict | None = None) -> Any:
        call = Call(model, method, tuple(args or ()), dict(kwargs or {}))
        self.calls.append(call)
        if (model, method) in self.refusals:
            raise rpc_error(self.refusals[(model, method)])
        options = dict(call.kwargs)
        context = {**self.env.context, **options.pop("context", {})}
        rows = self.models.get(model, FakeModel)(self, model, context)
        answer = None if method.startswith("_") else getattr(rows, method, None)
        return answer(*call.args, **options) if callable(answer) else None
