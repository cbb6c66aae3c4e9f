"""The HTTP/JSON service (``netralitas serve``): the library and the register over HTTP.

Stateless ``POST /v1/check``, ``/v1/audit`` and ``/v1/batch``; the register's
``/v1/cases``, ``/v1/cases/{id}``, ``/v1/cases/{id}/events`` and ``/v1/stats``. Every
request needs a token (:mod:`.tokens`); errors are RFC 9457 problem documents carrying the
library's located messages (:mod:`.problems`). Needs the ``service`` and ``register``
extras. See ``docs/service.md``.
"""

from __future__ import annotations

from .app import create_app, openapi_document
from .tokens import Principal, Role, TokenError, TokenInfo, TokenStore

__all__ = [
    "Principal",
    "Role",
    "TokenError",
    "TokenInfo",
    "TokenStore",
    "create_app",
    "openapi_document",
]
