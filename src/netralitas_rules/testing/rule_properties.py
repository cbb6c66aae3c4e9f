"""The properties of the rule files themselves, checked without drawing cases: the temporal
partition of each instrument's versions and the round trips of citations and rule files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import Any

import yaml

from ..citation import Citation, parse_citation
from ..errors import NetralitasError
from ..loader import RegulationSet, load_rule_file
from ..problemtext import Text
from ..regulation import RegulationFile
from ._base import PropertyViolationError, Rules
from ._base import regulations as _regulations
from .words import Day

# --------------------------------------------------------------------------- temporal partition


def check_temporal_partition(rules: Rules) -> None:
    """Per instrument, versions meet without gaps and never overlap: on any day at most one
    version is in force, and from the first version on there is always one."""
    regs = _regulations(rules)
    by_instrument: dict[str, list[RegulationFile]] = {}
    for reg in regs.versions:
        by_instrument.setdefault(reg.instrument.id, []).append(reg)
    for inst_id, versions in sorted(by_instrument.items()):
        versions.sort(key=lambda r: r.version.effective_from)
        for prev, nxt in pairwise(versions):
            end, start = prev.version.superseded_on, nxt.version.effective_from
            if end is None or end > start:
                raise PropertyViolationError(
                    Text(
                        "property.partition.overlap",
                        prev=prev.key,
                        next=nxt.key,
                        start=Day(start),
                    )
                )
            if end < start:
                last = start - dt.timedelta(days=1)
                raise PropertyViolationError(
                    Text(
                        "property.partition.gap",
                        instrument=inst_id,
                        end=Day(end),
                        last=Day(last),
                        prev=prev.key,
                        next=nxt.key,
                        start=Day(start),
                    )
                )
        for reg in versions:
            for day in (reg.version.effective_from, reg.version.superseded_on):
                if day is None:
                    continue
                for probe in (day - dt.timedelta(days=1), day):
                    live = [r.key for r in versions if r.version.covers(probe)]
                    if len(live) > 1:
                        raise PropertyViolationError(
                            Text(
                                "property.partition.all_in_force",
                                versions=", ".join(live),
                                day=Day(probe),
                            )
                        )


# --------------------------------------------------------------------------- round trips


def _citations(regs: RegulationSet) -> Iterable[tuple[str, Citation]]:
    for reg in regs.versions:
        for prov in reg.provisions:
            yield f"{reg.key} {prov.id}", prov.citation
        for where, ref in reg.references():
            yield f"{reg.key} {'.'.join(str(p) for p in where)}", ref.pinpoint


def check_citation_round_trip(rules: Rules) -> None:
    """Every citation of the rule set renders to text that parses back to itself."""
    for where, citation in _citations(_regulations(rules)):
        text = str(citation)
        try:
            again = parse_citation(text)
        except NetralitasError as exc:
            raise PropertyViolationError(
                Text("property.citation.no_parse", where=where, text=text, error=exc)
            ) from None
        if again != citation or str(again) != text:
            raise PropertyViolationError(
                Text("property.citation.parses_as", where=where, text=text, again=str(again))
            )


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        if set(value) <= {"parts", "penjelasan"} and "parts" in value:
            return str(Citation.model_validate(value))
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def rule_file_to_data(reg: RegulationFile) -> dict[str, Any]:
    """A rule file as plain data in the shape authors write (citations as text);
    ``load_rule_file`` of its YAML gives the same file back."""
    data: dict[str, Any] = _plain(reg.model_dump(mode="json", exclude_defaults=True))
    return data


def check_rule_file_round_trip(rules: Rules) -> None:
    """Every rule file dumped with :func:`rule_file_to_data` loads back equal."""
    for loaded in _regulations(rules).files:
        text = yaml.safe_dump(rule_file_to_data(loaded.regulation), allow_unicode=True)
        try:
            again = load_rule_file(text, loaded.path)
        except NetralitasError as exc:
            raise PropertyViolationError(
                Text("property.rule_file.no_load", path=loaded.path, error=exc)
            ) from None
        if again != loaded.regulation:
            raise PropertyViolationError(Text("property.rule_file.differs", path=loaded.path))
