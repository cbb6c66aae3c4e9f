"""The agreement report as text (Indonesian by default, English with ``lang="en"``) or JSON.
It reads the measure; it computes nothing."""

from __future__ import annotations

import json
from typing import Any

from ..messages import CATALOGUES, LANGS, counted, tier_name, track_name
from ..vocabulary import Tier, Track
from .measure import AgreementReport, CaseResult, Rates


def _nested(texts: dict[str, str], prefix: str) -> dict[str, Any]:
    """The catalogue's ``prefix.a.b`` texts as ``{"a": {"b": text}}``."""
    out: dict[str, Any] = {}
    for key, text in texts.items():
        if key.startswith(prefix):
            *parents, last = key[len(prefix) :].split(".")
            into = out
            for part in parents:
                into = into.setdefault(part, {})
            into[last] = text
    return out


# The report's words, from the catalogues' agreement.* keys (messages.<lang>.yaml).
_TEXT: dict[str, dict[str, Any]] = {lang: _nested(CATALOGUES[lang], "agreement.") for lang in LANGS}


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "0/0"


def _rates(rates: Rates, lang: str) -> str:
    t = _TEXT[lang]

    def said(key: str, n: int) -> str:
        return counted(f"agreement.{key}", lang, n)

    return (
        f"{rates.cases} {said('cases', rates.cases)}; "
        f"{t['track']} {_pct(rates.track_agree, rates.cases)}; "
        f"{t['among']} {_pct(rates.track_among_count, rates.cases)}; "
        f"{said('tier', rates.tiers)} {_pct(rates.tier_agree, rates.tiers)}; "
        f"{said('open', rates.unstated_cases)} {_pct(rates.open_among_count, rates.cases)}"
        + (f"; {said('too_many', rates.too_many_cases)}" if rates.too_many_cases else "")
    )


def _answer(track: Track | None, tier: Tier | None, lang: str) -> str:
    """A track (with its tier) in the words ``netralitas check`` uses."""
    t = _TEXT[lang]
    if track is None:
        return str(t["none"])
    # A tier belongs to the discipline track only.
    if tier is not None and track is Track.DISIPLIN:
        return str(t["tiered"]).format(track=track_name(track, lang), tier=tier_name(tier, lang))
    return track_name(track, lang)


def _disagreement(r: CaseResult, lang: str) -> list[str]:
    t = _TEXT[lang]
    lines = [
        f"- {r.id}: {t['authority']}: {_answer(r.authority_track, r.authority_tier, lang)}; "
        f"{t['library']}: {_answer(r.library_track, r.library_tier, lang)}",
    ]
    if r.cause is not None:
        cause = t["causes"][r.cause.value]
        if r.law_supports:
            cause += f"; {t['law_supports']}: {t['sides'][r.law_supports]}"
        lines.append(f"  {t['cause']}: {cause}")
    # The note of the output language only: the Indonesian text carries no English.
    note = r.note_en if lang == "en" else r.note
    if note:
        lines.append(f"  {note}")
    return lines


def render_text(report: AgreementReport, lang: str = "id") -> str:
    """The agreement figures, by group, then every disagreement with its cause."""
    t = _TEXT[lang]
    lines: list[str] = [t["title"], "", f"{t['overall']}: {_rates(report.overall, lang)}"]
    for group, rates in report.groups.items():
        lines += ["", f"{t[group]}:"]
        for name, group_rates in rates.items():
            lines.append(f"  {t['groups'].get(name, name)}: {_rates(group_rates, lang)}")
    lines += ["", f"{t['disagreements']} ({len(report.disagreements)}):"]
    for result in report.disagreements:
        lines += _disagreement(result, lang)
    return "\n".join(lines) + "\n"


def _rates_data(r: Rates) -> dict[str, Any]:
    return {
        "cases": r.cases,
        "track_agree": r.track_agree,
        "track_among": r.track_among_count,
        "tiers": r.tiers,
        "tier_agree": r.tier_agree,
        "unstated_cases": r.unstated_cases,
        "too_many_cases": r.too_many_cases,
        "open_among": r.open_among_count,
    }


def render_json(report: AgreementReport) -> str:
    """The measure as JSON: rates overall and per group, and every case's result."""
    data = {
        "overall": _rates_data(report.overall),
        "groups": {
            g: {name: _rates_data(r) for name, r in rates.items()}
            for g, rates in report.groups.items()
        },
        "cases": [
            {
                "id": r.id,
                "file": r.file,
                "period": r.period,
                "election": r.election_kind,
                "conduct": r.conduct,
                "forum": r.forum.value,
                "authority": {
                    "track": r.authority_track.value if r.authority_track else None,
                    "tier": r.authority_tier.value if r.authority_tier else None,
                },
                "library": {
                    "track": r.library_track.value if r.library_track else None,
                    "tier": r.library_tier.value if r.library_tier else None,
                    "tracks": [t.value for t in r.library_tracks],
                },
                "agrees": r.agrees,
                "unstated": {
                    "unknown": list(r.unstated),
                    "tracks": [t.value for t in r.open_tracks],
                    "met_in_forum": r.open_met,
                    "among": r.open_among,
                    "too_many": list(r.too_many),
                },
                "cause": r.cause.value if r.cause else None,
                "law_supports": r.law_supports,
                "note": r.note,
                "note_en": r.note_en,
            }
            for r in report.results
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
