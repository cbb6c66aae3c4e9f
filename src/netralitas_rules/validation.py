"""The library's words for a pydantic validation error: one message per problem, with the
allowed values or keys and a did-you-mean (:mod:`.hints`).

Shared by every file reader (``loader.validate_located`` places each message at its line)
and by case models built in Python (``models._base`` names the model and field instead), so
a slip reads the same whichever way the data came in.

For ``ASN(id="a", status="pns", position_kind="PELAKSANA")`` the message is ``'pns' is not
allowed; did you mean 'PNS'?; allowed: 'PNS', 'PPPK' or 'CPNS'``, at ``asn.status``'s line in
a file, after ``ASN.status:`` in Python.
"""

from __future__ import annotations

import functools
import typing
from typing import Any, cast

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from .errors import NestedProblemsError, NetralitasError
from .hints import expected_values, suggest
from .yamlpos import KeyPath, render_path

# Error kinds whose message already shows the value given, or where the value is not one
# (a missing key has none; an unknown key's value is beside the point).
_SAYS_WHAT_WAS_GIVEN = frozenset(
    {"missing", "extra_forbidden", "enum", "value_error", "assertion_error"}
)
_GIVEN_MAX = 60


def field_problems(
    model: type[BaseModel], error: ValidationError, *, show_given: bool = False
) -> list[tuple[KeyPath, str]]:
    """Each problem of ``error`` (raised validating ``model``) as its key path and message,
    in pydantic's order; the problems a model validator reports together
    (:class:`NestedProblemsError`) each at their own path.

    ``show_given`` adds the value given where the message does not show it (``; got
    'yes'``): a file's reader points at the value instead.
    """
    found: list[tuple[KeyPath, str]] = []
    for err in error.errors():
        loc: KeyPath = tuple(err["loc"])
        inner = (err.get("ctx") or {}).get("error")
        if isinstance(inner, NestedProblemsError):
            found.extend((loc + tuple(rel), message) for rel, message in inner.problems)
            continue
        text = _message(model, err, loc)
        if show_given:
            text += _given(err)
        found.append((loc, text))
    return found


def _message(model: type[BaseModel], err: ErrorDetails, loc: KeyPath) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else ""
        allowed = _allowed_keys(model, loc)
        if allowed:
            return f"unknown key {key!r}{suggest(key, allowed)}; allowed: {', '.join(allowed)}"
        return f"unknown key {key!r}; remove it or fix its spelling"
    if kind == "missing":
        return "required key is missing; add it"
    if kind == "enum":
        expected = str((err.get("ctx") or {}).get("expected", ""))
        hint = suggest(str(err.get("input")), expected_values(expected))
        return f"{err.get('input')!r} is not allowed{hint}; allowed: {expected}"
    if kind == "value_error":
        return err["msg"].removeprefix("Value error, ")
    return err["msg"]


def _given(err: ErrorDetails) -> str:
    """``; got 'yes'`` for a message that does not show the value given, else ``""``."""
    value = err.get("input")
    if err["type"] in _SAYS_WHAT_WAS_GIVEN or isinstance(value, dict):
        return ""
    shown = repr(value)
    if len(shown) > _GIVEN_MAX:
        shown = shown[: _GIVEN_MAX - 3] + "..."
    return f"; got {shown}"


def _allowed_keys(model: type[BaseModel], loc: KeyPath) -> list[str] | None:
    """The keys allowed at ``loc`` (for 'unknown key' messages), if resolvable."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return None
        current = _model_in(fields[part].annotation)
        if current is None:
            return None
    fields = getattr(current, "model_fields", None)
    return sorted(fields) if fields else None


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


class CaseModelError(NetralitasError, ValidationError):
    """A case model built in Python (``Activity(...)``, ``Case.model_validate(data)``) is
    invalid. Each line names the model and field, then says what is wrong as a case file's
    reader does at a line: the value given, the allowed values or keys, a did-you-mean.

    Still a pydantic ``ValidationError`` (and so a ``ValueError``) with the same
    ``errors()``, so code that caught pydantic's error keeps working.
    """

    model: type[BaseModel]

    @classmethod
    def of(cls, model: type[BaseModel], error: ValidationError) -> CaseModelError:
        """The error for ``error``, raised building ``model``."""
        return _made(model, error.title, error.errors())

    def __reduce__(self) -> tuple[Any, ...]:
        # Pydantic's own reduce would drop the model (a worker process may pickle the error).
        return (_made, (self.model, self.title, self.errors()))

    @functools.cached_property
    def problems(self) -> list[tuple[KeyPath, str]]:
        """Each problem's key path (from the model) and message."""
        return field_problems(self.model, self, show_given=True)

    def __str__(self) -> str:
        name = self.model.__name__
        return "\n".join(
            f"{name}.{render_path(path)}: {message}" if path else f"{name}: {message}"
            for path, message in self.problems
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


def _made(model: type[BaseModel], title: str, errors: list[ErrorDetails]) -> CaseModelError:
    """The :class:`CaseModelError` of ``model`` with pydantic's ``errors``."""
    try:
        made = CaseModelError.from_exception_data(title, cast(list[InitErrorDetails], errors))
    except (KeyError, TypeError, ValueError):
        # An error kind pydantic cannot rebuild from its details (a custom one): keep its
        # message under its own kind.
        made = CaseModelError.from_exception_data(
            title,
            [
                {
                    "type": PydanticCustomError(str(e["type"]), "{message}", {"message": e["msg"]}),
                    "loc": e["loc"],
                    "input": e["input"],
                }
                for e in errors
            ],
        )
    made.model = model
    return made
