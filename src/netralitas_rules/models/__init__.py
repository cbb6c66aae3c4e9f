"""Case facts: the ASN, candidates, the election calendar, activities, relationships."""

from .activity import Activity
from .asn import ASN, PriorSanction
from .candidate import Candidate
from .case import Case, ImposedSanction, Official
from .election import Election, OfficePenetapan, Stage
from .relationship import Relationship, Tie
from .unknown import UNKNOWN, DateRange, Unknown

__all__ = [
    "ASN",
    "UNKNOWN",
    "Activity",
    "Candidate",
    "Case",
    "DateRange",
    "Election",
    "ImposedSanction",
    "OfficePenetapan",
    "Official",
    "PriorSanction",
    "Relationship",
    "Stage",
    "Tie",
    "Unknown",
]
