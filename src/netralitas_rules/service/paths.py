"""The case id in an address: ``/v1/cases/{case_id:case_id}`` and the page's
``/web/cases/{case_id:case_id}``.

A case id may hold a slash (a Bawaslu register number: ``001/LP/PL/Kab/05.07/II/2019``).
A client percent-encodes it (``%2F``, as the page's script does with
``encodeURIComponent``), but the server decodes the address before routing, so with
Starlette's default (``[^/]+``) such a case was registered and then unreachable. This
convertor takes one or more characters, slashes included; the routes under a case
(``.../events``, ``.../log``) are declared before the case's own route, so their last
segment is theirs. (A case id that itself ends in ``/log`` or ``/events`` is read as that
route of the case before it.)
"""

from __future__ import annotations

from starlette.convertors import CONVERTOR_TYPES, Convertor, register_url_convertor

CASE_ID = "case_id"
"""The convertor's name in a route's address: ``{case_id:case_id}``."""


class CaseIdConvertor(Convertor[str]):
    """One or more characters, slashes included."""

    regex = ".+"

    def convert(self, value: str) -> str:
        """The id as the address (decoded) holds it."""
        return value

    def to_string(self, value: str) -> str:
        """The id written into an address (``url_path_for``)."""
        return value


if CASE_ID not in CONVERTOR_TYPES:
    register_url_convertor(CASE_ID, CaseIdConvertor())
