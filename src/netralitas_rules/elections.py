"""Election calendars shipped with the library, so a case can say ``election: pemilu-2024``."""

from __future__ import annotations

from functools import cache
from importlib import resources

from .errors import CaseFileError, UnknownElectionError
from .loader import validate_located
from .models import Election
from .problemtext import Text
from .yamlpos import read_yaml


@cache
def shipped_elections() -> dict[str, Election]:
    """Every shipped calendar by id (read once per process).

    >>> sorted(shipped_elections())[:3]
    ['pemilu-2019', 'pemilu-2024', 'pilkada-2015']
    """
    folder = resources.files("netralitas_rules.calendars")
    found: dict[str, Election] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        located = read_yaml(entry.read_bytes(), f"elections/{entry.name}")
        election, problems = validate_located(located, Election)
        if problems:
            raise CaseFileError(problems)
        found[election.id] = election
    return found


def shipped_election(election_id: str) -> Election:
    """The shipped calendar with that id; :class:`UnknownElectionError` names the known ones."""
    known = shipped_elections()
    try:
        return known[election_id]
    except KeyError:
        raise UnknownElectionError(
            Text("election.unknown", election=election_id, known=", ".join(sorted(known)))
        ) from None
