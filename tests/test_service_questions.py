"""``POST /v1/questions`` answers the library's ``questions(case)`` for the case sent, most
decisive first, and refuses a case that is not one as every case route does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from _service import bearer, seed_json, serving
from netralitas_rules import questions
from netralitas_rules.caseio import parse_case
from netralitas_rules.service import Role, TokenStore


def _partial() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(seed_json())
    data.pop("imposed_sanctions")
    act = data["activities"][2]
    act["used_position"] = "unknown"
    act["audience"] = "unknown"
    act["date"] = {"from": "2019-03-01", "to": "2019-03-31"}
    return data


def test_the_questions_route_answers_the_librarys_questions(tmp_path: Path) -> None:
    """The route's questions are ``questions(case)`` of the case sent, in its order; a
    known case raises none; a case missing its id is refused with a located problem."""
    db = tmp_path / "register.sqlite"
    with TokenStore(db) as store:
        token = store.add(Role.AUDITOR)[0]
    data = _partial()
    with serving(db) as url:
        asked = httpx.post(
            f"{url}/v1/questions", content=json.dumps(data), headers=bearer(token), timeout=60
        )
        known = httpx.post(
            f"{url}/v1/questions", content=seed_json(), headers=bearer(token), timeout=60
        )
        data.pop("id")
        refused = httpx.post(
            f"{url}/v1/questions", content=json.dumps(data), headers=bearer(token), timeout=60
        )
        anonymous = httpx.post(f"{url}/v1/questions", content=seed_json(), timeout=60)
    expected = [q.model_dump(mode="json") for q in questions(parse_case(json.dumps(_partial())))]
    assert asked.status_code == 200, asked.text
    assert asked.json() == expected
    assert expected, "the partial seed case raises questions"
    assert known.json() == []
    assert refused.status_code == 400
    assert [p["key_path"] for p in refused.json()["problems"]] == ["id"]
    assert anonymous.status_code == 401
