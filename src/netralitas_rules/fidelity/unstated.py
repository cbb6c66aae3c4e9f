"""A decided case with the facts its sources leave unstated as ``unknown``.

A reviewer writing a real case fills every fact the case format needs, also where the
sources are silent (``decided.not_stated`` lists those paths): a head of an office is read as
a pejabat ASN, a post as public. The agreement measure judges the case as written, and a
second time with each such fact ``unknown`` (partial facts, :mod:`netralitas_rules.partial`),
so the figures show how much of the agreement rests on the reviewer's readings and whether
the library at least names the authority's track as possible.

Two kinds of unstated fact stay as written. The act's ``kind`` is the reviewer's reading of
what the source reports; leaving it unknown would make every kind's rules possible and say
nothing. The act's ``date`` takes no ``unknown``, only a stretch of days, which the path list
cannot give.

>>> from netralitas_rules.fidelity.unstated import unknown_capable
>>> unknown_capable("activities.0.used_position"), unknown_capable("activities.0.kind")
(True, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from ..models import ASN, Activity, Candidate, Case
from ..models.unknown import UNKNOWN, is_partial_field

KEPT_AS_WRITTEN = frozenset({"kind"})
"""Unstated facts that stay as the reviewer wrote them (see the module's docstring)."""

_PARTS: dict[str, type[BaseModel]] = {
    "asn": ASN,
    "activities": Activity,
    "candidates": Candidate,
}


def _takes_unknown(model: type[BaseModel], name: str) -> bool:
    info = model.model_fields.get(name)
    if info is None or name in KEPT_AS_WRITTEN:
        return False
    return any(is_partial_field(m) and m.unknown for m in info.metadata)


def _split(path: str) -> tuple[str, int | None, str] | None:
    """``asn.x`` -> ("asn", None, "x"); ``activities.0.x`` -> ("activities", 0, "x")."""
    parts = path.split(".")
    if len(parts) == 2 and parts[0] == "asn":
        return parts[0], None, parts[1]
    if len(parts) == 3 and parts[0] in _PARTS and parts[0] != "asn" and parts[1].isdecimal():
        return parts[0], int(parts[1]), parts[2]
    return None


def unknown_capable(path: str) -> bool:
    """True when the fact at ``path`` (as ``decided.not_stated`` writes it) may be left
    ``unknown`` here: a fact of the ASN, an act or a candidate that a rule can test, other
    than those in :data:`KEPT_AS_WRITTEN`."""
    split = _split(path)
    return split is not None and _takes_unknown(_PARTS[split[0]], split[2])


def with_unstated_unknown(case: Case, not_stated: Sequence[str]) -> tuple[Case, tuple[str, ...]]:
    """The case with each unknown-capable fact of ``not_stated`` set to ``unknown``, and the
    paths so set (in the order given). A path naming an act or candidate the case does not
    have is skipped (the reader checks the case, not the list)."""
    turned: list[str] = []
    asn: dict[str, Any] = {}
    items: dict[str, dict[int, dict[str, Any]]] = {"activities": {}, "candidates": {}}
    for path in not_stated:
        split = _split(path)
        if split is None or not _takes_unknown(_PARTS[split[0]], split[2]):
            continue
        key, index, name = split
        if index is None:
            asn[name] = UNKNOWN
        elif index < len(getattr(case, key)):
            items[key].setdefault(index, {})[name] = UNKNOWN
        else:
            continue
        turned.append(path)
    if not turned:
        return case, ()
    update: dict[str, Any] = {}
    if asn:
        update["asn"] = case.asn.model_copy(update=asn)
    for key, changes in items.items():
        if changes:
            update[key] = tuple(
                m.model_copy(update=changes[i]) if i in changes else m
                for i, m in enumerate(getattr(case, key))
            )
    return case.model_copy(update=update), tuple(turned)


__all__ = ["KEPT_AS_WRITTEN", "unknown_capable", "with_unstated_unknown"]
