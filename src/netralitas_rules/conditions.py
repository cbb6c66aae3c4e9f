"""The condition language of rule files: a closed tree, no string expressions, no ``eval``.

A condition is a mapping with exactly one key::

    all: [ ...conditions ]          every one holds
    any: [ ...conditions ]          at least one holds
    not: condition                  the condition does not hold
    <fact path>: <value>            shorthand for {eq: value}
    <fact path>: {<operator>: <value>}

Operators: ``eq``, ``ne``, ``in``, ``not_in`` (scalar facts); ``gt``, ``gte``, ``lt``, ``lte``
(numbers and dates); ``exists`` (true/false); ``contains``, ``contains_any`` (list facts).

Semantics, stated here, generated as code once (:mod:`netralitas_rules.engine.codegen`),
compiled for the durable backend, and read slowly by the test oracle
(:mod:`netralitas_rules.testing.oracle`):

* a comparison on an absent fact is false (``exists: false`` is the way to ask for absence);
* no coercion: a value must have the fact's type, checked when the file loads;
* ``not`` negates whatever its operand evaluates to, absent facts included.

>>> c = parse_condition({"all": [{"activity.kind": {"in": ["favouring_decision"]}},
...                              {"asn.is_pejabat_asn": True}]})
>>> render(c)
'all(activity.kind in [favouring_decision], asn.is_pejabat_asn = true)'
"""

from __future__ import annotations

# The language lives in three modules (the tree, its parsing, its JSON Schema); this one keeps
# the documented import path for all of them.
from .condition_parsing import ConditionError, as_date, parse_condition
from .condition_schema import json_schema
from .condition_tree import (
    MISSING,
    All,
    AnyOf,
    Compare,
    Condition,
    Not,
    Op,
    Path,
    leaves,
    render,
    render_value,
    to_data,
)

__all__ = [
    "MISSING",
    "All",
    "AnyOf",
    "Compare",
    "Condition",
    "ConditionError",
    "Not",
    "Op",
    "Path",
    "as_date",
    "json_schema",
    "leaves",
    "parse_condition",
    "render",
    "render_value",
    "to_data",
]
