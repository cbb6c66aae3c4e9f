"""Withdrawing the findings an exception in force excepts: after matching, for every backend.

A backend matches exceptions like provisions (they are compiled rules with ``excepts``), on
one act toward one candidate and the day it is judged on, so an exception counts only while
its own version is in force. What it matched is then split here, once for every backend:
the exceptions and the provisions they except drop out, and each withdrawal is named.
"""

from __future__ import annotations

from .compiler import CompiledRule

Withdrawal = tuple[CompiledRule, CompiledRule]
"""A provision's rule and the exception's rule that withdrew its finding."""


def withdraw(matched: list[CompiledRule]) -> tuple[list[CompiledRule], list[Withdrawal]]:
    """The rules of one act and candidate that make findings (in their order), and the
    withdrawals: each excepted rule with each matched exception that excepts it.

    >>> withdraw([])
    ([], [])
    """
    for rule in matched:
        if rule.excepts:
            break
    else:
        return matched, []  # the common case: no exception met, nothing to do
    exceptions = [r for r in matched if r.excepts]
    kept: list[CompiledRule] = []
    withdrawn: list[Withdrawal] = []
    for rule in matched:
        if rule.excepts:
            continue
        by = [e for e in exceptions if rule.provision.id in e.excepts]
        if by:
            withdrawn.extend((rule, e) for e in by)
        else:
            kept.append(rule)
    return kept, withdrawn


def findings_of(matched: list[CompiledRule]) -> list[CompiledRule]:
    """The rules of one act and candidate that make findings (see :func:`withdraw`)."""
    for rule in matched:
        if rule.excepts:
            return withdraw(matched)[0]
    return matched
