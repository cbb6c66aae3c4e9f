"""The application factory: routes, problem documents, the access log and the OpenAPI
document (generated from the pydantic models; the request bodies the service reads itself
are described by the same models' validation schemas)."""

from __future__ import annotations

import logging
import re
import time
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__, web
from ..engine import Engine
from ..register import Event, Register
from ..schemas import case_schema
from . import asking, cases, decisions, problems, stateless
from .auth import Caller, Service
from .quick import QuickCheck
from .tokens import TokenStore

access = logging.getLogger("netralitas.service.access")

_REF = re.compile(r"#/\$defs/([^\"/]+)")


def create_app(register: Register, tokens: TokenStore, engine: Engine | None = None) -> FastAPI:
    """The service over ``register``, its callers known by ``tokens``."""
    app = FastAPI(
        title="netralitas-rules",
        version=__version__,
        summary="The neutrality of Indonesian civil servants (ASN): findings, sanctions, "
        "and the supervision register",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # served below, behind a token like every route
    )
    app.state.service = Service(register, tokens, engine or register.engine)
    problems.install(app)
    app.include_router(stateless.router)
    # The log's address ends a case's (/v1/cases/{id}/log, an id may hold slashes): its
    # route is matched before the case's own, which would take 'x/log' as the id.
    app.include_router(decisions.router)
    app.include_router(cases.router)
    app.include_router(asking.router)
    web.install(app)  # the supervisor's page under /web/, a client of the routes above

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(who: Caller) -> JSONResponse:
        del who
        return JSONResponse(openapi_document(app))

    # The usual POST /v1/check answered before the routing (the same answer, a fraction of
    # the framework's cost); inside the access log, which sees it as any other request.
    app.add_middleware(QuickCheck, service=app.state.service)
    app.add_middleware(AccessLog)
    return app


class AccessLog:
    """One log line per request, ids only: the method, the path (case ids), the status,
    the token's id and the time taken. No query string, no body, no client address.
    (Plain ASGI: Starlette's BaseHTTPMiddleware would hold a streamed upload's body.)"""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            state = scope.get("state") or {}
            access.info(
                "%s %s %d token=%s %.1fms",
                scope["method"],
                scope["path"],
                status,
                state.get("token_id", "-"),
                (time.perf_counter() - start) * 1000,
            )


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document, with the request bodies' schemas added as components."""
    if app.openapi_schema is None:
        doc = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            routes=app.routes,
        )
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        for name, schema in (
            ("CaseInput", case_schema()),
            ("EventInput", Event.model_json_schema(mode="validation")),
        ):
            schemas.update(_components(name, schema))
        app.openapi_schema = doc
    return app.openapi_schema


def _components(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema with ``$defs`` as OpenAPI components ``<name>.<def>``."""
    import json

    schema = {k: v for k, v in schema.items() if k != "$schema"}
    defs = schema.pop("$defs", {})
    text = _REF.sub(lambda m: f"#/components/schemas/{name}.{m.group(1)}", json.dumps(schema))
    out: dict[str, Any] = {name: json.loads(text)}
    for key, value in defs.items():
        moved = _REF.sub(lambda m: f"#/components/schemas/{name}.{m.group(1)}", json.dumps(value))
        out[f"{name}.{key}"] = json.loads(moved)
    return out
