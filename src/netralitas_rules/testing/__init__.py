"""Testing helpers for rule authors and for this library's own tests: a public subpackage.

* :mod:`~netralitas_rules.testing.cases` reads policy-writer test files
  (``regulations/<instrument>/tests/*.yaml``) and runs their cases; the names below come
  from it.
* :mod:`~netralitas_rules.testing.coverage` measures which provisions and condition
  elements the cases exercise (:func:`measure`).
* :mod:`~netralitas_rules.testing.strategies` holds the hypothesis strategies (cases,
  elections, activities, fact records, condition trees).
* :mod:`~netralitas_rules.testing.properties` checks the properties every rule set should
  have (``check_all``, raising ``PropertyViolationError``); ``netralitas prove`` runs them.
  The properties checked on drawn cases live in
  :mod:`~netralitas_rules.testing.case_properties`, those of the rule files alone in
  :mod:`~netralitas_rules.testing.rule_properties`, the monotonicity properties in
  :mod:`~netralitas_rules.testing.monotonicity` (their aggravations in
  :mod:`~netralitas_rules.testing.aggravations`), the case's answer they compare in
  :mod:`~netralitas_rules.testing.answer`.
* :mod:`~netralitas_rules.testing.pytest_plugin` collects the YAML test files under pytest.

``strategies`` and ``properties`` need the ``test`` extra (hypothesis), so they are imported
only when asked for: ``from netralitas_rules.testing import properties, strategies``.
"""

from __future__ import annotations

from .cases import (
    CaseResult,
    ExpectedFinding,
    PolicyCase,
    TestFile,
    discover,
    load_test_file,
    load_test_files,
    parse_test_file,
    run_case,
    run_cases,
)
from .coverage import CoverageReport, measure

__all__ = [
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
