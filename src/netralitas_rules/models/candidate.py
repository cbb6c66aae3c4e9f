"""Candidates (calon) and prospective candidates (bakal calon) in an election."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..vocabulary import Office
from ._base import FactModel
from .unknown import MaybeBool, MaybeDate, MaybeText, Unknown, maybe


class Candidate(FactModel):
    """A person contesting, or preparing to contest, an elected office.

    ``penetapan_date`` is the day the KPU determined the person a candidate; before it the
    person is a bakal calon. When absent, the election's PENETAPAN_CALON stage is used.
    ``party`` is None for an independent (perseorangan) candidate. ``penetapan_date:
    unknown`` says it is not known whether (or when) the person became a calon, so the
    candidate's standing on the act's date is unknown.
    """

    id: str = Field(min_length=1, max_length=200)
    name: str | None = Field(default=None, max_length=500)
    office: Annotated[Office | Unknown, maybe(Office)]
    party: MaybeText = Field(default=None, max_length=200)
    penetapan_date: MaybeDate = None
    asn_id: str | None = Field(
        default=None,
        max_length=200,
        description="The case's ASN, when the candidate is that ASN himself.",
    )
    is_incumbent: MaybeBool = Field(
        default=False, strict=True, description="The incumbent (petahana) head of the region."
    )

    @property
    def is_independent(self) -> bool:
        """True for a candidate nominated without a party (perseorangan); read only on a
        candidate whose party is known."""
        return self.party is None
