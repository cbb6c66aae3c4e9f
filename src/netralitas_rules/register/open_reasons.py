"""Why a register cannot be opened, in the words of the catalogue: the database driver's
reason (English, and worded for the people who wrote the driver) is read for its error code
and, for a SQLite file, the file's place, and said as one of the common reasons with what to
do (``register.open.<kind>`` of ``data/messages.<lang>.yaml``). The driver's own words are
kept for English (after the reason), for ``--debug`` (the error's cause) and for the debug
log, never in another language.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from ..messages import msg

log = logging.getLogger("netralitas.register")

_SQLITE = {
    "SQLITE_NOTADB": "not_database",
    "SQLITE_BUSY": "locked",
    "SQLITE_LOCKED": "locked",
    "SQLITE_READONLY": "read_only",
    "SQLITE_PERM": "denied",
    "SQLITE_AUTH": "denied",
}
"""SQLite's error names and the reason each is (SQLITE_CANTOPEN: the file's place says)."""
_POSTGRES = {"28P01": "login", "28000": "login", "3D000": "no_database"}
"""PostgreSQL's SQLSTATEs and the reason each is (a connection that fails has none)."""
_POSTGRES_WORDS = (
    ("connection refused", "refused"),
    ("could not translate host name", "unknown_host"),
    ("name or service not known", "unknown_host"),
    ("password authentication failed", "login"),
)
"""libpq's words of a connection that failed before any SQLSTATE, and the reason each is."""


@dataclass(frozen=True)
class OpenReason:
    """Why the register cannot be opened, said in the language asked: ``kind`` names the
    catalogue's ``register.open.<kind>`` (``folder``: the folder it names; ``code``: the
    database's error code, for a reason the catalogue has no words of); in English the
    driver's words follow in brackets."""

    kind: str
    driver: str
    folder: str = ""
    code: str = ""

    def render(self, lang: str) -> str:
        """The reason in ``lang``."""
        code = f" ({self.code})" if self.code else ""
        said = msg(f"register.open.{self.kind}", lang, folder=self.folder, code=code)
        return f"{said} ({self.driver})" if lang == "en" else said

    def __str__(self) -> str:
        return self.render("en")


def open_reason(engine: Engine, exc: DBAPIError) -> OpenReason:
    """The reason of ``exc``, raised opening the database of ``engine``."""
    driver = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    log.debug("register %s cannot be opened: %s", engine.url, driver)
    if engine.dialect.name == "sqlite":
        return _sqlite(engine.url.database, exc.orig, driver)
    state = getattr(exc.orig, "sqlstate", None)
    if state in _POSTGRES:
        return OpenReason(_POSTGRES[state], driver)
    lowered = str(exc.orig).lower()
    for words, kind in _POSTGRES_WORDS:
        if words in lowered:
            return OpenReason(kind, driver)
    return OpenReason("other", driver, code=f"PostgreSQL {state}" if state else "")


def _sqlite(database: str | None, orig: object, driver: str) -> OpenReason:
    name = getattr(orig, "sqlite_errorname", "")
    number = getattr(orig, "sqlite_errorcode", None)
    if name in _SQLITE:
        return OpenReason(_SQLITE[name], driver)
    if name == "SQLITE_CANTOPEN" and database:
        path = Path(database)
        if path.is_dir():
            return OpenReason("folder", driver, folder=str(path))
        folder = path.parent
        if not folder.is_dir():
            missing = folder
            while not missing.parent.is_dir() and missing.parent != missing:
                missing = missing.parent  # the first folder of the path that is not there
            return OpenReason("no_folder", driver, folder=str(missing))
        wanted = os.R_OK | os.W_OK
        if not os.access(folder, wanted | os.X_OK) or (
            path.exists() and not os.access(path, wanted)
        ):
            return OpenReason("denied", driver, folder=str(folder))
    return OpenReason("other", driver, code=f"SQLite {number}" if number is not None else "")
