"""The reference backend: rules indexed by activity kind, matched by generated code.

Each activity kind has one generated function testing its rules (see :mod:`.codegen`);
``PythonEngine(rules, codegen=False)`` matches with the precompiled closures instead, the
reference the generated code is tested against. Stateless after construction, so one
instance may serve many threads at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .base import Engine
from .compiler import CompiledRule, CompiledRuleSet


class PythonEngine(Engine):
    """Pure-Python evaluator; the default backend and the reference for the others."""

    name = "python"

    def __init__(self, rules: CompiledRuleSet, *, codegen: bool = True) -> None:
        super().__init__(rules)
        self.codegen = codegen
        """True: generated matchers; False: the reference closures."""
        self._match: Callable[[Mapping[str, Any], int], list[CompiledRule]] = (
            rules.matcher if codegen else self._match_closures
        )
        # The instance attribute shadows the method below, so a call to ``engine.match``
        # goes straight to the generated function: one Python frame per record, not two.
        self.match = self._match  # type: ignore[method-assign,assignment]

    def match(self, record: Mapping[str, Any], day: int) -> list[CompiledRule]:
        """Rules for the record's activity kind that are in force and whose condition holds."""
        return self._match(record, day)

    def _match_closures(self, record: Mapping[str, Any], day: int) -> list[CompiledRule]:
        kind = record.get("activity.kind", "")
        return [
            rule
            for rule in self.rules.candidates_for(kind)
            if rule.valid_from <= day < rule.valid_until and rule.predicate(record)
        ]
