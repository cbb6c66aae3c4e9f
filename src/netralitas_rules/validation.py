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
from .hints import expected_values, suggestion
from .problemtext import Alternatives, Text, text_of
from .pydantic_texts import pydantic_text
from .yamlpos import KeyPath, render_path

# Error kinds whose message already shows the value given, or where the value is not one
# (a missing key has none; an unknown key's value is beside the point).
_SAYS_WHAT_WAS_GIVEN = frozenset(
    {"missing", "extra_forbidden", "enum", "value_error", "assertion_error"}
)
_GIVEN_MAX = 60


def field_problems(
    model: type[BaseModel], error: ValidationError, *, show_given: bool = False
) -> list[tuple[KeyPath, str | Text]]:
    """Each problem of ``error`` (raised validating ``model``) as its key path and message,
    in pydantic's order; the problems a model validator reports together
    (:class:`NestedProblemsError`) each at their own path.

    ``show_given`` adds the value given where the message does not show it (``; got
    'yes'``): a file's reader points at the value instead.
    """
    found: list[tuple[KeyPath, str | Text]] = []
    for err in error.errors():
        loc: KeyPath = tuple(err["loc"])
        inner = (err.get("ctx") or {}).get("error")
        if isinstance(inner, NestedProblemsError):
            found.extend((loc + tuple(rel), message) for rel, message in inner.problems)
            continue
        text = error_text(err, model)
        given = _given(err) if show_given else None
        if given is not None:
            text = (
                Text("given", message=text, given=given)
                if isinstance(text, Text)
                else (f"{text}; got {given}")
            )
        found.append((loc, text))
    return found


def error_text(err: ErrorDetails, model: type[BaseModel] | None = None) -> str | Text:
    """The words of one pydantic error: the library's own for unknown and missing keys and
    values not allowed, a validator's Text, else pydantic's kind mapped by its ``type`` and
    ``ctx`` (:mod:`.pydantic_texts`); plain words for a validator that raised plain words."""
    kind = err["type"]
    loc: KeyPath = tuple(err["loc"])
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else ""
        allowed = _allowed_keys(model, loc) if model is not None else None
        if allowed:
            hint = suggestion(key, allowed)
            return Text("key.unknown", key=key, hint=hint, allowed=", ".join(allowed))
        return Text("key.unknown_remove", key=key)
    if kind == "missing":
        return Text("key.missing")
    if kind == "enum":
        expected = str((err.get("ctx") or {}).get("expected", ""))
        hint = suggestion(str(err.get("input")), expected_values(expected))
        return Text(
            "value.not_allowed", value=err.get("input"), hint=hint, allowed=Alternatives(expected)
        )
    if kind in ("value_error", "assertion_error"):
        found = text_of((err.get("ctx") or {}).get("error"))
        if found is not None:
            return found
        return err["msg"].removeprefix("Value error, ")
    return pydantic_text(err)


def _given(err: ErrorDetails) -> str | None:
    """The value given (``'yes'``) for a message that does not show it, else None."""
    value = err.get("input")
    if err["type"] in _SAYS_WHAT_WAS_GIVEN or isinstance(value, dict):
        return None
    shown = repr(value)
    if len(shown) > _GIVEN_MAX:
        shown = shown[: _GIVEN_MAX - 3] + "..."
    return shown


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
    def problems(self) -> list[tuple[KeyPath, str | Text]]:
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
