"""``GET /v1/cases/{case_id}/log`` answers the register's decision log of the case, oldest
first, and hides a case outside the token's scope as a case that does not exist; on SQLite
and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from _service import DATABASES, bearer, fresh_database, seed_json, serving
from netralitas_rules.register import Register
from netralitas_rules.service import Role, TokenStore


@pytest.fixture(params=DATABASES)
def service_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh register database for one test, on each backend."""
    return fresh_database(request, tmp_path)


def test_the_log_route_answers_the_registers_decision_log(service_db: str) -> None:
    """One entry per evaluation (as registered, then after each event), as the register
    keeps it, with who asked; a token of another agency gets 404, as for an unknown case."""
    db = service_db
    with TokenStore(db) as store:
        token, info = store.add(Role.SUPERVISOR)
        other = store.add(Role.PPK, agency="Pemerintah Kota Jambi")[0]
    event = {"kind": "reported", "date": "2019-03-11", "source": "bawaslu_finding"}
    with serving(db, "--clock", "2019-03-12") as url:
        case_id = json.loads(seed_json())["id"]
        added = httpx.post(
            f"{url}/v1/cases", content=seed_json(), headers=bearer(token), timeout=60
        )
        assert added.status_code == 201, added.text
        posted = httpx.post(
            f"{url}/v1/cases/{case_id}/events", json=event, headers=bearer(token), timeout=60
        )
        assert posted.status_code == 201, posted.text
        log = httpx.get(f"{url}/v1/cases/{case_id}/log", headers=bearer(token), timeout=60)
        hidden = httpx.get(f"{url}/v1/cases/{case_id}/log", headers=bearer(other), timeout=60)
        missing = httpx.get(f"{url}/v1/cases/no-such-case/log", headers=bearer(token), timeout=60)
    with Register(db) as register:
        kept = register.history(case_id)
    assert log.status_code == 200, log.text
    entries = log.json()
    assert [e["seq"] for e in entries] == [e.seq for e in kept] == [0, 1]
    assert [e["verdict"] for e in entries] == [e.verdict.value for e in kept]
    assert [e["due_on"] for e in entries] == [None, "2019-03-29"]
    assert {e["actor"] for e in entries} == {f"token:{info.id}:supervisor"}
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["detail"].replace(case_id, "no-such-case") == missing.json()["detail"]
