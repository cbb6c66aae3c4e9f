"""Activities: what an ASN did, when, toward whom, and the facts rules need."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..vocabulary import ActivityKind, Attribute, Audience, BreachImpact, Channel
from ._base import FactModel
from .unknown import ActDate, MaybeBool, MaybeCount, MaybeText, Unknown, maybe


class Activity(FactModel):
    """One act of an ASN.

    ``candidate_ids`` names the (bakal) candidates the act supported or harmed; an act with
    several targets is judged once per target. ``used_position`` records that the ASN used
    the authority of his office for the act (menyalahgunakan wewenang). ``established:
    false`` records an allegation the examining authority found not proven: reports name
    the act and judge none of it.
    """

    id: str = Field(min_length=1, max_length=200)
    asn_id: str | None = Field(
        default=None, description="The acting ASN; defaults to the case's ASN."
    )
    date: ActDate
    kind: Annotated[ActivityKind | Unknown, maybe(ActivityKind)]
    candidate_ids: tuple[str, ...] = ()
    party: MaybeText = Field(default=None, max_length=200)
    attributes_worn: Annotated[tuple[Attribute, ...] | Unknown, maybe(tuple[Attribute, ...])] = ()
    state_facility: MaybeText = Field(
        default=None, max_length=500, description="The state facility used, if any."
    )
    asn_mobilised: MaybeCount = Field(default=0, ge=0, le=10_000_000, strict=True)
    channel: Annotated[Channel | Unknown | None, maybe(Channel | None)] = None
    platform: MaybeText = Field(default=None, max_length=200)
    audience: Annotated[tuple[Audience, ...] | Unknown, maybe(tuple[Audience, ...])] = ()
    public: MaybeBool = Field(default=False, strict=True, description="Visible to the public.")
    in_official_duty: MaybeBool = Field(
        default=False,
        strict=True,
        description="Done as part of an official assignment (tugas kedinasan).",
    )
    used_position: MaybeBool = Field(default=False, strict=True)
    partisan_gesture: MaybeBool = Field(
        default=False, strict=True, description="A hand sign or gesture showing partisanship."
    )
    partisan_backdrop: MaybeBool = Field(
        default=False,
        strict=True,
        description="The photo's background or props relate to a party or a candidate.",
    )
    active_support: MaybeBool = Field(
        default=False, strict=True, description="Gave active support beyond mere presence."
    )
    government_programme: MaybeBool = Field(
        default=False,
        strict=True,
        description="The act used a government programme, an aid handover or a public service "
        "to solicit support (program pemerintah, penyerahan bantuan).",
    )
    resigned: MaybeBool = Field(
        default=False,
        strict=True,
        description="For a candidacy: the ASN has resigned in writing (mengundurkan diri "
        "secara tertulis) from the civil service.",
    )
    impact: Annotated[BreachImpact | Unknown | None, maybe(BreachImpact | None)] = Field(
        default=None,
        description="The breach's negative impact as the examining official assesses it "
        "(dampak: unit kerja, instansi, pemerintah/negara), which tiers a breach of a duty "
        "(PP 53/2010 Pasal 8-10); not stated by default.",
    )
    established: bool = Field(
        default=True,
        strict=True,
        description="False when the examining authority found this alleged act not proven "
        "(tidak terbukti): the act is kept on record and named in the report, but not judged.",
    )
    description: str | None = Field(default=None, max_length=10_000)
