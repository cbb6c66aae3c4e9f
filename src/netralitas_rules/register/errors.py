"""The register's errors, under :class:`~netralitas_rules.errors.NetralitasError`::

NetralitasError
└── RegisterError                      the register cannot answer
    ├── UnknownCaseError (LookupError)  no case with that id
    ├── DuplicateCaseError (ValueError) a case with that id is already registered
    ├── ClosedCaseError (ValueError)    an event after the case was closed
    └── RegisterDatabaseError (RuntimeError)  the database cannot be opened or kept
                                        refusing a write after the retries
"""

from __future__ import annotations

from ..errors import NetralitasError


class RegisterError(NetralitasError):
    """Root of the register's errors."""


class UnknownCaseError(RegisterError, LookupError):
    """No case with that id is registered."""


class DuplicateCaseError(RegisterError, ValueError):
    """A case with that id is already registered; add an event to it instead."""


class ClosedCaseError(RegisterError, ValueError):
    """The case is closed: nothing can happen to it any more."""


class RegisterDatabaseError(RegisterError, RuntimeError):
    """The database cannot be opened, migrated or written (after the retries)."""


__all__ = [
    "ClosedCaseError",
    "DuplicateCaseError",
    "RegisterDatabaseError",
    "RegisterError",
    "UnknownCaseError",
]
