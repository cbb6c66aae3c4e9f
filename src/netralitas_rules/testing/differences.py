"""How the findings of two judgments of a case differ, in the words a property's violation
is reported in (problem texts ``property.*``, in the language the violation is said in)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..findings import Finding
from ..problemtext import Joined, Text
from .words import Named


def _key(f: Finding) -> str:
    return json.dumps(f.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


def toward(candidate_id: str | None) -> Text | str:
    """`` toward c1`` (in the language asked), or nothing without a candidate."""
    return Text("property.toward", candidate=candidate_id) if candidate_id else ""


def show(f: Finding) -> Text:
    """A finding in a few words: provision, track and tier, act and candidate
    ('pp94-5-n-2 (DISIPLIN SEDANG) on a1 toward c1')."""
    return Text(
        "property.finding",
        provision=f.provision_id,
        track=Named("track", f.track.value),
        tier=Text("property.tier", tier=Named("tier", f.tier.value)) if f.tier else "",
        activity=f.activity_id,
        toward=toward(f.candidate_id),
    )


def differ(a: Iterable[Finding], b: Iterable[Finding]) -> tuple[list[Text], list[Text]]:
    """The findings only in ``a`` and only in ``b``, each shown (:func:`show`)."""
    ka = {_key(f): f for f in a}
    kb = {_key(f): f for f in b}
    return (
        [show(ka[k]) for k in sorted(set(ka) - set(kb))],
        [show(kb[k]) for k in sorted(set(kb) - set(ka))],
    )


def describe(
    only_first: list[Text], only_second: list[Text], first: str, second: str
) -> Joined | str:
    """The findings only on one side, ``first`` and ``second`` naming the sides (the codes
    of ``property.side.*``); an empty string when both sides agree."""
    parts = []
    if only_first:
        side = Text(f"property.side.{first}")
        parts.append(Text("property.only", side=side, findings=Joined(only_first, "; ")))
    if only_second:
        side = Text(f"property.side.{second}")
        parts.append(Text("property.only", side=side, findings=Joined(only_second, "; ")))
    return Joined(parts, "; ") if parts else ""
