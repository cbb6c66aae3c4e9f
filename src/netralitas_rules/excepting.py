"""Exceptions between provisions, checked across rule files.

An exception (``exceptions:`` in a rule file) names the provisions it withdraws in
``exception_to``. The loader refuses a name that is not a provision of the loaded files (or
not one of the instrument it names); ``rules lint`` warns when no version of the excepted
provision is in force while the exception's version is, since such an exception can never
withdraw anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .errors import Problem
from .hints import suggestion
from .messages import msg
from .problemtext import Text

if TYPE_CHECKING:
    from .loader import LoadedFile, RegulationSet
    from .regulation import Version


def target_problems(files: Sequence[LoadedFile]) -> list[Problem]:
    """Every ``exception_to`` entry that names no provision of the loaded files, or one of
    another instrument than the one it names."""
    home: dict[str, str] = {}
    for f in files:
        for prov in f.regulation.provisions:
            home.setdefault(prov.id, f.regulation.instrument.id)
    problems: list[Problem] = []
    for f in files:
        for i, exc in enumerate(f.regulation.exceptions):
            for j, target in enumerate(exc.exception_to):
                where = ("exceptions", i, "exception_to", j)
                owner = home.get(target.provision)
                if owner is None:
                    problems.append(
                        f.located.problem(
                            where,
                            Text(
                                "exception.unknown_provision",
                                id=target.provision,
                                hint=suggestion(target.provision, sorted(home)),
                            ),
                        )
                    )
                elif target.instrument is not None and target.instrument != owner:
                    problems.append(
                        f.located.problem(
                            where,
                            Text(
                                "exception.other_instrument",
                                id=target.provision,
                                owner=owner,
                                named=target.instrument,
                            ),
                        )
                    )
    return problems


def _overlap(a: Version, b: Version) -> bool:
    a_end = a.superseded_on or dt.date.max
    b_end = b.superseded_on or dt.date.max
    return a.effective_from < b_end and b.effective_from < a_end


def _period(v: Version) -> str:
    return f"[{v.effective_from}, {v.superseded_on or '…'})"


def overlap_warnings(regs: RegulationSet, lang: str = "id") -> Iterator[Problem]:
    """One warning per exception and excepted provision whose versions are never in force
    on the same day."""
    versions: dict[str, list[Version]] = {}
    for reg, prov in regs.provisions():
        versions.setdefault(prov.id, []).append(reg.version)
    for loaded in regs.files:
        reg = loaded.regulation
        for i, exc in enumerate(reg.exceptions):
            for j, target in enumerate(exc.exception_to):
                periods = versions.get(target.provision, [])
                if any(_overlap(reg.version, v) for v in periods):
                    continue
                yield loaded.located.problem(
                    ("exceptions", i, "exception_to", j),
                    msg(
                        "lint.exception_no_overlap",
                        lang,
                        exception=exc.id,
                        version=_period(reg.version),
                        provision=target.provision,
                        periods=", ".join(_period(v) for v in periods),
                        key="exception_to",
                    ),
                )
