"""A case whose id has a slash in it, as a Bawaslu register number has
(``001/LP/PL/Kab/05.07/II/2019``), is followed through the service and the page like any
other: registered, read, given events, its log and its page, addressed with the id
percent-encoded as the page's script encodes it (``encodeURIComponent``). It was
registered (201) and then unreachable: the server decodes ``%2F`` before routing, so every
address under the case was a 404. Live ``netralitas serve`` on a free port."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import httpx

from _service import bearer, seed_json, serving
from netralitas_rules.service import Role, TokenStore

TIMEOUT_S = 60
NUMBERS = ("001/LP/PL/Kab/05.07/II/2019", "12/TM/PL/2024", "a?b#c d")


def test_a_case_id_with_slashes_is_followed_like_any_other(tmp_path: Path) -> None:
    """Each id registered, read back, given an event, its log and page served; the lists
    and the address of the lists with a trailing slash are unchanged."""
    db = tmp_path / "register.sqlite"
    with TokenStore(db) as store:
        token = store.add(Role.SUPERVISOR)[0]
    auth = bearer(token)
    with serving(db) as url, httpx.Client(base_url=url, headers=auth, timeout=TIMEOUT_S) as http:
        for number in NUMBERS:
            assert http.post("/v1/cases", content=seed_json(id=number)).status_code == 201
            path = "/v1/cases/" + quote(number, safe="")
            got = http.get(path)
            assert got.status_code == 200, got.text
            assert got.json()["id"] == number
            event = {"kind": "reported", "date": "2019-03-11", "source": "bawaslu_finding"}
            posted = http.post(path + "/events", content=json.dumps(event))
            assert posted.status_code == 201, posted.text
            assert posted.json()["events"] == 1
            log = http.get(path + "/log")
            assert log.status_code == 200, log.text
            assert [e["seq"] for e in log.json()] == [0, 1]
            page = http.get("/web/cases/" + quote(number, safe=""))
            assert page.status_code == 200
            assert "/web/cases/" + quote(number, safe="") + "?lang=en" in page.text
        listed = http.get("/v1/cases").json()
        assert sorted(c["id"] for c in listed) == sorted(NUMBERS)
        slash = http.get("/v1/cases/", follow_redirects=True)
        assert slash.status_code == 200
        assert slash.json() == listed
        missing = http.get("/v1/cases/" + quote("no/such/case", safe=""))
        assert missing.status_code == 404
        assert missing.json()["detail"] == "kasus 'no/such/case' tidak ada di register"
