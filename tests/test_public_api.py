"""The public API: a sorted, importable, pinned `__all__`."""

from __future__ import annotations

import importlib

import netralitas_rules
import netralitas_rules.testing

PINNED = [
    "ASN",
    "Activity",
    "ActivityKind",
    "AsnStatus",
    "AssessedReport",
    "Assessment",
    "Attribute",
    "Audience",
    "BreachImpact",
    "Audit",
    "BACKENDS",
    "BackendUnavailableError",
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
    "FACTS",
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
    "UNKNOWN",
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


TESTING_PINNED = [
    "CaseResult",
    "CoverageReport",
    "ExpectedFinding",
    "PolicyCase",
    "TestFile",
    "discover",
    "load_test_file",
    "load_test_files",
    "measure",
    "parse_test_file",
    "properties",
    "run_case",
    "run_cases",
    "strategies",
]


def _ruff_order(name: str) -> tuple[int, str]:
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_is_sorted() -> None:
    """`__all__` is sorted (upper-case names first, as ruff sorts them)."""
    names = netralitas_rules.__all__
    assert names == sorted(names, key=_ruff_order)
    assert len(names) == len(set(names))


def test_every_name_is_importable() -> None:
    """Every exported name resolves with `from netralitas_rules import <name>`."""
    module = importlib.import_module("netralitas_rules")
    for name in netralitas_rules.__all__:
        assert getattr(module, name) is not None, name


def test_pinned_names_stay_public() -> None:
    """The pinned names stay exported: removing one breaks users. Additions are allowed
    only by extending the pinned list in the same change."""
    assert sorted(netralitas_rules.__all__) == sorted(PINNED)


def test_every_error_is_a_netralitas_error() -> None:
    """Every exported exception derives from NetralitasError."""
    errors = [getattr(netralitas_rules, n) for n in netralitas_rules.__all__ if n.endswith("Error")]
    assert len(errors) == 10
    for error in errors:
        assert issubclass(error, netralitas_rules.NetralitasError), error


def test_version() -> None:
    """The package version matches the distribution metadata."""
    from importlib import metadata

    assert netralitas_rules.__version__ == metadata.version("netralitas-rules")


def test_testing_subpackage_api_is_pinned_and_importable() -> None:
    """`netralitas_rules.testing` exports a sorted, pinned `__all__`, every name importable
    (strategies and properties are its submodules)."""
    names = netralitas_rules.testing.__all__
    assert names == sorted(names, key=_ruff_order)
    assert names == TESTING_PINNED
    module = importlib.import_module("netralitas_rules.testing")
    for name in names:
        if name in ("properties", "strategies"):  # submodules, imported on demand
            importlib.import_module(f"netralitas_rules.testing.{name}")
        assert getattr(module, name) is not None, name
    from netralitas_rules.testing import properties, strategies

    assert properties.PropertyViolationError.__mro__[1] is netralitas_rules.NetralitasError
    assert callable(strategies.cases)


def test_sanctions_entry_points_are_the_sanctions_package_ones() -> None:
    """The top-level sanction names are the very objects of `netralitas_rules.sanctions`."""
    from netralitas_rules import sanctions

    for name in ("assess", "audit", "recommend", "Assessment", "Audit", "Verdict"):
        assert getattr(netralitas_rules, name) is getattr(sanctions, name), name


def test_no_submodule_is_named_like_a_public_name() -> None:
    """Importing a submodule binds its name on the package, so a submodule named like a
    public function would replace the function once anything imported it (it happened to
    ``questions``)."""
    import pkgutil

    import netralitas_rules

    submodules = {m.name for m in pkgutil.iter_modules(netralitas_rules.__path__)}
    assert sorted(submodules & set(netralitas_rules.__all__)) == []
