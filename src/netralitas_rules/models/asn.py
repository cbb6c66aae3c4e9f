"""The civil servant (pegawai ASN) whose conduct a case is about."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..vocabulary import ActivityKind, AsnStatus, PositionKind, Tier, Track
from ._base import Date, FactModel
from .unknown import MaybeBool, MaybeText, Unknown, maybe


class PriorSanction(FactModel):
    """A sanction imposed earlier; a repeat of conduct of the same nature escalates."""

    date: Date
    track: Track = Track.DISIPLIN
    tier: Tier | None = None
    nature: ActivityKind | None = Field(
        default=None, description="The kind of conduct the earlier sanction was for."
    )
    form: str | None = None


class ASN(FactModel):
    """A pegawai ASN: PNS, PPPK or CPNS.

    ``is_pejabat_asn`` is true for holders of a structural or functional office (the
    "pejabat struktural dan fungsional dalam jabatan negeri" of UU 7/2017 Pasal 282 and the
    "pejabat ASN" of UU Pilkada Pasal 71 and 188); ``is_pejabat_negara`` for state officials
    such as ministers or regional heads (UU 7/2017 Pasal 547).
    """

    id: str = Field(min_length=1, max_length=200)
    name: str | None = Field(default=None, max_length=500)
    status: AsnStatus
    position_kind: Annotated[PositionKind | Unknown, maybe(PositionKind)]
    is_pejabat_asn: MaybeBool = Field(default=False, strict=True)
    is_pejabat_negara: MaybeBool = Field(default=False, strict=True)
    on_unpaid_leave: MaybeBool = Field(
        default=False, strict=True, description="On cuti di luar tanggungan negara (CLTN)."
    )
    agency: MaybeText = Field(default=None, max_length=500)
    unit: MaybeText = Field(default=None, max_length=500)
    region: MaybeText = Field(default=None, max_length=500)
    prior_sanctions: tuple[PriorSanction, ...] = ()
