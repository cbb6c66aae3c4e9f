"""The service's messages, per language (Indonesian first; it holds no English)."""

from __future__ import annotations

from collections.abc import Mapping

TEXT: Mapping[str, Mapping[str, str]] = {
    # problem titles (RFC 9457 ``title``: the same for every occurrence of a type)
    "title.invalid_case": {"id": "Data kasus tidak valid", "en": "Invalid case data"},
    "title.invalid_event": {"id": "Data peristiwa tidak valid", "en": "Invalid event data"},
    "title.invalid_request": {"id": "Permintaan tidak valid", "en": "Invalid request"},
    "title.unauthorized": {"id": "Token tidak sah", "en": "Not authenticated"},
    "title.forbidden": {"id": "Akses ditolak", "en": "Forbidden"},
    "title.not_found": {"id": "Tidak ditemukan", "en": "Not found"},
    "title.conflict": {"id": "Bertentangan dengan register", "en": "Conflicts with the register"},
    "title.unavailable": {"id": "Register tidak tersedia", "en": "Register unavailable"},
    "title.cannot_answer": {"id": "Tidak dapat dijawab", "en": "Cannot answer"},
    "title.internal": {"id": "Kesalahan internal", "en": "Internal error"},
    "title.method": {"id": "Metode tidak didukung", "en": "Method not allowed"},
    # details
    "invalid_case": {
        "id": "data kasus memuat {n} masalah; perbaiki setiap tempat yang disebut",
        "en": "the case data has {n} problem(s); fix each place named",
    },
    "invalid_event": {
        "id": "data peristiwa memuat {n} masalah; perbaiki setiap tempat yang disebut",
        "en": "the event data has {n} problem(s); fix each place named",
    },
    "invalid_request": {
        "id": "parameter permintaan tidak valid ({n} masalah); lihat dokumen OpenAPI di "
        "/openapi.json",
        "en": "the request's parameters are invalid ({n} problem(s)); see the OpenAPI "
        "document at /openapi.json",
    },
    "no_token": {
        "id": "kirim token di header 'Authorization: Bearer <token>'; token dibuat dengan "
        "`netralitas register token add`",
        "en": "send a token in the header 'Authorization: Bearer <token>'; tokens are made "
        "with `netralitas register token add`",
    },
    "bad_token": {
        "id": "token tidak dikenal atau sudah dicabut; minta token baru kepada pengelola register",
        "en": "the token is unknown or revoked; ask the register's keeper for a new one",
    },
    "read_only": {
        "id": "token peran {role!r} hanya boleh membaca",
        "en": "a token of role {role!r} may only read",
    },
    "other_agency": {
        "id": "token ini hanya untuk kasus instansi {agency!r}; kasus ini milik instansi lain",
        "en": "this token is for the cases of agency {agency!r} only; this case belongs to "
        "another agency",
    },
    "unknown_case": {
        "id": "kasus {case!r} tidak ada di register",
        "en": "case {case!r} is not in the register",
    },
    "not_found": {
        "id": "alamat {path!r} tidak ada; lihat dokumen OpenAPI di /openapi.json",
        "en": "there is nothing at {path!r}; see the OpenAPI document at /openapi.json",
    },
    "method": {
        "id": "metode {method} tidak didukung di {path!r}",
        "en": "method {method} is not supported at {path!r}",
    },
    "internal": {
        "id": "layanan gagal menjawab permintaan ini; kesalahan sudah dicatat (id {ref})",
        "en": "the service failed to answer this request; the error was logged (id {ref})",
    },
    # tokens
    "token_needs_agency": {
        "id": "token peran {role!r} memerlukan --agency (instansi yang dilayaninya)",
        "en": "a token of role {role!r} needs --agency (the agency it serves)",
    },
    "token_no_agency": {
        "id": "token supervisor melihat semua instansi; jangan beri --agency",
        "en": "a supervisor token sees every agency; give no --agency",
    },
    # the server's lines
    "listening": {
        "id": "netralitas serve: melayani di http://{host}:{port} (register: {db})",
        "en": "netralitas serve: listening on http://{host}:{port} (register: {db})",
    },
}


def text(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang`` with ``values`` filled in."""
    return TEXT[key][lang].format(**values)


def language(accept: str | None) -> str:
    """``en`` when the Accept-Language header prefers English, else ``id`` (the default)."""
    if accept and accept.strip().lower().startswith("en"):
        return "en"
    return "id"
