"""The register's errors, under :class:`~netralitas_rules.errors.NetralitasError`::

NetralitasError
└── RegisterError                      the register cannot answer
    ├── UnknownCaseError (LookupError)  no case with that id
    ├── UnknownAgencyError (LookupError)  no case of that agency (its counts or cases asked for)
    ├── DuplicateCaseError (ValueError) a case with that id is already registered
    ├── ClosedCaseError (ValueError)    an event after the case was closed
    ├── EventOrderError (ValueError)    an event whose date cannot be: after the register's
    │                                   day, or before what it answers (register.ordering)
    └── RegisterDatabaseError (RuntimeError)  the database cannot be opened or kept
                                        refusing a write after the retries
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Self

from ..errors import NetralitasError
from ..problemtext import Text
from .texts import text


class RegisterError(NetralitasError):
    """Root of the register's errors. One made by :meth:`of` keeps its message's key and
    values, so it can be said again in another language or naming the register otherwise
    (:meth:`said`): a client of the service is answered in its own language and never sees
    the database's address."""

    key: str | None = None
    """The message's key in the register's texts (``duplicate_case`` ...), if known."""
    values: Mapping[str, object] = {}
    """The values the message was filled with (``db`` among them)."""

    @classmethod
    def of(cls, key: str, lang: str, **values: object) -> Self:
        """The error of the register's message ``key`` in ``lang`` with ``values``."""
        error = cls(text(key, lang, **values))
        error.key = key
        error.values = values
        return error

    def said(self, lang: str, db: str) -> str:
        """The message in ``lang``, naming the register as ``db`` (the message as raised
        when it was not made by :meth:`of`)."""
        if self.key is None:
            return str(self)
        return text(self.key, lang, **{**self.values, "db": db})


class UnknownCaseError(RegisterError, LookupError):
    """No case with that id is registered."""


class UnknownAgencyError(RegisterError, LookupError):
    """No registered case names that agency (counts of one agency asked for, or its cases
    listed)."""


class DuplicateCaseError(RegisterError, ValueError):
    """A case with that id is already registered; add an event to it instead."""


class ClosedCaseError(RegisterError, ValueError):
    """The case is closed: nothing can happen to it any more."""


class EventOrderError(RegisterError, ValueError):
    """The event's date cannot be: after the register's day of handling, before every
    recorded event it answers, or (a closure) before an event already recorded.
    :attr:`reason` words why, about the event's ``date`` (the service places it there)."""

    reason: Text | None = None


class RegisterDatabaseError(RegisterError, RuntimeError):
    """The database cannot be opened, migrated or written (after the retries)."""


__all__ = [
    "ClosedCaseError",
    "DuplicateCaseError",
    "EventOrderError",
    "RegisterDatabaseError",
    "RegisterError",
    "UnknownAgencyError",
    "UnknownCaseError",
]
