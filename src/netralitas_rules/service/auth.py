"""The token check every route depends on: no valid token, no answer (401)."""

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
    description="A token made with `netralitas token add` (ntr_<id>.<secret>).",
)


@dataclass(frozen=True)
class Service:
    """What the routes share: the register, its tokens and the engine that judges."""

    register: Register
    tokens: TokenStore
    engine: Engine


def service(request: Request) -> Service:
    """The service the app was made for."""
    found: Service = request.app.state.service
    return found


def principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    """The caller, by its token; a 401 problem without a valid one."""
    lang = language(request.headers.get("accept-language"))
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise RefusalError(401, "unauthorized", text("no_token", lang), headers=challenge)
    who = service(request).tokens.check(credentials.credentials)
    if who is None:
        raise RefusalError(401, "unauthorized", text("bad_token", lang), headers=challenge)
    request.state.token_id = who.token_id  # for the access log: the id, never the token
    return who


def writer(request: Request, who: Annotated[Principal, Depends(principal)]) -> Principal:
    """The caller, if its role may write; a 403 problem otherwise."""
    if not who.role.writes:
        lang = language(request.headers.get("accept-language"))
        raise RefusalError(403, "forbidden", text("read_only", lang, role=who.role.value))
    return who


Caller = Annotated[Principal, Depends(principal)]
Writer = Annotated[Principal, Depends(writer)]
State = Annotated[Service, Depends(service)]
