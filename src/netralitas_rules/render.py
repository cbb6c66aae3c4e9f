"""Human-readable text of reports, in Indonesian (default) or English.

Ids and texts of a report come from the case file; every line goes through
:func:`~netralitas_rules.escape.escape_text`, so a control character in them (an escape
sequence, a carriage return, a newline inside an id, a bidi override) is shown, never acted
on by the terminal. The lines are produced one by one (:func:`report_lines`), so a caller
can write a report of any size without holding its whole text.

The text is a plain function of its input: a report gives its findings, an
:class:`~netralitas_rules.assessed.AssessedReport` its findings and its assessment, whatever
modules were imported before.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import TypeAdapter

from .assessed import AssessedReport
from .completion import SHOWN_ABSENT, SHOWN_OTHER
from .escape import escape_json, escape_text
from .facts import FACTS
from .findings import DecidingFact, Finding, FindingStatus, Report
from .glossary import value_term
from .messages import (
    capitalized,
    certainty_name,
    date_text,
    effect_name,
    msg,
    role_name,
    tier_name,
    track_name,
)
from .sanctions.consulted import no_match_text
from .sanctions.text import DETAILS, render_assessment, verdict_lines, verdict_text
from .sanctions.verdicts import IfMet
from .textparts import LANGS, certainty_text, pick
from .vocabulary import Track


def label(key: str, lang: str) -> str:
    """A text of the report's catalogue (``report.<key>``) in the chosen language."""
    return msg(f"report.{key}", lang)


def _tier_text(f: Finding, lang: str, names: dict[str, str], full: bool) -> str:
    if f.tier is not None:
        return tier_name(f.tier, lang)
    if not f.tier_from:
        return msg("report.tier_open", lang)
    cited = [names[p] for p in f.tier_from if p in names]
    text = (
        msg("report.tier_from", lang, provisions=", ".join(dict.fromkeys(cited)))
        if cited
        else msg("report.tier_from_other", lang)
    )
    return f"{text} ({', '.join(f.tier_from)})" if full else text


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


_SHOWN_WORDS = {SHOWN_ABSENT: "report.value_absent", SHOWN_OTHER: "report.value_other"}


def _value_words(fact: str, value: str, lang: str) -> str:
    """One value of a deciding fact as people read it: yes/no in words, days as people write
    them, a closed vocabulary's value by its glossary term."""
    if value in ("true", "false"):
        return msg(f"report.{'yes' if value == 'true' else 'no'}", lang)
    if value in _SHOWN_WORDS:  # a fact left out, any other text
        return msg(_SHOWN_WORDS[value], lang)
    value = _ISO_DAY.sub(lambda m: date_text(dt.date.fromisoformat(m.group()), lang), value)
    return value_term(fact, value, lang)


def _met_values(d: DecidingFact, lang: str) -> str:
    """The values that make a possible finding met. For a list fact (attributes worn) only
    the smallest sets are named: any list holding one of them does."""
    if not FACTS[d.fact].many:
        return ", ".join(_value_words(d.fact, v, lang) for v in d.met_when)
    sets = [frozenset(filter(None, v.strip("[]").split(", "))) for v in d.met_when]
    least = [s for s in dict.fromkeys(sets) if not any(o < s for o in sets)]
    both = " " + msg("report.and", lang) + " "
    either = " " + msg("report.or", lang) + " "
    return either.join(
        both.join(_value_words(d.fact, v, lang) for v in sorted(s)) or msg("report.none", lang)
        for s in least
    )


def _if_met(outcomes: Sequence[IfMet], lang: str) -> Iterator[str]:
    for o in outcomes:
        track = track_name(o.track, lang)
        if o.tier is None and o.track is not Track.DISIPLIN:  # only discipline has tiers
            yield "  " + msg("report.if_met_track", lang, track=track)
            continue
        tier = tier_name(o.tier, lang) if o.tier is not None else msg("report.tier_open", lang)
        yield "  " + msg("report.if_met", lang, track=track, tier=tier)


def _deciding(f: Finding, d: DecidingFact, lang: str) -> str:
    """One deciding fact in words: the question it answers and the values that make the
    finding met."""
    values = _met_values(d, lang)
    if d.fact == "activity.date":
        return msg("report.deciding_date", lang, act=f.activity_id, values=values)
    question = msg(
        f"question.{d.fact}",
        lang,
        act=f.activity_id,
        candidate=f.candidate_id or "",
        asn=msg("report.asn_ref", lang),
    )
    return msg("report.deciding", lang, question=question, values=values)


def render_finding(
    n: int,
    f: Finding,
    lang: str,
    detail: str = "summary",
    names: dict[str, str] | None = None,
) -> list[str]:
    """The lines of one finding. ``names`` gives the citation of other provisions by id (to
    name the provisions whose tier a finding follows); ``detail="full"`` adds the provision
    id and version, the verification notes and the elements of the condition that were met."""
    full = detail == "full"
    title = pick(lang, f.title, f.title_en)
    day = date_text(f.activity_date, lang)
    if f.activity_until is not None and f.activity_until != f.activity_date:
        day = msg("report.days", lang, start=day, end=date_text(f.activity_until, lang))
    head = msg("report.act", lang, n=n, date=day, activity=f.activity_id)
    if f.candidate_id:
        head += " · " + msg("report.toward", lang, candidate=f.candidate_id)
    lines = [
        head,
        f"    {f.instrument_name} {f.citation.pinpoint} — {title}",
        f"    {' '.join(pick(lang, f.summary, f.summary_en).split())}",
    ]
    track = msg("report.track", lang, track=track_name(f.track, lang))
    if f.track is Track.DISIPLIN:
        tier = _tier_text(f, lang, names or {}, full)
        track += " · " + msg("report.tier", lang, tier=tier)
    lines.append(f"    {track}")
    if f.forms:
        forms = "; ".join(pick(lang, x.text, x.text_en) for x in f.forms)
        lines.append("    " + msg("report.forms", lang, forms=forms))
    if f.penalty:
        lines.append("    " + msg("report.penalty", lang, penalty=f.penalty.describe(lang)))
    if f.status_effect:
        effect = effect_name(f.status_effect, lang)
        lines.append("    " + msg("report.status_effect", lang, effect=effect))
    lines.append("    " + label("basis", lang))
    lines += [f"      - {c.text} ({role_name(c.role, lang)})" for c in f.citations]
    if f.status is FindingStatus.POSSIBLE:
        # A finding met for some values of the case's unknown facts only: say which decide.
        lines.append("    " + msg("report.possible", lang))
        lines += ["      - " + _deciding(f, d, lang) for d in f.deciding_facts]
    cert = f.certainty
    lines.append("    " + msg("report.certainty", lang, level=certainty_name(cert.level, lang)))
    if cert.alternatives:
        lines.append("    " + label("alternatives", lang))
        for alt in cert.alternatives:
            tier_alt = f"[{tier_name(alt.tier, lang)}] " if alt.tier else ""
            reading = " ".join(pick(lang, alt.reading, alt.reading_en).split())
            source = f" ({alt.source})" if full and alt.source else ""
            lines.append(f"      - {tier_alt}{reading}{source}")
    if full:
        lines.append(
            "    " + msg("report.provision", lang, provision=f.provision_id, version=f.version)
        )
        note = pick(lang, cert.notes, cert.notes_en)
        if note:
            lines.append("    " + label("certainty_notes", lang))
            lines.append(f"      {' '.join(note.split())}")
        lines.append("    " + label("elements", lang))
        lines += [f"      - {e.element}  ← {e.value}" for e in f.explanation]
    return lines


def render_report(report: Report, lang: str = "id", detail: str = "summary") -> str:
    """The whole report as text: the verdict first (for an
    :class:`~netralitas_rules.assessed.AssessedReport`), the findings, then the assessment."""
    return "".join(f"{line}\n" for line in report_lines(report, lang, detail))


def report_lines(report: Report, lang: str = "id", detail: str = "summary") -> Iterator[str]:
    """The lines of the report's text, each escaped for a terminal (no newline at the end).
    ``detail`` is ``summary`` (for people) or ``full`` (with rule ids, versions, research
    notes and the matched elements)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    if detail not in DETAILS:
        raise ValueError(f"unknown detail {detail!r}; choose one of {', '.join(DETAILS)}")
    return map(escape_text, _lines(report, lang, detail))


def provision_names(report: Report) -> dict[str, str]:
    """Each provision found in the report, by id: 'PP 53/2010 Pasal 4 angka 13 huruf a'."""
    return {f.provision_id: f"{f.instrument_name} {f.citation.pinpoint}" for f in report.findings}


def _breached(findings: Sequence[Finding]) -> str:
    by_instrument: dict[str, list[str]] = {}
    for f in findings:
        pinpoints = by_instrument.setdefault(f.instrument_name, [])
        if str(f.citation.pinpoint) not in pinpoints:
            pinpoints.append(str(f.citation.pinpoint))
    return "; ".join(f"{name} {', '.join(pins)}" for name, pins in by_instrument.items())


def _lines(report: Report, lang: str, detail: str) -> Iterator[str]:
    full = detail == "full"
    names = provision_names(report)
    status = report.asn_status.value
    yield msg("report.case", lang, case_id=report.case_id, asn_id=report.asn_id, status=status)
    assessed = report if isinstance(report, AssessedReport) else None
    if assessed is not None and assessed.assessment.no_match is not None:
        yield msg("report.conclusion_no_match", lang)
    elif assessed is not None:
        overall = verdict_text(assessed.assessment.audit.overall, lang)
        yield msg("report.conclusion", lang, verdict=overall)
    met = [f for f in report.findings if f.status is not FindingStatus.POSSIBLE]
    possible = [f for f in report.findings if f.status is FindingStatus.POSSIBLE]
    if met:
        acts = len({f.activity_id for f in met})
        line = msg("report.breached", lang, provisions=_breached(met), findings=len(met), acts=acts)
        yield f"  {line}"
    if possible:
        # Never under "breached": these rest on facts nobody has stated yet.
        line = msg(
            "report.possibly_breached", lang, provisions=_breached(possible), findings=len(possible)
        )
        yield f"  {line}"
        if assessed is not None and assessed.assessment.possible is not None:
            yield from _if_met(assessed.assessment.possible.if_met, lang)
    if report.not_established:
        unproven = ", ".join(report.not_established)
        yield "  " + msg("report.not_established", lang, acts=unproven)
    if report.findings:
        pass  # said above
    elif assessed is not None and assessed.assessment.no_match is not None:
        nm = assessed.assessment.no_match
        yield "  " + no_match_text(nm.instruments, lang, head=False)
    else:
        yield "  " + label("no_match", lang)
    if assessed is not None:
        yield from verdict_lines(assessed.assessment, lang)
    yield ""
    if report.findings:
        yield msg("report.findings", lang, count=len(report.findings))
        yield ""
    for n, f in enumerate(report.findings, 1):
        yield from render_finding(n, f, lang, detail, names)
        yield ""
    if assessed is not None:
        yield from render_assessment(assessed.assessment, lang, detail)
    if full:
        yield label("law", lang)
        for la in report.law_applied:
            yield f"  {la.activity_id} ({date_text(la.judged_on, lang)}): {', '.join(la.versions)}"
    s = report.stamp
    yield msg(
        "report.stamp",
        lang,
        version=s.library_version,
        hash=s.regulations_hash,
        backend=s.backend,
    )


def as_json(report: Report) -> Any:
    """The JSON-ready data of a report."""
    return report.model_dump(mode="json")


_FINDINGS = TypeAdapter(tuple[Finding, ...])


class _Findings(list[Any]):
    """The findings of a report as JSON data, made one at a time as the encoder reaches
    them (the encoder only iterates a list and asks whether it is empty)."""

    def __init__(self, findings: tuple[Finding, ...]) -> None:
        super().__init__()
        self._findings = findings

    def __bool__(self) -> bool:
        return bool(self._findings)

    def __len__(self) -> int:
        return len(self._findings)

    def __iter__(self) -> Iterator[Any]:
        step = 256  # one serializer call per slice: far cheaper than one per finding
        for start in range(0, len(self._findings), step):
            yield from _FINDINGS.dump_python(self._findings[start : start + step], mode="json")


def json_chunks(report: Report) -> Iterator[str]:
    """``json.dumps(as_json(report), indent=2, ensure_ascii=False)`` in pieces, escaped for a
    terminal (:func:`~netralitas_rules.escape.escape_json`: the same data), with the
    findings turned into data one at a time, so memory does not grow with the output."""
    data = report.model_dump(mode="json", exclude={"findings"})
    ordered = {
        name: _Findings(report.findings) if name == "findings" else data[name]
        for name in type(report).model_fields
        if name in data or name == "findings"
    }
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False)
    return map(escape_json, _blocks(encoder.iterencode(ordered)))


def _blocks(pieces: Iterator[str], size: int = 1 << 16) -> Iterator[str]:
    """The pieces joined into blocks of about ``size`` characters: the encoder yields
    millions of small strings, and writing or escaping each one alone costs more than the
    encoding."""
    buffer: list[str] = []
    held = 0
    for piece in pieces:
        buffer.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(buffer)
            buffer, held = [], 0
    if buffer:
        yield "".join(buffer)


__all__ = [
    "DETAILS",
    "LANGS",
    "as_json",
    "capitalized",
    "certainty_text",
    "json_chunks",
    "label",
    "pick",
    "provision_names",
    "render_finding",
    "render_report",
    "report_lines",
]
