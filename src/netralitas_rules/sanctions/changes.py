"""Law that changed between an act and its judging.

Criminal: a later law that changes a penal article's range (``data/penalty_changes.yaml``:
UU 1/2026 tentang Penyesuaian Pidana, in force 2 January 2026 with KUHP 2023). For an act
before the change, KUHP 2023 Pasal 3 ayat (1) applies the law more favourable to the
offender, and both texts are cited; for an act after it, the changed range is the law; a
penal article whose conversion was not found is said to be unconverted.

Discipline: an act judged (the date a disciplinary sanction was imposed, else the day of
handling) after a later discipline schedule came into force, e.g. an act of 30 August 2021
judged under PP 53/2010 after PP 94/2021 took effect. No transitional article was found,
so the recommendation keeps the law of the act's date and both schedules' forms are shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from functools import cache

from pydantic import Field

from ..findings import Finding
from ..loader import RegulationSet
from ..messages import certainty_name, date_text, msg
from ..models import Case
from ..regulation import RegulationFile, SanctionForm
from ..vocabulary import AsnStatus, Certainty, Tier, Track
from .data import BasisData, DataModel, load_data, shipped_bytes
from .memo import regs_memo
from .models import ActSanction, LawChange, PenaltyChange, PenaltyChoice

# --------------------------------------------------------------------------- criminal


class Favourable(StrEnum):
    """Which law the sources show to be more favourable to the offender."""

    NEW = "new"
    OLD = "old"
    CONTESTED = "contested"


class AfterText(DataModel):
    """The range after the change, in our words."""

    text: str = Field(min_length=1)
    text_en: str = Field(min_length=1)


class ChangeData(DataModel):
    """One penal article's range changed by a later law."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    instrument: str = Field(description="The rule-file instrument id, e.g. 'uu-7-2017'.")
    pinpoint: str = Field(description="The penal article as the rule file cites it.")
    valid_from: dt.date = Field(alias="from")
    by: str
    basis: tuple[BasisData, ...] = Field(min_length=1)
    after: AfterText
    favourable: Favourable
    certainty: Certainty
    notes: str
    notes_en: str
    sources: tuple[str, ...] = Field(min_length=1)


class Unconverted(DataModel):
    """From this day, any other penal article is said to be unconverted."""

    valid_from: dt.date = Field(alias="from")
    by: str


class PenaltyChanges(DataModel):
    """The whole ``penalty_changes.yaml``."""

    lex_mitior: BasisData
    changes: tuple[ChangeData, ...] = ()
    unconverted: Unconverted


@cache
def shipped_penalty_changes() -> PenaltyChanges:
    """The shipped penalty changes (``data/penalty_changes.yaml``)."""
    data: PenaltyChanges = load_data(
        shipped_bytes("penalty_changes.yaml"), "penalty_changes.yaml", PenaltyChanges
    )
    return data


_CHOICE = {
    Favourable.NEW: PenaltyChoice.NOW,
    Favourable.OLD: PenaltyChoice.THEN,
    Favourable.CONTESTED: PenaltyChoice.CONTESTED,
}


def penalty_change(
    f: Finding,
    penal_article: str,
    as_of: dt.date,
    data: PenaltyChanges,
    *,
    then: tuple[str, str] | None = None,
) -> PenaltyChange | None:
    """The change of ``f``'s penal range that is in force on ``as_of``, if any: lex mitior
    for an act before it, the changed range for an act after it, or ``unconverted``.
    ``then``: the range as the act's law wrote it, in Indonesian and English, when the
    caller has it (``f.penalty`` described)."""
    cite = next((c for c in f.citations if c.role == "penalty"), None)
    assert f.penalty is not None  # a PIDANA finding always carries its penalty
    if then is None:
        then = (f.penalty.describe("id"), f.penalty.describe("en"))
    if cite is not None:
        pinpoint: str | None = None  # rendered once, for the first change of its instrument
        for ch in data.changes:
            if ch.instrument != cite.instrument:
                continue
            if pinpoint is None:
                pinpoint = str(cite.pinpoint)
            if ch.pinpoint == pinpoint and ch.valid_from <= as_of:
                before = f.activity_date < ch.valid_from
                return PenaltyChange.model_construct(
                    change_id=ch.id,
                    by=ch.by,
                    effective=ch.valid_from,
                    act_before=before,
                    then_citation=penal_article,
                    then_text=then[0],
                    then_text_en=then[1],
                    now_text=ch.after.text,
                    now_text_en=ch.after.text_en,
                    now_basis=tuple(b.out() for b in ch.basis),
                    applies=_CHOICE[ch.favourable] if before else PenaltyChoice.NOW,
                    rule=data.lex_mitior.out() if before else None,
                    certainty=ch.certainty,
                    notes=ch.notes,
                    notes_en=ch.notes_en,
                )
    gap = data.unconverted
    if gap.valid_from > as_of:
        return None
    return PenaltyChange.model_construct(
        by=gap.by,
        effective=gap.valid_from,
        act_before=f.activity_date < gap.valid_from,
        then_citation=penal_article,
        then_text=then[0],
        then_text_en=then[1],
        applies=PenaltyChoice.UNCONVERTED,
        certainty=Certainty.UNRESOLVED,
    )


def change_lines(c: PenaltyChange, lang: str) -> list[str]:
    """The change in words: both texts cited, and which applies (catalogue ``penalty.*``)."""
    cert = certainty_name(c.certainty, lang)
    day = date_text(c.effective, lang)
    now = (c.now_text_en if lang == "en" else c.now_text) or ""
    if c.applies is PenaltyChoice.UNCONVERTED:
        return [msg("penalty.unconverted", lang, by=c.by, date=day)]
    if not c.act_before:
        text = " ".join(now.split())
        return [msg("penalty.after", lang, by=c.by, date=day, text=text, certainty=cert)]
    rule = c.rule.text if c.rule is not None else "-"
    pinned = [b.text for b in c.now_basis if b.pinpoint]
    cited = f" ({'; '.join(pinned)})" if pinned else ""
    then = c.then_text_en if lang == "en" else c.then_text
    key = {
        PenaltyChoice.NOW: "penalty.applies_now",
        PenaltyChoice.THEN: "penalty.applies_then",
    }.get(c.applies, "penalty.applies_contested")
    return [
        msg("penalty.change_before", lang, by=c.by, date=day),
        msg("penalty.then", lang, article=c.then_citation, text=then),
        msg("penalty.now", lang, by=c.by, cited=cited, text=" ".join(now.split())),
        msg(key, lang, by=c.by, rule=rule, certainty=cert),
    ]


# --------------------------------------------------------------------------- discipline


def judging_date(case: Case, as_of: dt.date) -> tuple[dt.date, str]:
    """The day the discipline is judged: the earliest dated disciplinary sanction imposed
    (the decision), else the day of handling; and which of the two it is."""
    if case.imposed_sanctions:
        imposed = [s.date for s in case.imposed_sanctions if s.track is Track.DISIPLIN and s.date]
        if imposed:
            return min(imposed), "imposed"
    return as_of, "as_of"


def _schedule_law(
    regs: RegulationSet, day: dt.date, status: AsnStatus
) -> tuple[str, str, dt.date] | None:
    """The version key, short name and start of the discipline schedule in force on ``day``
    for the status."""
    memo = regs_memo(regs)
    in_force, keys = memo.in_force(day)
    return memo.get(("law", keys, status), _law_in, in_force, status)


def _law_in(
    in_force: Sequence[RegulationFile], status: AsnStatus
) -> tuple[str, str, dt.date] | None:
    for reg in in_force:
        for sched in reg.sanction_schedules:
            if sched.track is Track.DISIPLIN and status in sched.statuses:
                return reg.key, reg.instrument.short_name, reg.version.effective_from
    return None


FormsOn = Callable[[dt.date, Tier], tuple[tuple[SanctionForm, ...], str | None]]
"""The forms of a tier in the discipline schedule in force on a day, and their article."""


def law_changes(
    acts: Sequence[ActSanction],
    case: Case,
    regs: RegulationSet,
    as_of: dt.date,
    forms_on: FormsOn,
    judged_under: Mapping[str, dt.date] | None = None,
) -> tuple[LawChange, ...]:
    """Each act judged after a later discipline schedule came into force. ``judged_under``
    gives the day whose law judged an act when it is not the act's own (``check --at``):
    the act's law is read on that day, as its findings and forms were."""
    judged, source = judging_date(case, as_of)
    status = case.asn.status
    out: list[LawChange] = []
    later: tuple[str, str, dt.date] | None = None
    for a in acts:
        if judged <= a.activity_date:
            continue
        then = _schedule_law(
            regs,
            judged_under.get(a.activity_id, a.activity_date) if judged_under else a.activity_date,
            status,
        )
        later = later or _schedule_law(regs, judged, status)
        if then is None or later is None or then[0] == later[0]:
            continue
        later_forms, later_cite = forms_on(judged, a.tier)
        out.append(
            LawChange.model_construct(
                activity_id=a.activity_id,
                activity_date=a.activity_date,
                judged_on=judged,
                judged_on_from=source,
                tier=a.tier,
                act_law=then[1],
                act_forms=a.forms,
                act_forms_citation=a.forms_citation,
                later_law=later[1],
                later_from=later[2],
                later_forms=later_forms,
                later_forms_citation=later_cite,
            )
        )
    return tuple(out)


__all__ = [
    "ChangeData",
    "Favourable",
    "PenaltyChanges",
    "change_lines",
    "judging_date",
    "law_changes",
    "penalty_change",
    "shipped_penalty_changes",
]
