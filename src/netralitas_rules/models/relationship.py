"""Kinship between persons in a case: the ASN, candidates and officials."""

from __future__ import annotations

from pydantic import Field, model_validator

from ..problemtext import Text
from ..vocabulary import Kinship, TieKind
from ._base import FactModel


class Relationship(FactModel):
    """A family tie between two persons named by id (the ASN, a candidate or an official).

    ``degree`` is required for ``other_kin`` (derajat kekerabatan) and optional otherwise.
    """

    person: str = Field(min_length=1, max_length=200)
    relative: str = Field(min_length=1, max_length=200)
    kinship: Kinship
    degree: int | None = Field(default=None, ge=1, le=10, strict=True)

    @model_validator(mode="after")
    def _degree(self) -> Relationship:
        if self.kinship is Kinship.OTHER_KIN and self.degree is None:
            raise ValueError(Text("relationship.degree_needed", kinship=Kinship.OTHER_KIN.value))
        if self.person == self.relative:
            raise ValueError(Text("relationship.to_self"))
        return self


class Tie(FactModel):
    """A tie that is not kinship between two persons named by id, e.g. the candidate is the
    ASN's superior (``person`` is the ASN, ``other`` the candidate, ``tie: superior``)."""

    person: str = Field(min_length=1, max_length=200)
    other: str = Field(min_length=1, max_length=200)
    tie: TieKind
