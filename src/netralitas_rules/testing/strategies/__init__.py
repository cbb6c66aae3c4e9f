"""Hypothesis strategies for netralitas-rules cases, facts and conditions.

Needs the ``test`` extra (``pip install 'netralitas-rules[test]'``). Every strategy draws
valid model objects: ids are unique, ``candidate_ids`` and relationships only name persons of
the same case, and election calendars pass their own validation. Dates are drawn on purpose
at the edges where the law changes its answer (see :func:`edge_dates`), with random dates
around the election in between.

>>> from hypothesis import given
>>> from netralitas_rules.testing.strategies import cases
>>> @given(cases(election="pemilu-2024", status="PPPK", max_activities=3))
... def test_every_act_is_judged(case):
...     ...

Constraints are keyword arguments; everything left out is drawn freely.
"""

from __future__ import annotations

from .acts import activities
from .calendars import elections, inline_elections
from .dates import edge_dates, edge_days, regulation_edges
from .facts import conditions, fact_records
from .partial import partial_cases
from .people import asn, candidates, relationships
from .whole_cases import cases

__all__ = [
    "activities",
    "asn",
    "candidates",
    "cases",
    "conditions",
    "edge_dates",
    "edge_days",
    "elections",
    "fact_records",
    "inline_elections",
    "partial_cases",
    "regulation_edges",
    "relationships",
]
