"""Read case files (YAML or JSON) into validated :class:`Case` objects.

A case may name a shipped election calendar (``election: pemilu-2019``) or give one inline.
Every problem is reported at once as ``path:line:col: key.path: message``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .elections import shipped_elections
from .errors import CaseFileError, Problem
from .loader import validate_located
from .models import Case
from .strictjson import read_json
from .yamlpos import Located, read_yaml


def parse_case(text: str | bytes, file: str = "<case>") -> Case:
    """Parse a case document: JSON when ``file`` ends in ``.json`` (the strict reading every
    JSON path shares, :mod:`netralitas_rules.strictjson`), YAML otherwise.

    Raises :class:`CaseFileError` listing every problem with its place.
    """
    located = read_json(text, file) if file.lower().endswith(".json") else read_yaml(text, file)
    return case_from_located(located)


def case_from_located(located: Located) -> Case:
    """Validate already-read case data, resolving a named election calendar."""
    data = located.data
    if not located.problems and isinstance(data, dict):
        election = data.get("election")
        if isinstance(election, str):
            known = shipped_elections()
            if election in known:
                data = {**data, "election": known[election].model_dump()}
            else:
                raise CaseFileError(
                    [
                        located.problem(
                            ("election",),
                            f"unknown election {election!r}; shipped calendars: "
                            f"{', '.join(sorted(known))}, or give the calendar inline",
                        )
                    ]
                )
        located = Located(located.file, data, located.positions, located.problems)
    case, problems = validate_located(located, Case)
    if problems:
        raise CaseFileError(problems)
    assert isinstance(case, Case)
    return case


def load_case(path: str | Path) -> Case:
    """Read and validate one case file.

    >>> load_case("examples/muaro-jambi-2019.yaml").election.id  # doctest: +SKIP
    'pemilu-2019'
    """
    return parse_case(read_case_file(path), str(path))


def read_case_file(path: str | Path) -> bytes:
    """The bytes of a case file; a file that cannot be read is a :class:`CaseFileError`."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CaseFileError([_io_problem(str(path), exc)]) from None


def case_to_data(case: Case) -> dict[str, Any]:
    """The case as plain data; ``parse_case`` of its YAML/JSON dump gives the case back."""
    return case.model_dump(mode="json", exclude_defaults=True)


def _io_problem(file: str, exc: OSError) -> Problem:
    """The problem of a case file that cannot be read (shared by every case-file reader)."""
    return Problem(file, 1, 1, "", f"cannot read the file: {exc.strerror or exc}")
