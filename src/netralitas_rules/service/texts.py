"""The service's messages: the catalogue's ``service.<key>`` in each language
(``data/messages.<lang>.yaml``), and the language a request asks for."""

from __future__ import annotations

from ..messages import msg


def text(key: str, lang: str, **values: object) -> str:
    """The message ``service.<key>`` in ``lang`` with ``values`` filled in."""
    return msg(f"service.{key}", lang, **values)


def language(accept: str | None) -> str:
    """``en`` when the Accept-Language header prefers English, else ``id`` (the default)."""
    if accept and accept.strip().lower().startswith("en"):
        return "en"
    return "id"
