"""The register's refusals as a client of the service meets them: a duplicate case, an event
for a closed case, the register's database gone. The answer is in the client's language,
names no database (a server's file path, a PostgreSQL URL with its user and host), and a
register that cannot be reached is 503 ``unavailable``, never a 500 ``internal``. Live
``netralitas serve`` on a free port, on SQLite and on a PostgreSQL server the tests start."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import httpx
import pytest

from _postgres import SUPERUSER, PostgresServer
from _service import DATABASES, bearer, fresh_database, seed_json, serving
from netralitas_rules.register import Register, RegisterDatabaseError
from netralitas_rules.service import Role, TokenStore

SEED = "muaro-jambi-2019"
CLOSED = json.dumps({"kind": "closed", "date": "2019-07-01", "note": "selesai"})
LATER = json.dumps({"kind": "examined", "date": "2019-07-02"})
TIMEOUT_S = 60


def _names_no_database(detail: str, db: str) -> None:
    for leak in (db, "sqlite", "postgresql", "127.0.0.1", "register.sqlite"):
        assert leak not in detail, (leak, detail)


@pytest.fixture(params=DATABASES)
def service_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return fresh_database(request, tmp_path)


def test_a_conflict_is_told_in_the_clients_language_and_names_no_database(
    service_db: str,
) -> None:
    """A duplicate case and an event after the case was closed: 409, the detail in the
    language asked (Indonesian by default), placed at the request's path."""
    with TokenStore(service_db) as store:
        token = store.add(Role.SUPERVISOR)[0]
    with serving(service_db) as url:

        def post(path: str, body: str, lang: str | None) -> httpx.Response:
            headers = bearer(token) | ({"Accept-Language": lang} if lang else {})
            return httpx.post(url + path, content=body, headers=headers, timeout=TIMEOUT_S)

        assert post("/v1/cases", seed_json(), None).status_code == 201
        assert post(f"/v1/cases/{SEED}/events", CLOSED, None).status_code == 201
        details = {}
        for lang in (None, "en"):
            for what, path, body in (
                ("duplicate", "/v1/cases", seed_json()),
                ("closed", f"/v1/cases/{SEED}/events", LATER),
            ):
                r = post(path, body, lang)
                assert r.status_code == 409, r.text
                assert r.json()["type"] == "urn:netralitas-rules:problem:conflict"
                detail = r.json()["detail"]
                _names_no_database(detail, service_db)
                assert detail.startswith(f"{path}: "), detail
                details[what, lang] = detail
    # A client of the API is pointed to the API's way, not the command line's.
    events = f"POST /v1/cases/{SEED}/events"
    assert details["duplicate", None] == (
        f"/v1/cases: kasus '{SEED}' sudah terdaftar; catat perkembangannya sebagai peristiwa "
        f"dengan {events}"
    )
    assert details["duplicate", "en"] == (
        f"/v1/cases: case '{SEED}' is already registered; record what happened to it as an "
        f"event with {events}"
    )
    assert (
        "sudah ditutup pada 1 Juli 2019; kasus yang ditutup tidak menerima peristiwa baru"
        in (details["closed", None])
    )
    assert f"GET /v1/cases/{SEED}" in details["closed", None]
    assert "was closed on 1 July 2019; a closed case takes no new event" in details["closed", "en"]
    for detail in details.values():
        assert "netralitas register" not in detail, detail


def test_a_register_that_cannot_be_reached_is_unavailable_not_an_internal_error(
    postgres_server: PostgresServer,
) -> None:
    """The register's PostgreSQL database dropped under a running service: every request
    that needs it is a 503 problem naming no database, whether the token check (a token not
    remembered) or the route (a remembered token) meets the loss first."""
    made = postgres_server.create_database()
    db = made.replace("postgresql+psycopg://", "postgresql://", 1)  # as a user gives it
    with TokenStore(db) as store:
        token = store.add(Role.SUPERVISOR)[0]
        other = store.add(Role.AUDITOR)[0]
    with serving(db, "--remember-tokens", "3600") as url:

        def get(path: str, who: str, lang: str | None = None) -> httpx.Response:
            headers = bearer(who) | ({"Accept-Language": lang} if lang else {})
            return httpx.get(url + path, headers=headers, timeout=TIMEOUT_S)

        assert get("/v1/stats", token).status_code == 200  # the token is remembered now
        _drop(postgres_server, made.rsplit("/", 1)[1])
        for who, path, lang in (
            (token, "/v1/stats", None),
            (token, f"/v1/cases/{SEED}", "en"),
            (other, "/v1/cases", None),  # not remembered: the token check reads the register
        ):
            r = get(path, who, lang)
            assert r.status_code == 503, (path, r.text)
            doc = r.json()
            assert doc["type"] == "urn:netralitas-rules:problem:unavailable"
            # Not only the title: when to come back, and the reference of the server's log
            # line that holds the reason.
            said = (
                r"the register is unavailable for the moment; try again later\. The failure "
                r"was logged \(id [0-9a-f]{12}\)"
                if lang
                else r"register tidak tersedia untuk sementara; coba lagi nanti\. Kejadiannya "
                r"sudah dicatat \(id [0-9a-f]{12}\)"
            )
            assert re.fullmatch(said, doc["detail"]), doc["detail"]
            _names_no_database(doc["detail"], db)


def test_a_sqlite_register_whose_folder_is_gone_is_a_register_error(tmp_path: Path) -> None:
    """The register's folder removed between two calls (a disk unmounted, a folder cleaned
    up): the next call that must connect raises RegisterDatabaseError naming the database,
    not the driver's OperationalError."""
    folder = tmp_path / "reg"
    folder.mkdir()
    reg = Register(folder / "register.sqlite")
    try:
        reg.close()  # no connection kept: the next call opens the file again
        shutil.rmtree(folder)
        with pytest.raises(RegisterDatabaseError) as raised:
            reg.stats()
        assert str(folder) in str(raised.value)
        assert "tidak dapat dibuka" in str(raised.value)
    finally:
        reg.close()


def _drop(server: PostgresServer, name: str) -> None:
    """DROP DATABASE ... WITH (FORCE): the service's connections are ended and no new one
    can be made."""
    import psycopg

    dsn = f"host=127.0.0.1 port={server.port} user={SUPERUSER} dbname=postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
