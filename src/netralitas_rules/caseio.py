"""Read case files (YAML or JSON) into validated :class:`Case` objects.

A case may name a shipped election calendar (``election: pemilu-2019``) or give one inline.
Every problem is reported at once as ``path:line:col: key.path: message``.

Reading is bounded before parsing: only regular files are read (a FIFO, a device such as
``/dev/zero`` or a directory is refused without blocking on it), and at most
``MAX_FILE_BYTES + 1`` bytes are read, so an endless or huge input costs no more than the
limit. Case YAML is read with YAML 1.2's core schema (``NO`` is text, not false).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from .elections import shipped_elections
from .errors import CaseFileError, Problem
from .loader import validate_located
from .models import Case
from .problemtext import Foreign, Text
from .strictjson import read_json
from .yamlpos import MAX_FILE_BYTES, Located, read_yaml

# What a file that is not a regular file is, by its st_mode, for the message (the code of
# its words, ``problem.file.kind.<code>``).
_KINDS = (
    (stat.S_ISDIR, "directory"),
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISCHR, "character_device"),
    (stat.S_ISBLK, "block_device"),
    (stat.S_ISSOCK, "socket"),
)
_READ_CHUNK = 1 << 20


def parse_case(text: str | bytes, file: str = "<case>") -> Case:
    """Parse a case document: JSON when ``file`` ends in ``.json`` (the strict reading every
    JSON path shares, :mod:`netralitas_rules.strictjson`), YAML otherwise (YAML 1.2's core
    schema: ``NO`` is text, not false).

    Raises :class:`CaseFileError` listing every problem with its place.
    """
    return parse_case_located(text, file)[0]


def parse_case_located(text: str | bytes, file: str = "<case>") -> tuple[Case, Located]:
    """:func:`parse_case`, with the positions of the case's keys (for messages that point
    into the file)."""
    if file.lower().endswith(".json"):
        located = read_json(text, file)
    else:
        located = read_yaml(text, file, core_schema=True)
    return case_from_located(located), located


def case_from_located(located: Located) -> Case:
    """Validate already-read case data, resolving a named election calendar."""
    data = located.data
    if not located.problems and isinstance(data, dict):
        election = data.get("election")
        if isinstance(election, str):
            known = shipped_elections()
            if election in known:
                # The shipped object itself: validated once, and shared, so what is read
                # once per calendar (facts.election_parts) is read once, not per case.
                data = {**data, "election": known[election]}
            else:
                raise CaseFileError(
                    [
                        located.problem(
                            ("election",),
                            Text(
                                "election.unknown_inline",
                                election=election,
                                known=", ".join(sorted(known)),
                            ),
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


def load_case_located(path: str | Path) -> tuple[Case, Located]:
    """:func:`load_case`, with the positions of the case's keys."""
    return parse_case_located(read_case_file(path), str(path))


def read_case_file(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a case file, read with a bound: a file that cannot be read, is not a
    regular file, or is larger than ``limit`` bytes is a :class:`CaseFileError`.

    The file is opened without blocking (a FIFO with no writer would block ``open``) and
    checked with ``fstat`` on the open descriptor, so a file swapped after a check cannot
    slip through; at most ``limit + 1`` bytes are read, whatever the file claims.
    """
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise CaseFileError([_io_problem(name, exc)]) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((k for test, k in _KINDS if test(mode)), "other")
            text = Text("file.not_regular", kind=Text(f"file.kind.{kind}"))
            raise CaseFileError([Problem.of(name, 1, 1, "", text)])
        size = os.fstat(fd).st_size
        if size > limit:
            raise CaseFileError([_too_large(name, size, limit)])
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(_READ_CHUNK, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:
            raise CaseFileError([_too_large(name, None, limit)])
        return b"".join(chunks)
    except OSError as exc:
        raise CaseFileError([_io_problem(name, exc)]) from None
    finally:
        os.close(fd)


def case_to_data(case: Case) -> dict[str, Any]:
    """The case as plain data; ``parse_case`` of its YAML/JSON dump gives the case back."""
    return case.model_dump(mode="json", exclude_defaults=True)


def _too_large(file: str, size: int | None, limit: int) -> Problem:
    """``size`` None: the file grew past the limit while being read."""
    if size is None:
        return Problem.of(file, 1, 1, "", Text("file.grew_too_large", limit=limit))
    return Problem.of(file, 1, 1, "", Text("file.too_large", size=size, limit=limit))


def _io_problem(file: str, exc: OSError) -> Problem:
    """The problem of a case file that cannot be read (shared by every case-file reader)."""
    reason = Foreign("os", str(exc.strerror or exc), exc.errno)
    return Problem.of(file, 1, 1, "", Text("file.unreadable", reason=reason))
