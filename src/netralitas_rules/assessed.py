"""A report and what the sanctions stage says about it, as one typed answer.

:class:`~netralitas_rules.findings.Report` lives upstream of the sanctions stage, and the
sanctions models are built from the findings' shapes (``CitationOut``, ``OutModel``), so a
field of type :class:`~netralitas_rules.sanctions.Assessment` on the report would make the
findings import the stage that reads them. The assessed report is instead a downstream
type: the report's own fields, unchanged, and the assessment as a typed field beside them.
Every output that needs verdicts (``check``, ``audit``, the batch, the supervision report)
reads them from here; none recomputes them.

>>> from netralitas_rules import load_case
>>> from netralitas_rules.assessed import answer
>>> case = load_case("examples/muaro-jambi-2019.yaml")  # doctest: +SKIP
>>> answer(case, as_of=dt.date(2024, 6, 1)).assessment.audit.overall  # doctest: +SKIP
<Verdict.UNDER_SANCTIONED: 'under_sanctioned'>
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .engine import Engine, get_engine
from .findings import Report
from .models import Case
from .sanctions import Assessment, Policy, RoutingData, assess


class AssessedReport(Report):
    """A report with its assessment: recommendations, routing, conflicts, risks, audit."""

    assessment: Assessment = Field(
        description="What the sanctions stage says about the case (netralitas_rules.sanctions)."
    )


_ORDER = tuple(AssessedReport.model_fields)


def with_assessment(report: Report, assessment: Assessment) -> AssessedReport:
    """The report's fields as they are, and the assessment beside them (no revalidation:
    both are already valid models)."""
    fields = dict(report.__dict__)
    fields["assessment"] = assessment
    fields_set = {*report.model_fields_set, "assessment"}
    if tuple(fields) != _ORDER:  # a report not holding every field in order
        return AssessedReport.model_construct(_fields_set=fields_set, **fields)
    # What model_construct makes of every field given in order, without its per-field loop.
    out = AssessedReport.__new__(AssessedReport)
    object.__setattr__(out, "__dict__", fields)
    object.__setattr__(out, "__pydantic_fields_set__", fields_set)
    object.__setattr__(out, "__pydantic_extra__", None)
    object.__setattr__(out, "__pydantic_private__", None)
    return out


def assessed(
    report: Report,
    case: Case,
    *,
    engine: Engine,
    as_of: dt.date,
    policy: Policy | None = None,
    routing: RoutingData | None = None,
) -> AssessedReport:
    """A report ``engine`` made for ``case``, with its assessment as of ``as_of``."""
    regs = engine.rules.regulations
    assessment = assess(report, case, regs=regs, policy=policy, routing=routing, as_of=as_of)
    return with_assessment(report, assessment)


def answer(
    case: Case,
    *,
    as_of: dt.date,
    engine: Engine | None = None,
    at: dt.date | None = None,
    strict: bool = False,
    policy: Policy | None = None,
    routing: RoutingData | None = None,
) -> AssessedReport:
    """Evaluate ``case`` (shipped rules by default) and assess it once, as of ``as_of``
    (the day of handling, for days elapsed and successor authorities)."""
    engine = engine or get_engine()
    report = engine.evaluate(case, at=at, strict=strict)
    return assessed(report, case, engine=engine, as_of=as_of, policy=policy, routing=routing)


__all__ = ["AssessedReport", "answer", "assessed", "with_assessment"]
