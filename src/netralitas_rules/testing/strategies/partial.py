"""Cases that leave some facts unknown (opt-in: :func:`.whole_cases.cases` never does)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from ...models import ASN, UNKNOWN, Activity, Candidate, Case, DateRange
from ...models.unknown import is_partial_field
from .whole_cases import cases


# The facts partial_cases may leave unknown: every fact the case models let be unknown
# (read from the models, so a fact made unknown-capable later is drawn too), the act's date
# apart, which takes a range instead.
def _unknowable(model: type[Any]) -> tuple[str, ...]:
    return tuple(
        name
        for name, info in model.model_fields.items()
        if any(is_partial_field(m) and m.unknown for m in info.metadata)
    )


_UNKNOWABLE = {"asn": _unknowable(ASN), "act": _unknowable(Activity)}
_UNKNOWABLE["candidate"] = _unknowable(Candidate)


@st.composite
def _unknowns_of(draw: st.DrawFn, case: Case, max_unknowns: int) -> Case:
    acts = list(case.activities)
    asn_update: dict[str, Any] = {}
    cands = list(case.candidates)
    for _ in range(draw(st.integers(1, max_unknowns))):
        where = draw(st.sampled_from(("act", "asn", "date", "candidate")))
        if where == "asn":
            asn_update[draw(st.sampled_from(_UNKNOWABLE["asn"]))] = UNKNOWN
            continue
        if where == "candidate" and cands:
            i = draw(st.integers(0, len(cands) - 1))
            field = draw(st.sampled_from(_UNKNOWABLE["candidate"]))
            cands[i] = cands[i].model_copy(update={field: UNKNOWN})
            continue
        i = draw(st.integers(0, len(acts) - 1))
        act = acts[i]
        if where == "date" and isinstance(act.date, dt.date):
            before, after = draw(st.integers(0, 40)), draw(st.integers(0, 40))
            day = act.date
            span = DateRange(start=day - dt.timedelta(before), end=day + dt.timedelta(after))
            update: dict[str, Any] = {"date": span}
        else:
            update = {draw(st.sampled_from(_UNKNOWABLE["act"])): UNKNOWN}
        acts[i] = act.model_copy(update=update)
    return case.model_copy(
        update={
            "asn": case.asn.model_copy(update=asn_update),
            "activities": tuple(acts),
            "candidates": tuple(cands),
        }
    )


def partial_cases(max_unknowns: int = 3, **kwargs: Any) -> st.SearchStrategy[Case]:
    """Cases (as :func:`cases`, which ``kwargs`` go to, with at least one act) that leave
    one to ``max_unknowns`` facts unknown: any fact of an act, the ASN or a candidate that the
    models let be unknown (yes/no facts, kind, counts, texts such as the agency or a state
    facility, a candidate's office, party or penetapan date), or an act's date as a range of
    up to 81 days. Opt-in: :func:`cases` never yields unknowns."""
    kwargs.setdefault("min_activities", 1)
    kwargs.setdefault("max_activities", 3)
    return cases(**kwargs).flatmap(lambda c: _unknowns_of(c, max_unknowns))
