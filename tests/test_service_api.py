"""The service against its own OpenAPI document: the document validates (OpenAPI 3.1),
and data generated from it (schemathesis) never gets a 5xx or an answer that breaks the
document's response schemas, on every operation, with a supervisor's token, on SQLite and
on PostgreSQL (half the examples on each: the routes are the same, the databases differ in
what they give back, such as a moment's time zone)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from _profiles import examples
from _service import DATABASES, bearer, fresh_database, seed_json, serving
from netralitas_rules.service import Role, TokenStore

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@schemathesis.serializer("application/jsonl")
def _jsonl(ctx: schemathesis.SerializationContext, value: Any) -> bytes:
    """The batch's body: generated text as it is (a string schema), anything else as JSON."""
    del ctx
    return value.encode() if isinstance(value, str) else json.dumps(value).encode()


@pytest.fixture(scope="module", params=DATABASES)
def module_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh register database for the module, on each backend."""
    return fresh_database(request, tmp_path_factory.mktemp("service"))


@pytest.fixture(scope="module")
def api(module_db: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """A live service with the seed case registered, its token and its OpenAPI document."""
    db = module_db
    with TokenStore(db) as store:
        token = store.add(Role.SUPERVISOR)[0]
    with serving(db) as url:
        seeded = httpx.post(
            f"{url}/v1/cases", content=seed_json(), headers=bearer(token), timeout=60
        )
        assert seeded.status_code == 201
        doc = httpx.get(f"{url}/openapi.json", headers=bearer(token), timeout=60).json()
        yield url, token, doc


def test_the_openapi_document_validates(api: tuple[str, str, dict[str, Any]]) -> None:
    """The document is valid OpenAPI 3.1 and describes every route."""
    from openapi_spec_validator import validate

    doc = api[2]
    validate(doc)
    assert sorted(doc["paths"]) == [
        "/v1/audit",
        "/v1/batch",
        "/v1/cases",
        "/v1/cases/{case_id}",
        "/v1/cases/{case_id}/events",
        "/v1/cases/{case_id}/log",
        "/v1/check",
        "/v1/questions",
        "/v1/stats",
    ]


def test_generated_requests_get_no_5xx_and_answers_that_fit_the_schema(
    api: tuple[str, str, dict[str, Any]], tmp_path: Path
) -> None:
    """schemathesis: every operation, generated data, no server error, every response's
    status, content type and body as the document says."""
    url, token, doc = api
    del tmp_path
    schema = schemathesis.openapi.from_dict(doc)
    ops = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert ops
    strategy = st.one_of([op.as_strategy() for op in ops])

    @settings(
        max_examples=examples(200),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(case=strategy)
    def run(case: schemathesis.Case[Any]) -> None:
        case.call_and_validate(base_url=url, headers=bearer(token), checks=CHECKS, timeout=60)

    run()
