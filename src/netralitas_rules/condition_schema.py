"""The JSON Schema of a condition, generated from the fact table for editors.

Separate from parsing: it describes the same language for tools outside Python and shares
no code with the checks.
"""

from __future__ import annotations

from typing import Any

from .facts import FACTS, FactSpec, FactType


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a condition, with every fact path and its allowed values, so an
    editor can complete and check rule files."""
    fact_props: dict[str, Any] = {}
    for path, spec in FACTS.items():
        scalar = _value_schema(spec)
        ops: dict[str, Any] = {}
        shorthand: dict[str, Any]
        if spec.presence_only:
            ops["exists"] = {"type": "boolean"}
            shorthand = {"not": {}}  # no shorthand: a value names one case, not a fact
        elif spec.many:
            ops["contains"] = scalar
            ops["contains_any"] = {"type": "array", "items": scalar, "minItems": 1}
            shorthand = scalar
        else:
            ops.update(eq=scalar, ne=scalar, exists={"type": "boolean"})
            ops["in"] = {"type": "array", "items": scalar, "minItems": 1}
            ops["not_in"] = {"type": "array", "items": scalar, "minItems": 1}
            if spec.value_type in (FactType.INT, FactType.DATE):
                ops.update(gt=scalar, gte=scalar, lt=scalar, lte=scalar)
            shorthand = scalar
        fact_props[path] = {
            "description": spec.description or path,
            "anyOf": [
                shorthand,
                {
                    "type": "object",
                    "properties": ops,
                    "additionalProperties": False,
                    "minProperties": 1,
                    "maxProperties": 1,
                },
            ],
        }
    ref = {"$ref": "#/$defs/Condition"}
    return {
        "description": "A condition: exactly one of all, any, not, or a fact path.",
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "properties": {
            "all": {"type": "array", "items": ref, "minItems": 1},
            "any": {"type": "array", "items": ref, "minItems": 1},
            "not": ref,
            **fact_props,
        },
        "additionalProperties": False,
    }


def _value_schema(spec: FactSpec) -> dict[str, Any]:
    if spec.value_type is FactType.ENUM:
        return {"type": "string", "enum": list(spec.allowed)}
    return {
        FactType.BOOL: {"type": "boolean"},
        FactType.INT: {"type": "integer"},
        FactType.TEXT: {"type": "string"},
        FactType.DATE: {"type": "string", "format": "date"},
    }[spec.value_type]
