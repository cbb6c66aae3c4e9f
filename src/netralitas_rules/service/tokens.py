"""Who may see what: access tokens per role and scope, hashed at rest.

A token reads ``ntr_<id>.<secret>``. The register keeps the id, the role, the scope (one
agency, or none for every agency) and sha256 of a per-token random salt and the secret;
never the secret, which is shown once when the token is made. Checking a token looks its
id up and compares digests in constant time; logs name tokens by id only. The service
remembers a token it has verified for a few seconds (``remember_s``), so that a request
costs no database read: a token revoked from another process is refused once that time
has passed (revoking through the same store forgets at once).

Roles:

* ``supervisor`` (Bawaslu, BKN): every case, reading and writing;
* ``ppk`` and ``inspectorate``: only the cases of the token's agency, reading and writing;
* ``auditor``: reading only (every case, or one agency's when scoped).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NetralitasError
from ..register import database
from ..register.schema import TokenRow
from .texts import text

PREFIX = "ntr_"


class Role(StrEnum):
    """What a token's holder does."""

    SUPERVISOR = "supervisor"
    PPK = "ppk"
    INSPECTORATE = "inspectorate"
    AUDITOR = "auditor"

    @property
    def writes(self) -> bool:
        """May register cases and record events."""
        return self is not Role.AUDITOR

    @property
    def scoped(self) -> bool:
        """Must name the one agency whose cases it sees."""
        return self in (Role.PPK, Role.INSPECTORATE)


@dataclass(frozen=True)
class Revocation:
    """A token's revocation: when (UTC), and whether it had been revoked before this call."""

    revoked_at: dt.datetime
    already: bool


class TokenError(NetralitasError, ValueError):
    """A token cannot be made as asked (a scoped role without its agency, or the reverse)."""


@dataclass(frozen=True)
class Principal:
    """Who a valid token says the caller is."""

    token_id: str
    role: Role
    agency: str | None
    """The one agency the token sees (None: every agency)."""

    def sees(self, agency: str | None) -> bool:
        """The token may see a case of ``agency``."""
        return self.agency is None or agency == self.agency


@dataclass(frozen=True)
class TokenInfo:
    """A token as listed (never its secret)."""

    id: str
    role: Role
    agency: str | None
    label: str | None
    created_at: dt.datetime
    revoked_at: dt.datetime | None


def digest(salt: str, secret: str) -> str:
    """sha256 (hex) of the salt and the secret."""
    return hashlib.sha256(bytes.fromhex(salt) + secret.encode("utf-8")).hexdigest()


def split(token: str) -> tuple[str, str] | None:
    """The (id, secret) of a token's text, or None when it is not shaped like one."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    token_id, dot, secret = token[len(PREFIX) :].partition(".")
    if not dot or not token_id or not secret or not token_id.isalnum():
        return None
    return token_id, secret


# Compared against when the id is unknown, so a wrong id costs what a wrong secret does.
_DUMMY_SALT = "00" * 16
_DUMMY_DIGEST = digest(_DUMMY_SALT, "")


MAX_REMEMBERED = 4096
"""Bound on the verified tokens remembered (all forgotten when it is reached)."""


class TokenStore:
    """The tokens table of the register database ``db`` (migrated on open).

    ``remember_s``: how long a verified token is taken as valid without reading the
    database again (0, the default: every check reads it); ``clock`` (monotonic seconds)
    lets tests move that time."""

    def __init__(
        self,
        db: str | Path,
        *,
        lang: str = "id",
        remember_s: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.lang = lang
        self.remember_s = remember_s
        self._clock = clock
        # sha256 of the token's text (never the text) -> (principal, valid until)
        self._verified: dict[bytes, tuple[Principal, float]] = {}
        self._db = database.open_engine(database.database_url(db))
        database.migrate(self._db, lang)

    def close(self) -> None:
        """Release the database connections."""
        self._db.dispose()

    def __enter__(self) -> TokenStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def add(
        self,
        role: Role,
        *,
        agency: str | None = None,
        label: str | None = None,
        now: dt.datetime | None = None,
    ) -> tuple[str, TokenInfo]:
        """Make a token; returns its text (shown once, never stored) and its record.
        ``ppk`` and ``inspectorate`` need ``agency``; ``supervisor`` takes none."""
        if role.scoped and not agency:
            raise TokenError(text("token_needs_agency", self.lang, role=role.value))
        if role is Role.SUPERVISOR and agency:
            raise TokenError(text("token_no_agency", self.lang))
        token_id = secrets.token_hex(8)
        secret = secrets.token_urlsafe(32)
        salt = secrets.token_hex(16)
        created = now or dt.datetime.now(dt.UTC)
        row = TokenRow(
            id=token_id,
            role=role.value,
            agency=agency or None,
            label=label,
            salt=salt,
            digest=digest(salt, secret),
            created_at=created,
            revoked_at=None,
        )
        database.in_transaction(self._db, lambda s: s.add(row), lang=self.lang)
        info = TokenInfo(token_id, role, agency or None, label, created, None)
        return f"{PREFIX}{token_id}.{secret}", info

    def revoke(self, token_id: str, *, now: dt.datetime | None = None) -> Revocation | None:
        """Revoke the token ``token_id``: when it was revoked, and whether it already was
        (revoking twice keeps the first date); None when there is no such token."""

        def work(s: Session) -> Revocation | None:
            row = s.get(TokenRow, token_id)
            if row is None:
                return None
            if row.revoked_at is not None:
                return Revocation(row.revoked_at, already=True)
            row.revoked_at = now or dt.datetime.now(dt.UTC)
            return Revocation(row.revoked_at, already=False)

        done = database.in_transaction(self._db, work, lang=self.lang)
        self._verified.clear()
        return done

    def list(self) -> list[TokenInfo]:
        """Every token, revoked ones too, by creation."""

        def work(s: Session) -> list[TokenInfo]:
            rows = s.execute(select(TokenRow).order_by(TokenRow.created_at, TokenRow.id))
            return [
                TokenInfo(r.id, Role(r.role), r.agency, r.label, r.created_at, r.revoked_at)
                for r in rows.scalars()
            ]

        return database.in_transaction(self._db, work, lang=self.lang, read_only=True)

    def check(self, token: str) -> Principal | None:
        """The principal of a valid, unrevoked token, else None."""
        if self.remember_s <= 0:
            return self._check(token)
        key = hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()
        now = self._clock()
        seen = self._verified.get(key)
        if seen is not None and now < seen[1]:
            return seen[0]
        found = self._check(token)
        if found is None:
            self._verified.pop(key, None)
            return None
        if len(self._verified) >= MAX_REMEMBERED:
            self._verified.clear()
        self._verified[key] = (found, now + self.remember_s)
        return found

    def _check(self, token: str) -> Principal | None:
        parts = split(token)
        if parts is None:
            return None
        token_id, secret = parts

        def work(s: Session) -> tuple[str, str, str, str | None, bool] | None:
            row = s.get(TokenRow, token_id)
            if row is None:
                return None
            return row.salt, row.digest, row.role, row.agency, row.revoked_at is not None

        found = database.in_transaction(self._db, work, lang=self.lang, read_only=True)
        salt, expected, role, agency, revoked = found or (
            _DUMMY_SALT,
            _DUMMY_DIGEST,
            "",
            None,
            True,
        )
        same = hmac.compare_digest(digest(salt, secret), expected)
        if found is None or revoked or not same:
            return None
        return Principal(token_id, Role(role), agency)
