"""What a case without findings says: no encoded provision matched, and which instruments
in force on the act dates were consulted. Never 'all clear': the facts may breach law the
library does not encode, and facts not stated may decide."""

from __future__ import annotations

from ..findings import Report
from ..loader import RegulationSet
from ..messages import msg
from .memo import regs_memo
from .verdicts import NoMatch


def no_match(report: Report, regs: RegulationSet) -> NoMatch | None:
    """The no-match statement of a report without findings (None when it has findings)."""
    if report.findings:
        return None
    # The names and the texts are the same for every case that consulted the same versions:
    # remembered with the regulation set (a case without findings worked them out afresh).
    memo = regs_memo(regs)
    versions = tuple(dict.fromkeys(v for la in report.law_applied for v in la.versions))
    instruments, text, text_en = memo.get(("no_match", versions), _consulted, regs, versions)
    days = tuple(sorted({la.judged_on for la in report.law_applied}))
    return NoMatch.model_construct(
        instruments=instruments,
        versions=versions,
        act_dates=days,
        text=text,
        text_en=text_en,
    )


def _consulted(regs: RegulationSet, versions: tuple[str, ...]) -> tuple[tuple[str, ...], str, str]:
    names = {reg.key: reg.instrument.short_name for reg in regs.versions}
    instruments = tuple(dict.fromkeys(names.get(v, v.split("@")[0]) for v in versions))
    return instruments, no_match_text(instruments, "id"), no_match_text(instruments, "en")


def no_match_text(instruments: tuple[str, ...], lang: str, *, head: bool = True) -> str:
    """'No encoded provision matched these facts. ...' with the instruments consulted
    (``head=False`` leaves out the first sentence, for a report whose conclusion says it)."""
    if instruments:
        named = ", ".join(instruments)
        consulted = msg("report.no_match_consulted", lang, instruments=named)
    else:
        consulted = msg("report.no_match_no_acts", lang)
    caveat = msg("report.no_match_caveat", lang)
    body = f"{consulted} {caveat}"
    return f"{msg('report.no_match', lang)} {body}" if head else body


__all__ = ["no_match", "no_match_text"]
