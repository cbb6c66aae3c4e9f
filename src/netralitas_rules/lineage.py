"""The succession of instruments (``instrument.succeeds``) checked as a graph.

An instrument names the instruments it replaced; together they form lineages (PP 53/2010,
then PP 94/2021). The loader holds the graph to three rules, so that every act is judged
under exactly one text of a lineage:

* no cycle: an instrument cannot succeed itself or one of its own successors;
* one successor: two instruments cannot both replace the same one;
* the texts meet: a successor's first version starts on the day its predecessor's last
  version ends (``superseded_on``, exclusive); an earlier end is a gap (acts judged under
  no text), a later one an overlap (acts judged under two).

Every walk over the graph carries a visited set, so no input can make it loop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from .errors import Problem
from .problemtext import Text
from .regulation import Instrument

if TYPE_CHECKING:
    from .loader import LoadedFile

Edge = tuple[str, str, int]
"""``(predecessor id, successor id, index of the entry in the successor's succeeds)``."""


def lineage_of(instrument_id: str, instruments: Mapping[str, Instrument]) -> tuple[str, ...]:
    """Instrument ids that succeed one another through this one, oldest first: its
    predecessors back to the first, then its successors (the first named where a checked
    set would have refused several; the walk stops where a cycle would close)."""
    succ: dict[str, list[str]] = {}
    for inst in instruments.values():
        for old in inst.succeeds:
            succ.setdefault(old, []).append(inst.id)
    chain = [instrument_id]
    while preds := [i for i in instruments if chain[0] in succ.get(i, []) and i not in chain]:
        chain.insert(0, preds[0])
    while nexts := [n for n in succ.get(chain[-1], []) if n not in chain]:
        chain.append(nexts[0])
    return tuple(chain)


def succession_problems(groups: Mapping[str, Sequence[LoadedFile]]) -> list[Problem]:
    """Cycles, second successors, gaps and overlaps between successive instruments.

    ``groups`` maps each loaded instrument id to its versions, oldest first. Names in
    ``succeeds`` that are not loaded are left to the caller (reported as unknown there).
    """
    problems: list[Problem] = []
    edges: list[Edge] = []
    for new, files in groups.items():
        seen: set[str] = set()
        for j, old in enumerate(files[0].regulation.instrument.succeeds):
            if old == new:
                problems.append(
                    files[0].located.problem(
                        ("instrument", "succeeds", j),
                        Text("lineage.self", new=new, old=old),
                    )
                )
            elif old in groups and old not in seen:
                edges.append((old, new, j))
            seen.add(old)
    in_cycle = _cycle_edges(edges)
    for cycle in _cycles(edges, in_cycle):
        path = " -> ".join([*cycle, cycle[0]])
        for old, new in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
            j = next(k for o, n, k in edges if (o, n) == (old, new))
            problems.append(
                groups[new][0].located.problem(
                    ("instrument", "succeeds", j),
                    Text("lineage.cycle", path=path, old=old),
                )
            )
    straight = [e for e in edges if (e[0], e[1]) not in in_cycle]
    problems.extend(_second_successors(straight, groups))
    for old, new, _ in straight:
        problem = _meeting(groups[old][-1], groups[new][0], old, new)
        if problem is not None:
            problems.append(problem)
    return problems


def _cycle_edges(edges: Iterable[Edge]) -> set[tuple[str, str]]:
    """The edges that lie on a cycle: those whose successor reaches back to the predecessor."""
    succ: dict[str, set[str]] = {}
    for old, new, _ in edges:
        succ.setdefault(old, set()).add(new)
    reach: dict[str, set[str]] = {}
    for start in succ:
        found: set[str] = set()
        todo = [start]
        while todo:
            for nxt in succ.get(todo.pop(), ()):
                if nxt not in found:
                    found.add(nxt)
                    todo.append(nxt)
        reach[start] = found
    return {(old, new) for old, new, _ in edges if old == new or old in reach.get(new, ())}


def _cycles(edges: Sequence[Edge], in_cycle: set[tuple[str, str]]) -> list[list[str]]:
    """Cycles that together cover every cycle edge, each named once (a shortest way back
    from the edge's successor to its predecessor)."""
    succ: dict[str, list[str]] = {}
    for old, new, _ in edges:
        if (old, new) in in_cycle:
            succ.setdefault(old, []).append(new)
    cycles: list[list[str]] = []
    covered: set[tuple[str, str]] = set()
    for start in sorted(succ):
        for first in sorted(succ[start]):
            if (start, first) in covered:
                continue
            path = _path_back(first, start, succ)
            cycle = [start, *path[:-1]]
            covered.update(zip(cycle, [*cycle[1:], cycle[0]], strict=True))
            cycles.append(cycle)
    return cycles


def _path_back(start: str, goal: str, succ: Mapping[str, list[str]]) -> list[str]:
    """A shortest path ``start ... goal`` (breadth first; it exists for a cycle edge)."""
    parent: dict[str, str | None] = {start: None}
    queue = [start]
    for node in queue:
        if node == goal:
            break
        for nxt in sorted(succ.get(node, ())):
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    path: list[str] = []
    step: str | None = goal
    while step is not None:
        path.append(step)
        step = parent[step]
    return path[::-1]


def _second_successors(
    edges: Sequence[Edge], groups: Mapping[str, Sequence[LoadedFile]]
) -> list[Problem]:
    by_old: dict[str, list[tuple[str, int]]] = {}
    for old, new, j in edges:
        by_old.setdefault(old, []).append((new, j))
    problems = []
    for old, successors in by_old.items():
        if len(successors) < 2:
            continue
        for new, j in successors:
            others = ", ".join(f"{n} ({groups[n][0].path})" for n, _ in successors if n != new)
            problems.append(
                groups[new][0].located.problem(
                    ("instrument", "succeeds", j),
                    Text("lineage.two_successors", old=old, new=new, others=others),
                )
            )
    return problems


def _meeting(last: LoadedFile, first: LoadedFile, old: str, new: str) -> Problem | None:
    """The problem when the predecessor's last version does not end on the day the
    successor's first version starts."""
    end = last.regulation.version.superseded_on
    start = first.regulation.version.effective_from
    where = ("version", "superseded_on")
    if end is None:
        return last.located.problem(
            where,
            Text("lineage.never_ends", old=old, new=new, start=start, path=first.path),
        )
    if end > start:
        return last.located.problem(
            where,
            Text(
                "lineage.overlap",
                old=old,
                new=new,
                end=end,
                path=first.path,
                start=start,
                last=end - dt.timedelta(days=1),
            ),
        )
    if end < start:
        return last.located.problem(
            where,
            Text(
                "lineage.gap",
                old=old,
                new=new,
                end=end,
                path=first.path,
                start=start,
                last=start - dt.timedelta(days=1),
            ),
        )
    return None


__all__ = ["lineage_of", "succession_problems"]
