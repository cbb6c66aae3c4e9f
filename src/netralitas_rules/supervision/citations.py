"""The citation a supervisor reads for each provision id of batch output (``Pasal 5 huruf n
angka 2 PP 94/2021``), from the rule set the batch ran with: the report groups by it rather
than by internal ids."""

from __future__ import annotations

from ..loader import RegulationSet


def provision_citations(regs: RegulationSet) -> dict[str, str]:
    """Each provision id's pinpoint and instrument; the versions' citations joined with
    ' / ' where an id is cited differently in two versions."""
    found: dict[str, set[str]] = {}
    for reg, provision in regs.provisions():
        found.setdefault(provision.id, set()).add(
            f"{provision.citation} {reg.instrument.short_name}"
        )
    return {pid: " / ".join(sorted(texts)) for pid, texts in found.items()}
