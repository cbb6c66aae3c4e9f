"""Fidelity: how often the library's answer agrees with the authorities' on real decided
cases (``cases/real/``), and why it disagrees where it does.

Decided cases are evidence of how the law is applied, never a reason to change a rule; the
measure reads the sanctions stage's recommendations, it does not judge again.

>>> from netralitas_rules.fidelity import load_decided_cases, measure
>>> report = measure(load_decided_cases(["cases/real"]))  # doctest: +SKIP
>>> report.overall.cases  # doctest: +SKIP
69
"""

from __future__ import annotations

from .measure import AgreementReport, CaseResult, Rates, measure
from .models import Cause, DecidedCase, Decision, Disagreement, Forum, Outcome, Source
from .reader import (
    CaseFileRead,
    load_case_or_decided,
    load_decided_case,
    load_decided_cases,
    parse_decided_case,
)

__all__ = [
    "AgreementReport",
    "CaseFileRead",
    "CaseResult",
    "Cause",
    "DecidedCase",
    "Decision",
    "Disagreement",
    "Forum",
    "Outcome",
    "Rates",
    "Source",
    "load_case_or_decided",
    "load_decided_case",
    "load_decided_cases",
    "measure",
    "parse_decided_case",
]
