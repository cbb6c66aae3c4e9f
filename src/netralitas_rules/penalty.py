"""The criminal penalty range a penal article sets (a rule file's ``consequence.penalty``),
and how it reads in Indonesian or English."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from .rulemodel import RuleModel


class PenaltyKind(StrEnum):
    """Criminal penalty kinds: penjara (imprisonment) or kurungan (confinement)."""

    PENJARA = "PENJARA"
    KURUNGAN = "KURUNGAN"


class Combination(StrEnum):
    """How deprivation of liberty and fine combine: dan, dan/atau, atau."""

    AND = "dan"
    AND_OR = "dan/atau"
    OR = "atau"


class Penalty(RuleModel):
    """The criminal penalty range a penal article sets."""

    kind: PenaltyKind
    min_months: int | None = Field(default=None, ge=0)
    max_months: int = Field(ge=0)
    combination: Combination
    fine_min_rupiah: int | None = Field(default=None, ge=0)
    fine_max_rupiah: int = Field(ge=0)

    def describe(self, lang: str = "id") -> str:
        """The range in words: see :func:`penalty_text`."""
        return penalty_text(self, lang)


def rupiah(amount: int) -> str:
    """``12000000`` -> ``Rp12.000.000``."""
    return "Rp" + f"{amount:,}".replace(",", ".")


def penalty_text(p: Penalty, lang: str) -> str:
    """How a penalty range reads, in Indonesian or English.

    >>> penalty_text(Penalty(kind="KURUNGAN", max_months=12, combination="dan",
    ...              fine_max_rupiah=12_000_000), "id")
    'kurungan paling lama 1 tahun dan denda paling banyak Rp12.000.000'
    """

    def span(months: int) -> str:
        if months and months % 12 == 0:
            years = months // 12
            return f"{years} {'tahun' if lang == 'id' else ('year' if years == 1 else 'years')}"
        return f"{months} {'bulan' if lang == 'id' else ('month' if months == 1 else 'months')}"

    if lang == "id":
        kind = p.kind.value.lower()
        jail = f"{kind} paling lama {span(p.max_months)}"
        if p.min_months:
            jail = (
                f"{kind} paling singkat {span(p.min_months)} dan paling lama {span(p.max_months)}"
            )
        fine = f"denda paling banyak {rupiah(p.fine_max_rupiah)}"
        if p.fine_min_rupiah:
            fine = (
                f"denda paling sedikit {rupiah(p.fine_min_rupiah)} dan paling banyak "
                f"{rupiah(p.fine_max_rupiah)}"
            )
        return f"{jail} {p.combination.value} {fine}"
    kind = "imprisonment (penjara)" if p.kind.value == "PENJARA" else "confinement (kurungan)"
    jail = f"{kind} of at most {span(p.max_months)}"
    if p.min_months:
        jail = f"{kind} of {span(p.min_months)} to {span(p.max_months)}"
    fine = f"a fine of at most {rupiah(p.fine_max_rupiah)}"
    if p.fine_min_rupiah:
        fine = f"a fine of {rupiah(p.fine_min_rupiah)} to {rupiah(p.fine_max_rupiah)}"
    joint = {"dan": "and", "dan/atau": "and/or", "atau": "or"}[p.combination.value]
    return f"{jail} {joint} {fine}"


__all__ = ["Combination", "Penalty", "PenaltyKind", "penalty_text", "rupiah"]
