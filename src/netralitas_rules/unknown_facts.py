"""Which facts of a case may be unknown (:data:`PARTIAL_FIELDS`), whether a case leaves any
unknown (:func:`has_unknowns`, run on every case evaluated), and small readers of the facts
such a case holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from .models import ASN, Activity, Candidate, Case
from .models.unknown import UNKNOWN, DateRange, is_partial_field


def _partial_fields(model: type[Any]) -> tuple[str, ...]:
    return tuple(
        name
        for name, info in model.model_fields.items()
        if any(map(is_partial_field, info.metadata))
    )


PARTIAL_FIELDS = {"asn": _partial_fields(ASN), "activity": _partial_fields(Activity)}
PARTIAL_FIELDS["candidate"] = _partial_fields(Candidate)
"""Per model (``asn``, ``activity``, ``candidate``), the fields that may be unknown."""


def _unknown_checker() -> Callable[[Any], bool]:
    """``has_unknowns``, generated from the models: one identity test per field that may be
    unknown, each read from the model's ``__dict__`` (a dict item is cheaper to read than a
    pydantic attribute, and an identity test cheaper than scanning every value of the model
    for something equal to the text "unknown", which is what this replaced)."""

    def tests(fields: tuple[str, ...], extra: str = "") -> str:
        return " or ".join([*([extra] if extra else []), *(f"x[{n!r}] is U" for n in fields)])

    acts = tuple(n for n in PARTIAL_FIELDS["activity"] if n != "date")
    lines = [
        "def has_unknowns(case, U=UNKNOWN, DR=DateRange, Case=Case):",
        "    if not isinstance(case, Case):",
        "        return False",
        "    x = case.asn.__dict__",
        f"    if {tests(PARTIAL_FIELDS['asn'])}:",
        "        return True",
        "    for a in case.activities:",
        "        x = a.__dict__",
        f"        if {tests(acts, 'x[' + repr('date') + '].__class__ is DR')}:",
        "            return True",
        "    for a in case.candidates:",
        "        x = a.__dict__",
        f"        if {tests(PARTIAL_FIELDS['candidate'])}:",
        "            return True",
        "    return False",
    ]
    namespace: dict[str, Any] = {"UNKNOWN": UNKNOWN, "DateRange": DateRange, "Case": Case}
    # Our own source: field names come from the case models.
    exec(compile("\n".join(lines), "<netralitas unknowns>", "exec"), namespace)
    checker: Callable[[Any], bool] = namespace["has_unknowns"]
    return checker


has_unknowns: Callable[[Any], bool] = _unknown_checker()
has_unknowns.__doc__ = """True when a case leaves a fact unknown or gives an act's date as a range
(a batch wire case never does). Run on every case evaluated that validation did not mark
plain (:func:`netralitas_rules.models.case.is_plain`)."""


def act_days(date: dt.date | DateRange) -> tuple[dt.date, ...]:
    """An act's date, or the two ends of its range."""
    return (date.start, date.end) if isinstance(date, DateRange) else (date,)


def stated_texts(asn: ASN) -> ASN:
    """The ASN with its unknown text facts (agency, unit, region) as the text ``unknown``,
    for outputs that print them."""
    update = {k: "unknown" for k in ("agency", "unit", "region") if getattr(asn, k) is UNKNOWN}
    return asn.model_copy(update=update) if update else asn
