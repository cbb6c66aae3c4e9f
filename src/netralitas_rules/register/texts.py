"""The register's messages: the catalogue's ``register.error.<key>`` in each language
(``data/messages.<lang>.yaml``)."""

from __future__ import annotations

from ..messages import msg


def text(key: str, lang: str, **values: object) -> str:
    """The message ``register.error.<key>`` in ``lang`` with ``values`` filled in."""
    return msg(f"register.error.{key}", lang, **values)
