"""The case the `netralitas ask` tests complete: three facts not stated that can change the
outcome (the act's date, given as a range, and whether the ASN is a pejabat ASN or a pejabat
negara) and one that cannot (the platform of an official document)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from netralitas_rules import Question, questions
from netralitas_rules.interview import case_of, set_answer
from netralitas_rules.yamlpos import read_yaml

CASE_TEXT = """\
# A report with facts not stated.
id: kasus-tanya
election: pemilu-2019
asn:
  id: asn-01
  status: PNS
  position_kind: ADMINISTRATOR
  is_pejabat_asn: unknown
  is_pejabat_negara: unknown
candidates:
  - id: paslon-01
    name: Pasangan calon
    office: PRESIDEN
    penetapan_date: 2018-09-20
activities:
  - id: keputusan-dinas
    date: {from: 2019-02-01, to: 2019-04-30}
    kind: favouring_decision
    candidate_ids: [paslon-01]
    channel: official_document
    used_position: false
    platform: unknown
"""

DATE, PEJABAT_ASN, PEJABAT_NEGARA = (
    "activities[0].date",
    "asn.is_pejabat_asn",
    "asn.is_pejabat_negara",
)


def case_data() -> dict[str, Any]:
    """The case's own data, as its file reads."""
    data = read_yaml(CASE_TEXT.encode(), "kasus.yaml", core_schema=True).data
    assert isinstance(data, dict)
    return data


def open_questions(answers: Mapping[str, Any], skipped: tuple[str, ...] = ()) -> list[Question]:
    """questions() of the case with ``answers`` put in, leaving out the ``skipped`` paths."""
    data = copy.deepcopy(case_data())
    for path, value in answers.items():
        set_answer(data, path, value)
    return [q for q in questions(case_of(data, "kasus.yaml")) if q.path not in skipped]
