"""netralitas-rules: the Indonesian law on the political neutrality of civil servants (ASN)
as executable, versioned, tested rules.

>>> from netralitas_rules import evaluate, load_case
>>> report = evaluate(load_case("examples/muaro-jambi-2019.yaml"))  # doctest: +SKIP
>>> [f.provision_id for f in report.findings]  # doctest: +SKIP
['se71-e', 'pp53-4-1', 'pp53-4-13-a', 'pp53-4-1', 'pp53-4-13-b']
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .assessed import AssessedReport, answer
    from .caseio import case_to_data, load_case, parse_case
    from .citation import Citation, CitationPart, parse_citation
    from .completion import TooManyUnknownsError
    from .conditions import Condition, parse_condition
    from .deciding import Question, questions
    from .elections import shipped_election, shipped_elections
    from .engine import BACKENDS, CompiledRuleSet, Engine, compile_rules, get_engine
    from .errors import (
        BackendUnavailableError,
        CaseFileError,
        CitationError,
        NetralitasError,
        NoVersionInForceError,
        Problem,
        RegulationSetError,
        RuleFileError,
        UnknownElectionError,
    )
    from .facts import FACTS, fact_record
    from .findings import DecidingFact, Evidence, Finding, FindingStatus, Report, Stamp
    from .loader import RegulationSet, load_regulations, load_rule_file
    from .models import (
        ASN,
        UNKNOWN,
        Activity,
        Candidate,
        Case,
        DateRange,
        Election,
        ImposedSanction,
        Official,
        PriorSanction,
        Relationship,
        Stage,
        Tie,
        Unknown,
    )
    from .plausibility import PlausibilityWarning, plausibility_warnings
    from .regulation import Provision, RegulationFile
    from .sanctions import (
        Assessment,
        Audit,
        TrackAudit,
        TrackRecommendation,
        Verdict,
        assess,
        recommend,
    )
    from .sanctions.audit import audit
    from .validation import CaseModelError
    from .vocabulary import (
        ActivityKind,
        AsnStatus,
        Attribute,
        Audience,
        BreachImpact,
        CandidateStanding,
        Certainty,
        Channel,
        ElectionKind,
        Kinship,
        Office,
        PositionKind,
        TieKind,
        Tier,
        Track,
    )

# Public names and the module each comes from. They are imported on first use (PEP 562),
# so a command that needs only part of the library (``netralitas batch``) does not pay
# for the rest at start-up.
_LAZY: dict[str, str] = {
    "case_to_data": "caseio",
    "load_case": "caseio",
    "parse_case": "caseio",
    "Citation": "citation",
    "CitationPart": "citation",
    "parse_citation": "citation",
    "Condition": "conditions",
    "parse_condition": "conditions",
    "shipped_election": "elections",
    "shipped_elections": "elections",
    "BACKENDS": "engine",
    "CompiledRuleSet": "engine",
    "Engine": "engine",
    "compile_rules": "engine",
    "get_engine": "engine",
    "BackendUnavailableError": "errors",
    "CaseFileError": "errors",
    "CaseModelError": "validation",
    "CitationError": "errors",
    "NetralitasError": "errors",
    "NoVersionInForceError": "errors",
    "Problem": "errors",
    "RegulationSetError": "errors",
    "RuleFileError": "errors",
    "UnknownElectionError": "errors",
    "TooManyUnknownsError": "completion",
    "FACTS": "facts",
    "fact_record": "facts",
    "DecidingFact": "findings",
    "Evidence": "findings",
    "FindingStatus": "findings",
    "Finding": "findings",
    "Report": "findings",
    "Stamp": "findings",
    "RegulationSet": "loader",
    "load_regulations": "loader",
    "load_rule_file": "loader",
    "ASN": "models",
    "Activity": "models",
    "Candidate": "models",
    "Case": "models",
    "DateRange": "models",
    "UNKNOWN": "models",
    "Unknown": "models",
    "Election": "models",
    "ImposedSanction": "models",
    "Official": "models",
    "PriorSanction": "models",
    "Relationship": "models",
    "Stage": "models",
    "Tie": "models",
    "PlausibilityWarning": "plausibility",
    "plausibility_warnings": "plausibility",
    "Question": "deciding",
    "questions": "deciding",
    "Provision": "regulation",
    "RegulationFile": "regulation",
    "AssessedReport": "assessed",
    "answer": "assessed",
    "Assessment": "sanctions",
    "Audit": "sanctions",
    "TrackAudit": "sanctions",
    "TrackRecommendation": "sanctions",
    "Verdict": "sanctions",
    "assess": "sanctions",
    "audit": "sanctions",
    "recommend": "sanctions",
    "ActivityKind": "vocabulary",
    "Attribute": "vocabulary",
    "Audience": "vocabulary",
    "BreachImpact": "vocabulary",
    "CandidateStanding": "vocabulary",
    "Channel": "vocabulary",
    "AsnStatus": "vocabulary",
    "Certainty": "vocabulary",
    "ElectionKind": "vocabulary",
    "Kinship": "vocabulary",
    "Office": "vocabulary",
    "PositionKind": "vocabulary",
    "TieKind": "vocabulary",
    "Tier": "vocabulary",
    "Track": "vocabulary",
}


def __getattr__(name: str) -> Any:
    if name == "examples":
        # The shipped examples are a data subpackage (``examples.path(name)``).
        value = importlib.import_module(".examples", __name__)
        globals()[name] = value
        return value
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    loaded = importlib.import_module(f".{module}", __name__)
    value = getattr(loaded, name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__version__ = "0.1.0"


def evaluate(
    case: Case, *, at: dt.date | None = None, strict: bool = False, backend: str = "python"
) -> Report:
    """Evaluate a case against the shipped regulations with the given backend."""
    from .engine import get_engine

    return get_engine(backend).evaluate(case, at=at, strict=strict)


def check(
    case: Case,
    *,
    as_of: dt.date | None = None,
    at: dt.date | None = None,
    strict: bool = False,
    backend: str = "python",
) -> AssessedReport:
    """The whole answer for a case in one call: the findings, and the recommendation,
    routing, conflicts and audit as a typed ``assessment`` (as of ``as_of``, the day of
    handling, today by default).

    >>> from netralitas_rules import check, examples, load_case
    >>> answer = check(load_case(examples.path("muaro-jambi-2019")))  # doctest: +SKIP
    >>> answer.assessment.audit.overall  # doctest: +SKIP
    <Verdict.UNDER_SANCTIONED: 'under_sanctioned'>
    """
    from .assessed import answer
    from .engine import get_engine

    return answer(
        case, as_of=as_of or dt.date.today(), engine=get_engine(backend), at=at, strict=strict
    )


__all__ = [
    "ASN",
    "BACKENDS",
    "FACTS",
    "UNKNOWN",
    "Activity",
    "ActivityKind",
    "AsnStatus",
    "AssessedReport",
    "Assessment",
    "Attribute",
    "Audience",
    "Audit",
    "BackendUnavailableError",
    "BreachImpact",
    "Candidate",
    "CandidateStanding",
    "Case",
    "CaseFileError",
    "CaseModelError",
    "Certainty",
    "Channel",
    "Citation",
    "CitationError",
    "CitationPart",
    "CompiledRuleSet",
    "Condition",
    "DateRange",
    "DecidingFact",
    "Election",
    "ElectionKind",
    "Engine",
    "Evidence",
    "Finding",
    "FindingStatus",
    "ImposedSanction",
    "Kinship",
    "NetralitasError",
    "NoVersionInForceError",
    "Office",
    "Official",
    "PlausibilityWarning",
    "PositionKind",
    "PriorSanction",
    "Problem",
    "Provision",
    "Question",
    "RegulationFile",
    "RegulationSet",
    "RegulationSetError",
    "Relationship",
    "Report",
    "RuleFileError",
    "Stage",
    "Stamp",
    "Tie",
    "TieKind",
    "Tier",
    "TooManyUnknownsError",
    "Track",
    "TrackAudit",
    "TrackRecommendation",
    "Unknown",
    "UnknownElectionError",
    "Verdict",
    "answer",
    "assess",
    "audit",
    "case_to_data",
    "check",
    "compile_rules",
    "evaluate",
    "examples",
    "fact_record",
    "get_engine",
    "load_case",
    "load_regulations",
    "load_rule_file",
    "parse_case",
    "parse_citation",
    "parse_condition",
    "plausibility_warnings",
    "questions",
    "recommend",
    "shipped_election",
    "shipped_elections",
]
