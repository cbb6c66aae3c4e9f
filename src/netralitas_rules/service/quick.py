"""``POST /v1/check`` as the usual client sends it, answered without the framework's routing
and dependency resolution; every other request, and every request this cannot answer
exactly as the route would, goes on to the routes.

The usual request: a bearer token the token store accepts, no query string or only
``as_of=YYYY-MM-DD``, a body that comes whole and reads as a case. Its answer is the
route's own (:func:`.stateless.check_response`: the report serialized once). Anything
else (no token or a refused one, another parameter or a malformed day, a body too long
or declared so, a client gone, a body that is not a case, an error while answering) is handed to the
application with the body messages already read given back first, so the route judges it
from the start and answers it exactly as it always did (a 401, a 400 with the located
messages, a 500 with its log line). Nothing is logged or kept here: an error is the
route's to report.

Per request this spares the routing over every route, FastAPI's solving of the route's
dependencies (the token, the state, the query) and its request handler: about 0.2 ms of
the 0.7 ms a check took in process (docs/service.md, Session 9). The OpenAPI document
still comes from the route, which stays declared as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..yamlpos import MAX_FILE_BYTES
from .auth import Service
from .body import case_of, declared_length
from .stateless import check_response

PATH = "/v1/check"

_DAY = re.compile(rb"as_of=(\d{4}-\d{2}-\d{2})")


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization`` header value, read as the routes read it
    (``HTTPBearer(auto_error=False)``, then :func:`.auth.authorized`): the scheme before
    the first space, ``Bearer`` in any case, the rest stripped and not empty. None
    otherwise."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if not scheme or not token or scheme.lower() != "bearer":
        return None
    return token


def header(scope: Scope, name: bytes) -> str | None:
    """The first value of the header ``name`` (lower case), as Starlette's ``Headers.get``
    reads it (latin-1)."""
    for key, value in scope["headers"]:
        if key == name:
            text: str = value.decode("latin-1")
            return text
    return None


def day_asked(query: bytes) -> dt.date | None:
    """The day of handling a query string asks for: today when it is empty, the day of
    ``as_of=YYYY-MM-DD`` when it is exactly that and the date exists; None for any other
    query (the route reads it, and words what is wrong)."""
    if not query:
        return dt.date.today()
    found = _DAY.fullmatch(query)
    if found is None:
        return None
    try:
        return dt.date.fromisoformat(found.group(1).decode("ascii"))
    except ValueError:
        return None


class Received:
    """The messages read from a request's ``receive`` (and the error it raised, if any),
    to be given back to the routes in the same order (:meth:`replay`)."""

    def __init__(self, receive: Receive) -> None:
        self.receive = receive
        self.messages: list[Message] = []
        self.error: Exception | None = None

    async def body(self) -> bytes | None:
        """The request's body; None when the client is gone, the body is longer than a
        case file may be or reading failed (the route reads and refuses it as it always
        has, from the messages given back)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            try:
                message = await self.receive()
            except Exception as exc:
                self.error = exc
                return None
            self.messages.append(message)
            if message["type"] != "http.request":
                return None
            chunk: bytes = message.get("body", b"")
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                return None
            if not message.get("more_body", False):
                return b"".join(chunks)

    def replay(self) -> Receive:
        """``receive`` as the routes would have met it: the messages read first, then
        the error it raised, or the messages still to come."""
        pending = deque(self.messages)
        error = self.error

        async def again() -> Message:
            nonlocal error
            if pending:
                return pending.popleft()
            if error is not None:
                raised, error = error, None
                raise raised
            return await self.receive()

        return again


class QuickCheck:
    """The middleware that answers the usual ``POST /v1/check`` itself (inside the access
    log and the body limit, outside the routes' exception handlers, which it never needs:
    whatever it cannot answer goes to the routes)."""

    def __init__(self, app: ASGIApp, service: Service) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] != PATH
            or scope["method"] != "POST"
            or scope.get("root_path")
        ):
            await self.app(scope, receive, send)
            return
        day = day_asked(scope["query_string"])
        token = bearer_token(header(scope, b"authorization"))
        try:
            who = None if day is None or token is None else self.service.tokens.check(token)
        except Exception:  # the register unreachable: the route words it (503)
            who = None
        declared = declared_length(header(scope, b"content-length"))
        if day is None or who is None or (declared is not None and declared > MAX_FILE_BYTES):
            # A body declared longer than the limit: the route refuses it by its declared
            # length, unread (reading it here first would take the limit's worth of it).
            await self.app(scope, receive, send)
            return
        received = Received(receive)
        body = await received.body()
        try:
            response = None if body is None else check_response(self.service, case_of(body), day)
        except Exception:  # the route meets it again and answers it as it always has
            response = None
        if response is None:
            await self.app(scope, received.replay(), send)
            return
        scope.setdefault("state", {})["token_id"] = who.token_id  # for the access log
        await response(scope, receive, send)
