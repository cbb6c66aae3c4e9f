"""The register's messages, per language (Indonesian first; it holds no English)."""

from __future__ import annotations

from collections.abc import Mapping

TEXT: Mapping[str, Mapping[str, str]] = {
    "unknown_case": {
        "id": "{db}: kasus {case!r} tidak ada di register; daftarkan dulu dengan "
        "`netralitas register import`",
        "en": "{db}: case {case!r} is not in the register; register it first with "
        "`netralitas register import`",
    },
    "duplicate_case": {
        "id": "{db}: kasus {case!r} sudah terdaftar; catat perkembangannya sebagai peristiwa "
        "(`netralitas register event`)",
        "en": "{db}: case {case!r} is already registered; record what happened to it as an "
        "event (`netralitas register event`)",
    },
    "closed_case": {
        "id": "{db}: kasus {case!r} sudah ditutup pada {date}; peristiwa baru tidak dapat dicatat",
        "en": "{db}: case {case!r} was closed on {date}; no new event can be recorded",
    },
    "busy": {
        "id": "{db}: basis data tetap sibuk setelah {tries} percobaan; coba lagi nanti",
        "en": "{db}: the database stayed busy after {tries} attempts; try again later",
    },
    "open_failed": {
        "id": "{db}: register tidak dapat dibuka ({reason}); periksa alamat --db dan izinnya",
        "en": "{db}: the register cannot be opened ({reason}); check the --db address and "
        "its permissions",
    },
    "newer_schema": {
        "id": "{db}: skema basis data ({found}) lebih baru daripada pustaka ini; perbarui "
        "netralitas-rules",
        "en": "{db}: the database schema ({found}) is newer than this library; upgrade "
        "netralitas-rules",
    },
}


def text(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang`` with ``values`` filled in."""
    return TEXT[key][lang].format(**values)
