"""Testing helpers for rule authors and for this library's own tests.

:mod:`netralitas_rules.testing.strategies` holds the hypothesis strategies (cases, elections,
activities, fact records, condition trees); it needs the ``test`` extra.
"""
