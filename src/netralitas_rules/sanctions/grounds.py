"""What a disciplinary tier rests on: law, guidance or policy, and how sure each ground is.

A tier set by a PP or a statute (its ``tier_basis`` cites a UU, PERPPU, PP, PERPRES or a
Putusan MK) is law; a tier an SKB or a circular sets is guidance, which cannot create a
tier of its own; a tier raised by repeat escalation or by combining several violations is
policy (``data/sanction_policy.yaml``: no article was found). Each ground keeps the
certainty label its rule file gives; policy carries none. A verdict rests on a chain of
grounds and reports its weakest link (:func:`weakest`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from ..findings import Finding
from ..loader import RegulationSet
from ..messages import certainty_name, msg
from ..vocabulary import TIER_BY_RANK, Certainty, InstrumentKind, Tier
from .construct import every_field
from .models import GroundKind, TierGround

LAW_KINDS = frozenset(
    {
        InstrumentKind.UU,
        InstrumentKind.PERPPU,
        InstrumentKind.PP,
        InstrumentKind.PERPRES,
        InstrumentKind.PUTUSAN_MK,
    }
)
"""Instruments whose tier is law; the rest (SKB, SE) are guidance."""

CERTAINTY_ORDER: tuple[Certainty, ...] = (
    Certainty.VERIFIED,
    Certainty.SINGLE_SOURCE,
    Certainty.INFERRED,
    Certainty.UNVERIFIED,
    Certainty.CONTESTED,
    Certainty.UNRESOLVED,
)
"""Certainty labels, firmest first: a chain of grounds is as sure as its last link here."""

KIND_ORDER: tuple[GroundKind, ...] = (GroundKind.LAW, GroundKind.GUIDANCE, GroundKind.POLICY)
"""Kinds of ground, firmest first."""

TierWord = Callable[[Tier, str], str]
"""How a tier is written: its code ('BERAT') or its display name ('berat')."""

_CERT_RANK = {c: i for i, c in enumerate(CERTAINTY_ORDER)}
_KIND_RANK = {k: i for i, k in enumerate(KIND_ORDER)}


def weakest_certainty(labels: Iterable[Certainty | None]) -> Certainty | None:
    """The least sure of the labels (policy grounds, None, carry no label)."""
    known = [c for c in labels if c is not None]
    return max(known, key=_CERT_RANK.__getitem__, default=None)


def weakest(chain: Sequence[TierGround]) -> tuple[GroundKind, Certainty | None]:
    """The weakest kind and the weakest certainty of a chain of grounds."""
    if len(chain) == 1:  # most chains: an act's own ground
        return chain[0].kind, chain[0].certainty
    kind = max((g.kind for g in chain), key=_KIND_RANK.__getitem__)
    return kind, weakest_certainty(g.certainty for g in chain)


def _strength(chain: Sequence[TierGround]) -> tuple[int, int, int]:
    kind, cert = weakest(chain)
    return _KIND_RANK[kind], _CERT_RANK[cert] if cert is not None else -1, -chain[-1].tier.rank


def firmest(chains: Iterable[Sequence[TierGround]]) -> Sequence[TierGround] | None:
    """The chain whose weakest link is firmest (law before guidance before policy, then by
    certainty, then the heavier tier), or None for none."""
    found = list(chains)
    if len(found) == 1:
        return found[0]
    return min(found, key=_strength, default=None)


def finding_ground(f: Finding, regs: RegulationSet) -> TierGround | None:
    """The ground of a finding's own tier: the instrument and pinpoint of its ``tier``
    citation, law or guidance by the instrument's kind, with the finding's certainty."""
    if f.tier is None:
        return None
    for cite in f.citations:
        if cite.role == "tier":
            break
    else:
        return None
    inst = regs.instruments.get(cite.instrument)
    name = inst.short_name if inst is not None else f.instrument_name
    kind = GroundKind.LAW if inst is not None and inst.kind in LAW_KINDS else GroundKind.GUIDANCE
    # kind, tier, activity_id, source, provision_id, certainty
    return _TIER_GROUND(
        kind, f.tier, f.activity_id, f"{name} {cite.pinpoint}", f.provision_id, f.certainty.level
    )


_TIER_GROUND = every_field(TierGround)


def act_ground(findings: Sequence[Finding], tier: Tier, regs: RegulationSet) -> TierGround | None:
    """The firmest ground among an act's findings that set ``tier`` (its base tier)."""
    grounds = [g for f in findings if f.tier is tier and (g := finding_ground(f, regs))]
    if len(grounds) == 1:  # most acts: one finding sets the tier
        return grounds[0]
    best = firmest([g] for g in grounds)
    return best[0] if best else None


def policy_ground(policy_id: str, tier: Tier, activity_id: str | None = None) -> TierGround:
    """A policy step that raises the tier (``repeat`` or ``combination:<rule>``)."""
    return TierGround.model_construct(
        kind=GroundKind.POLICY,
        tier=tier,
        activity_id=activity_id,
        source=policy_id,
    )


def chains_above(grounds: Sequence[TierGround], tier: Tier | None) -> list[tuple[TierGround, ...]]:
    """Every chain of grounds that reaches a tier heavier than ``tier`` (any tier when
    None): an act's base ground, with the act's repeat step when that is what passes
    ``tier``, and the case's combination step on top of the heaviest act."""
    floor = tier.rank if tier is not None else 0
    by_act: dict[str | None, list[TierGround]] = {}
    for g in grounds:
        by_act.setdefault(g.activity_id, []).append(g)
    chains: list[tuple[TierGround, ...]] = []
    for act, steps in by_act.items():
        if act is None:
            continue
        prefix: list[TierGround] = []
        for g in steps:
            prefix.append(g)
            if g.tier.rank > floor:
                chains.append(tuple(prefix))
                break
    combined = [g for g in by_act.get(None, []) if g.tier.rank > floor]
    if combined:
        top = max((s[-1].tier.rank for s in by_act.values() if s and s[0].activity_id), default=0)
        for act, steps in by_act.items():
            if act is not None and steps and steps[-1].tier.rank == top:
                chains.append((*steps, combined[0]))
    return chains


def chain_reaching(grounds: Sequence[TierGround], tier: Tier) -> tuple[TierGround, ...] | None:
    """The firmest chain of grounds whose last step sets exactly ``tier``."""
    if len(grounds) == 1:  # most recommendations: one act's own ground (what the walk finds)
        only = grounds[0]
        return (only,) if only.activity_id is not None and only.tier is tier else None
    below = TIER_BY_RANK.get(tier.rank - 1)
    chains = [c for c in chains_above(grounds, below) if c[-1].tier is tier]
    best = firmest(chains)
    return tuple(best) if best is not None else None


def ground_phrase(chain: Sequence[TierGround], lang: str, tier_word: TierWord) -> str:
    """A chain of grounds in words, by its weakest kind: 'the law prescribes at least berat
    (PP 94/2021 Pasal 14 huruf i)', 'SKB Netralitas 2022 Lampiran huruf B angka 6 sets berat
    (single source)', 'policy: repeat raises it to berat'."""
    kind, _ = weakest(chain)
    last = chain[-1]
    if kind is GroundKind.LAW:
        return msg("ground.law", lang, tier=tier_word(last.tier, lang), source=last.source)
    if kind is GroundKind.GUIDANCE:
        step = next(g for g in chain if g.kind is GroundKind.GUIDANCE)
        cert = certainty_name(step.certainty, lang) if step.certainty else "-"
        return msg(
            "ground.guidance",
            lang,
            tier=tier_word(step.tier, lang),
            source=step.source,
            certainty=cert,
        )
    step = next(g for g in reversed(chain) if g.kind is GroundKind.POLICY)
    key = "ground.repeat" if step.source == "repeat" else "ground.combination"
    return msg(key, lang, tier=tier_word(step.tier, lang))


def weakest_line(kind: GroundKind, certainty: Certainty | None, lang: str) -> str:
    """'Weakest ground: guidance, single source'."""
    name = msg(f"ground_kind.{kind.value}", lang)
    if certainty is None:
        return msg("ground.weakest_policy", lang, kind=name)
    cert = certainty_name(certainty, lang)
    key = "ground.weakest_policy_cert" if kind is GroundKind.POLICY else "ground.weakest"
    return msg(key, lang, kind=name, certainty=cert)


__all__ = [
    "CERTAINTY_ORDER",
    "KIND_ORDER",
    "LAW_KINDS",
    "act_ground",
    "chain_reaching",
    "chains_above",
    "finding_ground",
    "firmest",
    "ground_phrase",
    "policy_ground",
    "weakest",
    "weakest_certainty",
    "weakest_line",
]
