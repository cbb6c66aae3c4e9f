"""How the findings of two judgments of a case differ, in the words a property's violation
is reported in."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..findings import Finding


def _key(f: Finding) -> str:
    return json.dumps(f.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


def show(f: Finding) -> str:
    """A finding in a few words: provision, track and tier, act and candidate."""
    tier = f" {f.tier.value}" if f.tier else ""
    whom = f" toward {f.candidate_id}" if f.candidate_id else ""
    return f"{f.provision_id} ({f.track.value}{tier}) on {f.activity_id}{whom}"


def differ(a: Iterable[Finding], b: Iterable[Finding]) -> tuple[list[str], list[str]]:
    """The findings only in ``a`` and only in ``b``, each shown (:func:`show`)."""
    ka = {_key(f): f for f in a}
    kb = {_key(f): f for f in b}
    return (
        [show(ka[k]) for k in sorted(set(ka) - set(kb))],
        [show(kb[k]) for k in sorted(set(kb) - set(ka))],
    )


def describe(only_first: list[str], only_second: list[str], first: str, second: str) -> str:
    """The findings only on one side, ``first`` and ``second`` naming the sides."""
    parts = []
    if only_first:
        parts.append(f"only {first}: {'; '.join(only_first)}")
    if only_second:
        parts.append(f"only {second}: {'; '.join(only_second)}")
    return "; ".join(parts)
