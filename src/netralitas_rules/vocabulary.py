"""Closed vocabularies shared by case files, rule files and findings.

Terms the law defines keep the statute's Indonesian spelling as enum values (``PNS``,
``SEDANG``, ``BAKAL_CALON``); machinery vocabulary that the law only describes in prose
(activity kinds, channels) uses English identifiers. ``docs/glossary.md`` maps each value to
its Indonesian term, English gloss and defining article.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class AsnStatus(StrEnum):
    """Employment status of an ASN employee (UU 20/2023 Pasal 6; CPNS per PP 94/2021)."""

    PNS = "PNS"
    PPPK = "PPPK"
    CPNS = "CPNS"


class PositionKind(StrEnum):
    """Kind of position held (jabatan): pimpinan tinggi, administrasi, fungsional, pelaksana."""

    JPT = "JPT"
    ADMINISTRATOR = "ADMINISTRATOR"
    PENGAWAS = "PENGAWAS"
    FUNGSIONAL = "FUNGSIONAL"
    PELAKSANA = "PELAKSANA"


class Office(StrEnum):
    """Elected office a candidate contests."""

    PRESIDEN = "PRESIDEN"
    WAKIL_PRESIDEN = "WAKIL_PRESIDEN"
    DPR = "DPR"
    DPD = "DPD"
    DPRD_PROVINSI = "DPRD_PROVINSI"
    DPRD_KABUPATEN_KOTA = "DPRD_KABUPATEN_KOTA"
    GUBERNUR = "GUBERNUR"
    WAKIL_GUBERNUR = "WAKIL_GUBERNUR"
    BUPATI = "BUPATI"
    WAKIL_BUPATI = "WAKIL_BUPATI"
    WALI_KOTA = "WALI_KOTA"
    WAKIL_WALI_KOTA = "WAKIL_WALI_KOTA"


class ElectionKind(StrEnum):
    """Pemilu (UU 7/2017: President, DPR, DPD, DPRD) or Pilkada (UU 1/2015 jo. UU 10/2016)."""

    PEMILU = "PEMILU"
    PILKADA = "PILKADA"


ELECTION_OFFICES: Mapping[ElectionKind, tuple[Office, ...]] = {
    ElectionKind.PEMILU: (
        Office.PRESIDEN,
        Office.WAKIL_PRESIDEN,
        Office.DPR,
        Office.DPD,
        Office.DPRD_PROVINSI,
        Office.DPRD_KABUPATEN_KOTA,
    ),
    ElectionKind.PILKADA: (
        Office.GUBERNUR,
        Office.WAKIL_GUBERNUR,
        Office.BUPATI,
        Office.WAKIL_BUPATI,
        Office.WALI_KOTA,
        Office.WAKIL_WALI_KOTA,
    ),
}
"""The offices each kind of election fills (UU 7/2017 Pasal 1 angka 1; UU 1/2015 Pasal 1),
in the order :class:`Office` declares them."""


class StageKind(StrEnum):
    """Election stages (tahapan) whose dates the rules depend on."""

    PENDAFTARAN = "PENDAFTARAN"
    PENETAPAN_CALON = "PENETAPAN_CALON"
    MASA_KAMPANYE = "MASA_KAMPANYE"
    MASA_TENANG = "MASA_TENANG"
    PEMUNGUTAN_SUARA = "PEMUNGUTAN_SUARA"


class CandidateStanding(StrEnum):
    """Before KPU penetapan a person is a bakal calon; from penetapan on, a calon."""

    BAKAL_CALON = "BAKAL_CALON"
    CALON = "CALON"


class CampaignPhase(StrEnum):
    """Where an act falls relative to the masa kampanye of its election."""

    BEFORE_CAMPAIGN = "before_campaign"
    DURING_CAMPAIGN = "during_campaign"
    AFTER_CAMPAIGN = "after_campaign"


class ActivityKind(StrEnum):
    """Conduct that the violation catalogue of the neutrality rules speaks of."""

    CAMPAIGN_ATTENDANCE = "campaign_attendance"
    CAMPAIGN_ORGANISER = "campaign_organiser"
    PARTY_EVENT_SPEAKER = "party_event_speaker"
    PARTY_EVENT_ATTENDANCE = "party_event_attendance"
    DECLARATION_ATTENDANCE = "declaration_attendance"
    SELF_DECLARATION = "self_declaration"
    BANNER_DISPLAY = "banner_display"
    SOCIAL_MEDIA_POST = "social_media_post"
    SOCIAL_MEDIA_LIKE = "social_media_like"
    SOCIAL_MEDIA_COMMENT = "social_media_comment"
    SOCIAL_MEDIA_SHARE = "social_media_share"
    SOCIAL_MEDIA_FOLLOW = "social_media_follow"
    PARTISAN_PHOTO = "partisan_photo"
    PARTISAN_GATHERING = "partisan_gathering"
    GOODS_GIVING = "goods_giving"
    FAVOURING_DECISION = "favouring_decision"
    STATE_FACILITY_USE = "state_facility_use"
    ASN_MOBILISATION = "asn_mobilisation"
    KTP_SUPPORT_LETTER = "ktp_support_letter"
    PARTY_MEMBERSHIP = "party_membership"
    CANDIDACY = "candidacy"
    PARTY_APPROACH = "party_approach"
    FUND_RAISING = "fund_raising"
    KTP_SUPPORT_COLLECTION = "ktp_support_collection"


class Attribute(StrEnum):
    """Attributes worn or shown: party, civil service (Korpri, official uniform), candidate."""

    PARTY = "party"
    ASN = "asn"
    CANDIDATE = "candidate"


class Channel(StrEnum):
    """How the conduct reached its audience."""

    IN_PERSON = "in_person"
    SOCIAL_MEDIA = "social_media"
    MESSAGING = "messaging"
    PRINT = "print"
    BROADCAST = "broadcast"
    OFFICIAL_DOCUMENT = "official_document"
    OTHER = "other"


class BreachImpact(StrEnum):
    """The negative impact of a breach of a duty (kewajiban), as the examining official
    assesses it: PP 53/2010 Pasal 8-10 and PP 94/2021 tier the breach of some duties by it."""

    NO_IMPACT = "no_impact"
    WORK_UNIT = "work_unit"
    AGENCY = "agency"
    GOVERNMENT = "government"


class Audience(StrEnum):
    """Who the conduct was aimed at (UU 7/2017 Pasal 283 ayat (2) names these groups)."""

    COLLEAGUES = "colleagues"
    SUBORDINATES = "subordinates"
    FAMILY = "family"
    PUBLIC = "public"
    PARTY = "party"


class Kinship(StrEnum):
    """Family relationship between two persons; ``OTHER_KIN`` carries a degree."""

    SPOUSE = "spouse"
    PARENT = "parent"
    CHILD = "child"
    SIBLING = "sibling"
    IN_LAW = "in_law"
    OTHER_KIN = "other_kin"


class TieKind(StrEnum):
    """A tie between two persons that is not kinship: the candidate is the ASN's superior or
    former superior, or chairs an association the ASN belongs to."""

    SUPERIOR = "superior"
    FORMER_SUPERIOR = "former_superior"
    ASSOCIATION_CHAIR = "association_chair"
    OTHER = "other"


class OfficialRole(StrEnum):
    """Officials who must act on a case."""

    PPK = "PPK"
    ATASAN_LANGSUNG = "ATASAN_LANGSUNG"
    PEJABAT_BERWENANG = "PEJABAT_BERWENANG"


class Track(StrEnum):
    """Independent legal tracks a single act can open."""

    ETIK = "ETIK"
    DISIPLIN = "DISIPLIN"
    PIDANA = "PIDANA"
    STATUS_KEPEGAWAIAN = "STATUS_KEPEGAWAIAN"


class Tier(StrEnum):
    """Discipline tiers (tingkat hukuman disiplin), PP 53/2010 Pasal 7 and PP 94/2021 Pasal 8."""

    RINGAN = "RINGAN"
    SEDANG = "SEDANG"
    BERAT = "BERAT"

    @property
    def rank(self) -> int:
        """Order of severity: RINGAN 1, SEDANG 2, BERAT 3."""
        return _TIER_RANK[self]


_TIER_RANK = {Tier.RINGAN: 1, Tier.SEDANG: 2, Tier.BERAT: 3}

TIER_BY_RANK: Mapping[int, Tier] = {rank: tier for tier, rank in _TIER_RANK.items()}
"""Each tier by its :attr:`Tier.rank` (``TIER_BY_RANK[2]`` is SEDANG)."""


class Certainty(StrEnum):
    """How sure the encoded reading of the law is, by the sources behind it."""

    VERIFIED = "verified"
    SINGLE_SOURCE = "single_source"
    INFERRED = "inferred"
    CONTESTED = "contested"
    UNRESOLVED = "unresolved"
    UNVERIFIED = "unverified"


class InstrumentKind(StrEnum):
    """Kinds of legal instrument, with their full Indonesian names for citations."""

    UU = "UU"
    PERPPU = "PERPPU"
    PP = "PP"
    PERPRES = "PERPRES"
    SE = "SE"
    SKB = "SKB"
    PUTUSAN_MK = "PUTUSAN_MK"

    @property
    def full_name(self) -> str:
        """The name used when a citation is rendered in full."""
        return _INSTRUMENT_NAMES[self]


_INSTRUMENT_NAMES = {
    InstrumentKind.UU: "Undang-Undang",
    InstrumentKind.PERPPU: "Peraturan Pemerintah Pengganti Undang-Undang",
    InstrumentKind.PP: "Peraturan Pemerintah",
    InstrumentKind.PERPRES: "Peraturan Presiden",
    InstrumentKind.SE: "Surat Edaran",
    InstrumentKind.SKB: "Keputusan Bersama",
    InstrumentKind.PUTUSAN_MK: "Putusan Mahkamah Konstitusi",
}
