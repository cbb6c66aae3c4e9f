"""The HTTP service, live: ``netralitas serve`` started on a free port over a fresh register,
on SQLite and on a real PostgreSQL server the tests start (``tests/_postgres.py``)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from _service import DATABASES, bearer, fresh_database, seed_json, serving
from netralitas_rules import examples, load_case
from netralitas_rules.assessed import answer
from netralitas_rules.caseio import parse_case
from netralitas_rules.errors import CaseFileError
from netralitas_rules.service import Principal, Role, TokenStore

SEED = "muaro-jambi-2019"
SEED_AGENCY = "Pemerintah Kabupaten Muaro Jambi"
OTHER_AGENCY = "Pemerintah Kota Jambi"
PROBLEM = "application/problem+json"
SANCTION = {"kind": "sanction_imposed", "date": "2019-07-01", "track": "DISIPLIN", "tier": "BERAT"}


@dataclass(frozen=True)
class Live:
    """A running service and a token of each kind."""

    url: str
    db: str
    supervisor: str
    own_ppk: str
    other_ppk: str
    auditor: str
    revoked: str


@pytest.fixture(scope="module", params=DATABASES)
def module_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh register database for the module, on each backend."""
    return fresh_database(request, tmp_path_factory.mktemp("service"))


@pytest.fixture(params=DATABASES)
def service_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh register database for one test, on each backend."""
    return fresh_database(request, tmp_path)


@pytest.fixture(scope="module")
def live(module_db: str) -> Iterator[Live]:
    """One service for the module on each database, the seed case registered by a
    supervisor."""
    db = module_db
    with TokenStore(db) as store:
        sup = store.add(Role.SUPERVISOR)[0]
        own = store.add(Role.PPK, agency=SEED_AGENCY)[0]
        other = store.add(Role.PPK, agency=OTHER_AGENCY)[0]
        auditor = store.add(Role.AUDITOR)[0]
        revoked, info = store.add(Role.SUPERVISOR)
        store.revoke(info.id)
    with serving(db) as url:
        r = httpx.post(f"{url}/v1/cases", content=seed_json(), headers=bearer(sup), timeout=60)
        assert r.status_code == 201, r.text
        yield Live(url, db, sup, own, other, auditor, revoked)


def call(live: Live, method: str, path: str, token: str | None, body: str = "") -> httpx.Response:
    """One request, bounded in time."""
    headers = bearer(token) if token else {}
    return httpx.request(method, live.url + path, content=body or None, headers=headers, timeout=60)


def test_the_seed_case_survives_a_restart_and_a_sanction_changes_its_verdict(
    service_db: str,
) -> None:
    """The seed case posted comes back after a restart with its findings and verdict; an
    imposed sanction posted as an event changes the verdict."""
    db = service_db
    with TokenStore(db) as store:
        token = store.add(Role.SUPERVISOR)[0]
    with serving(db) as url:
        posted = httpx.post(
            f"{url}/v1/cases", content=seed_json(), headers=bearer(token), timeout=60
        )
    assert posted.status_code == 201
    first = posted.json()
    assert first["verdict"] == "under_sanctioned"  # teguran lisan for a BERAT conduct
    assert first["report"]["findings"]
    with serving(db) as url:
        again = httpx.get(f"{url}/v1/cases/{SEED}", headers=bearer(token), timeout=60).json()
        assert again["verdict"] == first["verdict"]
        assert again["report"]["findings"] == first["report"]["findings"]
        after = httpx.post(
            f"{url}/v1/cases/{SEED}/events",
            content=json.dumps(SANCTION),
            headers=bearer(token),
            timeout=60,
        )
    assert after.status_code == 201
    assert after.json()["verdict"] != "under_sanctioned"
    assert after.json()["verdicts"]["DISIPLIN"] == "adequate"
    assert [e["kind"] for e in after.json()["event_list"]] == ["sanction_imposed"]


ROUTES = [
    ("POST", "/v1/check", "case"),
    ("POST", "/v1/audit", "case"),
    ("POST", "/v1/batch", "case"),
    ("POST", "/v1/cases", "case"),
    ("GET", f"/v1/cases/{SEED}", ""),
    ("POST", f"/v1/cases/{SEED}/events", "event"),
    ("GET", "/v1/cases", ""),
    ("GET", "/v1/stats", ""),
    ("GET", "/openapi.json", ""),
]


def _body(kind: str) -> str:
    return {"case": seed_json(), "event": json.dumps(SANCTION), "": ""}[kind]


@pytest.mark.parametrize(("method", "path", "kind"), ROUTES)
def test_a_request_without_a_valid_token_is_refused(
    live: Live, method: str, path: str, kind: str
) -> None:
    """No token, a made-up token or a revoked one: 401 problem document, on every route."""
    for token in (None, "ntr_0123456789abcdef.nope", "Basic x", live.revoked):
        r = call(live, method, path, token, _body(kind))
        assert r.status_code == 401, (token, r.text)
        assert r.headers["content-type"] == PROBLEM
        assert r.headers["www-authenticate"] == "Bearer"
        assert r.json()["type"] == "urn:netralitas-rules:problem:unauthorized"


def test_a_ppk_token_cannot_read_or_change_another_agencys_case(live: Live) -> None:
    """Every register route: the other agency's PPK gets what an unknown case gets (404),
    cannot register a case of another agency (403), lists none of it, and its stats count
    only its own agency's cases (none); the case is unchanged."""
    other = live.other_ppk
    unknown = call(live, "GET", "/v1/cases/no-such-case", other)
    hidden = call(live, "GET", f"/v1/cases/{SEED}", other)
    assert (hidden.status_code, unknown.status_code) == (404, 404)
    assert hidden.json()["detail"] == unknown.json()["detail"].replace("no-such-case", SEED)
    event = call(live, "POST", f"/v1/cases/{SEED}/events", other, json.dumps(SANCTION))
    assert event.status_code == 404
    assert event.json() == hidden.json()
    assert call(live, "POST", "/v1/cases", other, seed_json(id="x2")).status_code == 403
    assert call(live, "GET", "/v1/cases", other).json() == []
    assert call(live, "GET", f"/v1/cases?agency={SEED_AGENCY}", other).json() == []
    counted = call(live, "GET", "/v1/stats", other)
    assert counted.status_code == 200
    assert counted.json()["cases"] == 0
    assert SEED_AGENCY not in counted.json()["under_sanctioned_by_agency"]
    record = call(live, "GET", f"/v1/cases/{SEED}", live.supervisor).json()
    assert record["events"] == 0
    assert call(live, "GET", "/v1/cases?limit=1000", live.supervisor).json()[0]["id"] == SEED


def test_a_ppk_token_sees_its_own_agencys_cases(live: Live) -> None:
    """The seed agency's PPK reads, lists and writes its case (another id, so the module's
    seed case stays as registered)."""
    own = live.own_ppk
    assert call(live, "GET", f"/v1/cases/{SEED}", own).status_code == 200
    assert [c["id"] for c in call(live, "GET", "/v1/cases", own).json()] == [SEED]
    made = call(live, "POST", "/v1/cases", own, seed_json(id="own-1"))
    assert made.status_code == 201
    assert made.json()["agency"] == SEED_AGENCY
    moved = call(live, "POST", "/v1/cases/own-1/events", own, json.dumps(SANCTION))
    assert moved.status_code == 201
    # Its stats count its agency's cases, as many as it lists; the supervisor's count all.
    mine = call(live, "GET", "/v1/stats", own).json()
    listed = call(live, "GET", "/v1/cases?limit=1000", own).json()
    assert mine["cases"] == len(listed) >= 2
    assert set(mine["overdue_by_agency"]) <= {SEED_AGENCY}
    everyone = call(live, "GET", "/v1/stats", live.supervisor).json()
    assert everyone["cases"] == len(
        call(live, "GET", "/v1/cases?limit=1000", live.supervisor).json()
    )


def test_an_auditor_reads_but_never_writes(live: Live) -> None:
    """Auditor: GET and stats answered; registering and events refused (403)."""
    a = live.auditor
    assert call(live, "GET", f"/v1/cases/{SEED}", a).status_code == 200
    assert call(live, "GET", "/v1/stats", a).status_code == 200
    refused = call(live, "POST", "/v1/cases", a, seed_json(id="aud-1"))
    assert refused.status_code == 403
    assert refused.json()["detail"] == "token peran 'auditor' hanya boleh membaca"
    assert (
        call(live, "POST", f"/v1/cases/{SEED}/events", a, json.dumps(SANCTION)).status_code == 403
    )


def test_check_answers_what_the_library_answers(live: Live) -> None:
    """POST /v1/check gives the library's assessed report for the case, as of the day asked:
    the report's own JSON, byte for byte (however the service comes to serialize it)."""
    r = call(live, "POST", "/v1/check?as_of=2024-06-01", live.auditor, seed_json())
    assert r.status_code == 200
    case = load_case(examples.path(SEED))
    expected = answer(case, as_of=dt.date(2024, 6, 1))
    assert r.content == expected.model_dump_json().encode()
    assert r.headers["content-type"] == "application/json"
    audited = call(live, "POST", "/v1/audit?as_of=2024-06-01", live.auditor, seed_json())
    assert audited.json()["audit"] == json.loads(expected.assessment.audit.model_dump_json())


@pytest.mark.parametrize(
    "body",
    [
        b'{"id": "a", "id": "b"}',
        b'{"id": "x", "asn": {"status": "pns"}, "election": "pemilu-2019"}',
        b'{"id": NaN}',
        b"[1, 2]",
        b"",
        b"\xff\xfe",
    ],
)
def test_invalid_case_data_gets_the_clis_located_messages(live: Live, body: bytes) -> None:
    """A bad case is a 400 problem document whose problems are the strict reader's and the
    models' located messages, word for word as the command line prints them."""
    r = httpx.post(
        f"{live.url}/v1/check", content=body, headers=bearer(live.supervisor), timeout=60
    )
    assert r.status_code == 400
    assert r.headers["content-type"] == PROBLEM
    with pytest.raises(CaseFileError) as err:
        parse_case(body, "request.json")
    doc = r.json()
    assert [p["text"] for p in doc["problems"]] == err.value.render("id").splitlines()
    assert doc["type"] == "urn:netralitas-rules:problem:invalid-case"
    assert doc["status"] == 400


def test_an_invalid_event_is_refused_with_its_place(live: Live) -> None:
    """An event missing what its kind needs: 400 with the problem at the field it lacks (the
    page places it beside that field), the kind by its name. It was at the whole document,
    with the kind's code."""
    bad = json.dumps({"kind": "sanction_imposed", "date": "2019-07-01"})
    r = call(live, "POST", f"/v1/cases/{SEED}/events", live.supervisor, bad)
    assert r.status_code == 400
    (problem,) = r.json()["problems"]
    assert problem["key_path"] == "track"
    assert problem["text"] == (
        "request.json:1:1: track: peristiwa 'sanksi dijatuhkan' memerlukan jalur tempat sanksi "
        "itu dijatuhkan"
    )


def test_a_duplicate_case_is_a_conflict(live: Live) -> None:
    """Registering an id twice: 409 problem document."""
    r = call(live, "POST", "/v1/cases", live.supervisor, seed_json())
    assert r.status_code == 409
    assert r.json()["type"] == "urn:netralitas-rules:problem:conflict"


def test_the_batch_streams_one_line_per_case_in_order(live: Live) -> None:
    """JSON Lines in, one output or error line per non-blank input line, in order."""
    body = "\n".join([seed_json(), "", "{broken", seed_json(id="b-2")]) + "\n"
    r = call(live, "POST", "/v1/batch", live.auditor, body)
    assert r.status_code == 200
    out = [json.loads(line) for line in r.text.splitlines()]
    assert [o.get("case_id") for o in out] == [SEED, None, "b-2"]
    assert out[1]["line"] == 3
    assert out[1]["problems"][0].startswith("upload.jsonl:3:")


def test_list_filters_by_verdict(live: Live) -> None:
    """GET /v1/cases?status= lists only the cases with that overall verdict."""
    listed = call(live, "GET", "/v1/cases?status=under_sanctioned", live.supervisor).json()
    assert SEED in [c["id"] for c in listed]
    assert call(live, "GET", "/v1/cases?status=none_due", live.supervisor).json() == []
    bad = call(live, "GET", "/v1/cases?status=nope", live.supervisor)
    assert bad.status_code == 400
    assert bad.json()["problems"][0]["key_path"] == "query.status"


def test_a_remembered_token_is_refused_once_its_time_has_passed(tmp_path: Path) -> None:
    """A token the service verified stays valid for ``remember_s`` after another process
    revokes it, and is refused from then on; revoking through the serving store forgets at
    once; without memory every check reads the register."""
    now = [0.0]
    db = tmp_path / "register.sqlite"
    with (
        TokenStore(db, remember_s=5, clock=lambda: now[0]) as served,
        TokenStore(db) as keeper,
    ):
        token, info = keeper.add(Role.SUPERVISOR)
        assert served.check(token) == Principal(info.id, Role.SUPERVISOR, None)
        keeper.revoke(info.id)
        now[0] = 4.9
        assert served.check(token) == Principal(info.id, Role.SUPERVISOR, None)
        now[0] = 5.0
        assert served.check(token) is None
        other, other_info = keeper.add(Role.AUDITOR)
        assert served.check(other) is not None
        served.revoke(other_info.id)
        assert served.check(other) is None
        third, third_info = keeper.add(Role.AUDITOR)
        assert keeper.check(third) is not None
        keeper.revoke(third_info.id)
        assert keeper.check(third) is None


def test_the_token_is_checked_before_the_parameters(live: Live) -> None:
    """No token and a malformed parameter: 401, not 400 (nothing is answered, not even
    what is wrong with the request, without a valid token)."""
    for path in ("/v1/check?as_of=nope", "/v1/audit?as_of=nope", "/v1/cases?limit=0"):
        method = "GET" if path.startswith("/v1/cases") else "POST"
        body = "" if method == "GET" else seed_json()
        assert call(live, method, path, None, body).status_code == 401, path
        assert call(live, method, path, live.auditor, body).status_code == 400, path
