"""Election calendars: a shipped one, a given one, or one generated in legal order."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from ...elections import shipped_elections
from ...models import Election, Stage
from ...vocabulary import ElectionKind, StageKind

ElectionArg = str | Election | st.SearchStrategy[Election] | None


def elections(election: ElectionArg = None) -> st.SearchStrategy[Election]:
    """A shipped calendar (any, or the one named), a given Election, or a given strategy."""
    if isinstance(election, st.SearchStrategy):
        return election
    if isinstance(election, Election):
        return st.just(election)
    shipped = shipped_elections()
    if election is None:
        return st.sampled_from([shipped[k] for k in sorted(shipped)])
    if election not in shipped:
        raise ValueError(f"unknown election {election!r}; shipped: {', '.join(sorted(shipped))}")
    return st.just(shipped[election])


@st.composite
def _inline_election(draw: st.DrawFn) -> Election:
    start = draw(st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2035, 12, 31)))
    stages: list[Stage] = []
    day = start
    for kind, max_len in (
        (StageKind.PENDAFTARAN, 30),
        (StageKind.PENETAPAN_CALON, 3),
        (StageKind.MASA_KAMPANYE, 220),
        (StageKind.MASA_TENANG, 4),
        (StageKind.PEMUNGUTAN_SUARA, 2),
    ):
        if kind is StageKind.MASA_KAMPANYE or draw(st.booleans()):
            length = draw(st.integers(0, max_len))
            stages.append(Stage(kind=kind, start=day, end=day + dt.timedelta(days=length)))
            day += dt.timedelta(days=length + draw(st.integers(0, 10)))
        else:
            day += dt.timedelta(days=draw(st.integers(0, 10)))
    kind = draw(st.sampled_from(ElectionKind))
    return Election(
        id=f"inline-{kind.value.lower()}-{start.isoformat()}",
        kind=kind,
        name=f"{kind.value} {start.year} (generated)",
        stages=tuple(draw(st.permutations(stages))),
    )


def inline_elections() -> st.SearchStrategy[Election]:
    """Generated, internally consistent calendars (stages in legal order, a masa kampanye
    always present, other stages optional, stages given in any order)."""
    return _inline_election()
