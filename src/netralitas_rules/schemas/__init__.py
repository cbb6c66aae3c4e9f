"""JSON Schemas generated from the models, for editors and for checking JSON output.

The committed copies (``rules.schema.json``, ``case.schema.json``, ``report.schema.json`` in
this folder) are regenerated with ``make schemas``; a test fails when they are stale.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ..conditions import json_schema as condition_json_schema
from ..findings import Report
from ..models import Case
from ..regulation import RegulationFile

SCHEMA_NAMES = ("rules", "case", "report")
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
    """The schema of ``netralitas check --format json`` output."""
    schema = Report.model_json_schema(mode="serialization")
    return {"$schema": _DIALECT, "title": "netralitas-rules report", **schema}


def generate(name: str) -> dict[str, Any]:
    """The schema by name: rules, case or report."""
    makers = {"rules": rule_file_schema, "case": case_schema, "report": report_schema}
    if name not in makers:
        raise ValueError(f"unknown schema {name!r}; choose one of {', '.join(SCHEMA_NAMES)}")
    return makers[name]()


def dumps(schema: dict[str, Any]) -> str:
    """Stable text form of a schema, as committed."""
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def committed(name: str) -> str:
    """The committed copy shipped in the package."""
    return resources.files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
