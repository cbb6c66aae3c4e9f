"""The reference backend: precompiled closures, indexed by activity kind.

Stateless after construction, so one instance may serve many threads at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .base import Engine
from .compiler import CompiledRule


class PythonEngine(Engine):
    """Pure-Python evaluator; the default backend and the reference for the others."""

    name = "python"

    def match(self, record: Mapping[str, Any], day: int) -> list[CompiledRule]:
        """Rules for the record's activity kind that are in force and whose condition holds."""
        kind = record.get("activity.kind", "")
        return [
            rule
            for rule in self.rules.candidates_for(kind)
            if rule.valid_from <= day < rule.valid_until and rule.predicate(record)
        ]
