"""The register as the supervision report's input: one batch output record per case.

Each record is built by the batch's own :func:`~netralitas_rules.batch.output.output_record`
from the case as judged (its facts and its events' sanctions) and its assessment as of the
day of its last logged evaluation, so the report shows the verdicts the register holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..assessed import with_assessment
from ..batch.output import output_record
from .evaluation import evaluate
from .store import Register


def output_records(reg: Register) -> Iterator[dict[str, Any]]:
    """Every case of the register as a batch output record (summary detail)."""
    for record in reg.iter_records():
        as_of = reg.history(record.id)[-1].as_of
        answer = evaluate(record.case, record.event_list, engine=reg.engine, as_of=as_of)
        yield output_record(answer.case, with_assessment(answer.report, answer.assessment))
