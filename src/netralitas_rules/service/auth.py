"""The token check every route depends on: no valid token, no answer (401).

The dependencies are coroutines: FastAPI runs a plain function in a worker thread, and
that hop cost more than the check itself (a remembered token, or one database read)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..engine import Engine
from ..register import Register
from .problems import RefusalError
from .texts import language, text
from .tokens import Principal, TokenStore

bearer = HTTPBearer(
    auto_error=False,
    description="A token made with `netralitas register token add` (ntr_<id>.<secret>).",
)


@dataclass(frozen=True)
class Service:
    """What the routes share: the register, its tokens and the engine that judges."""

    register: Register
    tokens: TokenStore
    engine: Engine


def service_of(request: Request) -> Service:
    """The service the app was made for."""
    found: Service = request.app.state.service
    return found


async def service(request: Request) -> Service:
    """:func:`service_of`, as a dependency."""
    return service_of(request)


def authorized(request: Request, credentials: HTTPAuthorizationCredentials | None) -> Principal:
    """The caller, by its token; a 401 problem without a valid one."""
    sent = credentials is not None and credentials.scheme.lower() == "bearer"
    who = (
        service_of(request).tokens.check(credentials.credentials) if credentials and sent else None
    )
    if who is None:
        lang = language(request.headers.get("accept-language"))
        why = text("bad_token" if sent else "no_token", lang)
        raise RefusalError(401, "unauthorized", why, headers={"WWW-Authenticate": "Bearer"})
    request.state.token_id = who.token_id  # for the access log: the id, never the token
    return who


async def principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    """:func:`authorized`, as a dependency."""
    return authorized(request, credentials)


async def writer(request: Request, who: Annotated[Principal, Depends(principal)]) -> Principal:
    """The caller, if its role may write; a 403 problem otherwise."""
    if not who.role.writes:
        lang = language(request.headers.get("accept-language"))
        raise RefusalError(403, "forbidden", text("read_only", lang, role=who.role.value))
    return who


Caller = Annotated[Principal, Depends(principal)]
Writer = Annotated[Principal, Depends(writer)]
State = Annotated[Service, Depends(service)]
