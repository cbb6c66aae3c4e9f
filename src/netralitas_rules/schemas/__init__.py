"""JSON Schemas generated from the models, for editors and for checking JSON output.

The committed copies (``rules.schema.json``, ``case.schema.json``, ``report.schema.json``,
``test.schema.json`` in this folder) are regenerated with ``make schemas``; a test fails when
they are stale. ``deadlines.schema.json`` is the handling deadlines' file schema
(:func:`netralitas_rules.deadlines.schema`, kept current by its own test). Every shipped rule
and test file names its schema in a ``# yaml-language-server: $schema=...`` header, for
editors.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ..assessed import AssessedReport
from ..conditions import json_schema as condition_json_schema
from ..models import Case
from ..regulation import RegulationFile

SCHEMA_NAMES = ("rules", "case", "report", "test")
_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _replace_condition_marker(node: Any) -> Any:
    if isinstance(node, dict):
        if node.get("x-netralitas-condition") is True:
            rest = {k: v for k, v in node.items() if k != "x-netralitas-condition"}
            return {**rest, "$ref": "#/$defs/Condition"}
        return {k: _replace_condition_marker(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_replace_condition_marker(v) for v in node]
    return node


def rule_file_schema() -> dict[str, Any]:
    """The schema of a rule file, with the condition language spelled out."""
    schema = _replace_condition_marker(RegulationFile.model_json_schema(mode="validation"))
    schema.setdefault("$defs", {})["Condition"] = condition_json_schema()
    return {"$schema": _DIALECT, "title": "netralitas-rules rule file", **schema}


def case_schema() -> dict[str, Any]:
    """The schema of a case file; ``election`` may also name a shipped calendar."""
    schema = Case.model_json_schema(mode="validation")
    schema["properties"]["election"] = {
        "anyOf": [
            {"$ref": "#/$defs/Election"},
            {"type": "string", "description": "Id of a shipped calendar, e.g. pemilu-2024."},
        ]
    }
    return {"$schema": _DIALECT, "title": "netralitas-rules case", **schema}


def report_schema() -> dict[str, Any]:
    """The schema of ``netralitas check --format json`` output: the report and its
    assessment (:class:`~netralitas_rules.assessed.AssessedReport`)."""
    schema = AssessedReport.model_json_schema(mode="serialization")
    return {"$schema": _DIALECT, "title": "netralitas-rules report", **schema}


def test_file_schema() -> dict[str, Any]:
    """The schema of a policy-writer test file (``regulations/<instrument>/tests/*.yaml``,
    read by :mod:`netralitas_rules.testing.cases`): ``defaults`` and ``cases``, each case
    the facts of a case without ``id`` (its name gives it), ``as_of`` and ``expect``."""
    from ..testing.cases import EXPECT_KEYS, FINDING_KEYS, VERSION_PATTERN
    from ..vocabulary import Tier, Track

    case = case_schema()
    defs = case.pop("$defs")
    facts = {k: v for k, v in case["properties"].items() if k != "id"}
    finding_props: dict[str, Any] = {
        "provision": {"type": "string", "minLength": 1},
        "activity": {"type": "string", "minLength": 1},
        "candidate": {"anyOf": [{"type": "string", "minLength": 1}, {"type": "null"}]},
        "track": {"enum": [t.value for t in Track]},
        "tier": {"anyOf": [{"enum": [t.value for t in Tier]}, {"type": "null"}]},
        "version": {"type": "string", "pattern": VERSION_PATTERN},
    }
    assert tuple(sorted(finding_props)) == tuple(sorted(FINDING_KEYS))
    expect_props: dict[str, Any] = {
        "findings": {"type": "array", "items": {"$ref": "#/$defs/ExpectedFinding"}},
        "partial": {"type": "boolean"},
        "absent": {
            "anyOf": [
                {"type": "array", "items": {"type": "string", "minLength": 1}},
                {"type": "null"},
            ]
        },
    }
    assert tuple(sorted(expect_props)) == tuple(sorted(EXPECT_KEYS))
    defs["ExpectedFinding"] = {
        "type": "object",
        "description": "Matches an actual finding when every key given is equal.",
        "properties": finding_props,
        "required": ["provision"],
        "additionalProperties": False,
    }
    defs["Expect"] = {
        "type": "object",
        "description": "findings (exact unless partial) and/or absent provisions.",
        "properties": expect_props,
        "anyOf": [{"required": ["findings"]}, {"required": ["absent"]}],
        "additionalProperties": False,
    }
    defs["TestCase"] = {
        "type": "object",
        "description": "One case: its name (who did what, and what follows), the facts "
        "that differ from defaults, an optional as_of date and expect.",
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "as_of": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]},
            "expect": {"$ref": "#/$defs/Expect"},
            **facts,
        },
        "required": ["name", "expect"],
        "additionalProperties": False,
    }
    defs["Defaults"] = {
        "anyOf": [
            {"type": "object", "properties": facts, "additionalProperties": False},
            {"type": "null"},
        ],
        "description": "Case facts every case starts from (a key of a case replaces it whole).",
    }
    return {
        "$schema": _DIALECT,
        "title": "netralitas-rules policy-writer test file",
        "type": "object",
        "properties": {
            "defaults": {"$ref": "#/$defs/Defaults"},
            "cases": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/TestCase"}},
        },
        "required": ["cases"],
        "additionalProperties": False,
        "$defs": defs,
    }


def generate(name: str) -> dict[str, Any]:
    """The schema by name: rules, case, report or test."""
    makers = {
        "rules": rule_file_schema,
        "case": case_schema,
        "report": report_schema,
        "test": test_file_schema,
    }
    if name not in makers:
        raise ValueError(f"unknown schema {name!r}; choose one of {', '.join(SCHEMA_NAMES)}")
    return makers[name]()


def dumps(schema: dict[str, Any]) -> str:
    """Stable text form of a schema, as committed."""
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def committed(name: str) -> str:
    """The committed copy shipped in the package."""
    return resources.files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
