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

import json
from collections.abc import Iterator
from typing import Any

from pydantic import TypeAdapter

from .assessed import AssessedReport
from .escape import escape_json, escape_text
from .findings import Finding, Report
from .sanctions.text import render_assessment
from .textparts import LANGS, certainty_text, pick

_LABELS: dict[str, dict[str, str]] = {
    "case": {"id": "Kasus", "en": "Case"},
    "findings": {"id": "temuan", "en": "findings"},
    "no_findings": {
        "id": "Tidak ada ketentuan yang dilanggar.",
        "en": "No provision is breached.",
    },
    "toward": {"id": "terhadap", "en": "toward"},
    "track": {"id": "Jalur", "en": "Track"},
    "tier": {"id": "Tingkat", "en": "Tier"},
    "tier_open": {
        "id": "tidak ditetapkan oleh naskah yang ditemukan; diserahkan kepada PPK",
        "en": "not fixed by the text found; referred to the PPK",
    },
    "tier_from": {"id": "mengikuti tingkat", "en": "as tiered by"},
    "forms": {"id": "Bentuk sanksi", "en": "Sanction forms"},
    "penalty": {"id": "Ancaman pidana", "en": "Criminal penalty"},
    "status_effect": {"id": "Akibat kepegawaian", "en": "Employment consequence"},
    "basis": {"id": "Dasar hukum", "en": "Legal basis"},
    "certainty": {"id": "Kepastian hukum", "en": "Legal certainty"},
    "alternatives": {"id": "Bacaan lain", "en": "Other readings"},
    "facts": {"id": "Fakta yang terpenuhi", "en": "Facts that matched"},
    "law": {"id": "Hukum yang berlaku", "en": "Law in force"},
    "stamp": {"id": "Dihasilkan oleh", "en": "Produced by"},
}


def label(key: str, lang: str) -> str:
    """A UI label in the chosen language."""
    return _LABELS[key][lang]


def render_finding(n: int, f: Finding, lang: str) -> list[str]:
    """The lines of one finding."""
    title = pick(lang, f.title, f.title_en)
    toward = f" · {label('toward', lang)} {f.candidate_id}" if f.candidate_id else ""
    lines = [
        f"[{n}] {f.activity_id} · {f.activity_date}{toward}",
        f"    {f.instrument_name} {f.citation.pinpoint} — {title}",
        f"    {pick(lang, f.summary, f.summary_en)}",
    ]
    tier = f.tier.value if f.tier else None
    if f.track.value == "DISIPLIN":
        tier_text = tier or (
            f"{label('tier_from', lang)} {', '.join(f.tier_from)}"
            if f.tier_from
            else label("tier_open", lang)
        )
        lines.append(
            f"    {label('track', lang)}: {f.track.value} · {label('tier', lang)}: {tier_text}"
        )
    else:
        lines.append(f"    {label('track', lang)}: {f.track.value}")
    if f.forms:
        forms = "; ".join(pick(lang, x.text, x.text_en) for x in f.forms)
        lines.append(f"    {label('forms', lang)}: {forms}")
    if f.penalty:
        lines.append(f"    {label('penalty', lang)}: {f.penalty.describe(lang)}")
    if f.status_effect:
        lines.append(f"    {label('status_effect', lang)}: {f.status_effect.value}")
    lines.append(f"    {label('basis', lang)}:")
    lines += [f"      - {c.text} ({c.role})" for c in f.citations]
    cert = f.certainty
    lines.append(f"    {label('certainty', lang)}: {certainty_text(cert.level, lang)}")
    note = pick(lang, cert.notes, cert.notes_en)
    if note:
        lines.append(f"      {note}")
    if cert.alternatives:
        lines.append(f"    {label('alternatives', lang)}:")
        for alt in cert.alternatives:
            tier_alt = f"[{alt.tier.value}] " if alt.tier else ""
            lines.append(f"      - {tier_alt}{pick(lang, alt.reading, alt.reading_en)}")
    lines.append(f"    {label('facts', lang)}:")
    lines += [f"      - {e.element}  ← {e.value}" for e in f.explanation]
    return lines


def render_report(report: Report, lang: str = "id") -> str:
    """The whole report as text; an :class:`~netralitas_rules.assessed.AssessedReport`
    with its assessment after the findings."""
    return "".join(f"{line}\n" for line in report_lines(report, lang))


def report_lines(report: Report, lang: str = "id") -> Iterator[str]:
    """The lines of the report's text, each escaped for a terminal (no newline at the end)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    return map(escape_text, _lines(report, lang))


def _lines(report: Report, lang: str) -> Iterator[str]:
    status = report.asn_status.value
    yield f"{label('case', lang)} {report.case_id} — ASN {report.asn_id} ({status})"
    yield f"{len(report.findings)} {label('findings', lang)}"
    yield ""
    if not report.findings:
        yield label("no_findings", lang)
    for n, f in enumerate(report.findings, 1):
        yield from render_finding(n, f, lang)
        yield ""
    if isinstance(report, AssessedReport):
        yield from render_assessment(report.assessment, lang)
    yield f"{label('law', lang)}:"
    for la in report.law_applied:
        yield f"  {la.activity_id} ({la.judged_on}): {', '.join(la.versions)}"
    s = report.stamp
    yield (
        f"{label('stamp', lang)}: netralitas-rules {s.library_version} · "
        f"regulations {s.regulations_hash} · backend {s.backend}"
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
    "LANGS",
    "as_json",
    "certainty_text",
    "json_chunks",
    "label",
    "pick",
    "render_finding",
    "render_report",
    "report_lines",
]
