"""The exception tree. Violations of the law are findings, never exceptions: an exception
means the library cannot answer.

::

    NetralitasError
    ├── RuleFileError (ValueError)        a rule file is malformed; lists every problem
    ├── CaseFileError (ValueError)        a case file or case data is malformed
    ├── CaseModelError (pydantic ValidationError)  a case model built in Python is invalid
    │                                     (``netralitas_rules.validation``)
    ├── CitationError (ValueError)        a pinpoint citation cannot be parsed
    ├── RegulationSetError (ValueError)   rule files do not fit together (gaps, overlaps, ids)
    ├── NoVersionInForceError (LookupError)  strict mode: no version covers the date of an act
    ├── UnknownElectionError (LookupError)   a case names an election calendar we do not ship
    ├── BackendUnavailableError (RuntimeError)  the requested engine backend is not installed
    ├── TooManyUnknownsError (ValueError)  a case leaves too many facts unknown to judge
    │                                     (``netralitas_rules.completion``)
    ├── AnswerError (ValueError)          an answer is not one the question takes
    │                                     (``netralitas_rules.answering``)
    ├── AnswerFileError (ValueError)      an answers file names a fact the case does not
    │                                     leave unknown, or a value the fact cannot take
    ├── InterviewEndedError (EOFError)    the answers ended before the interview was done
    │                                     (both ``netralitas_rules.interview``)
    ├── OutputIsInputError (ValueError)   ``netralitas ask`` would write over its input
    │                                     without ``--in-place`` (``netralitas_rules.cli.ask``)
    ├── BatchInputError (ValueError)      a batch input cannot be read at all
    │                                     (``netralitas_rules.batch.readers``)
    ├── OutputPathError (ValueError)      a batch output is an input or another output
    ├── OutputWriteError (OSError)        a batch output cannot be written (disk full, I/O)
    │                                     (both ``netralitas_rules.batch.outfile``)
    ├── RegisterError                     the register cannot do what was asked
    │   ├── UnknownCaseError (LookupError)      no such case in the register
    │   ├── DuplicateCaseError (ValueError)     the case is already registered
    │   ├── ClosedCaseError (ValueError)        an event for a closed case
    │   └── RegisterDatabaseError (RuntimeError)  the database failed or stayed busy
    │                                     (all ``netralitas_rules.register.errors``)
    └── PropertyViolationError (AssertionError)  a rule set breaks a property
                                          (``netralitas_rules.testing.properties``)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class NetralitasError(Exception):
    """Root of every error this library raises."""


@dataclass(frozen=True)
class Problem:
    """One problem at one place in a file: ``path:line:col: key.path: message``."""

    file: str
    line: int
    column: int
    key_path: str
    message: str

    def __str__(self) -> str:
        where = self.key_path or "(document)"
        return f"{self.file}:{self.line}:{self.column}: {where}: {self.message}"


class NestedProblemsError(ValueError):
    """Raised inside a model validator: problems with key paths relative to the model, so the
    loader can point at the exact line (pydantic only knows the model's own position)."""

    def __init__(self, problems: list[tuple[tuple[str | int, ...], str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(m for _, m in problems))

    def __reduce__(self) -> tuple[type[NestedProblemsError], tuple[list[Any]]]:
        # Rebuilt from its problems, not from the joined message (pickling a CaseModelError).
        return (NestedProblemsError, (self.problems,))


class _ProblemsError(NetralitasError, ValueError):
    """An error that carries every problem found in one file, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.key_path))
        super().__init__("\n".join(str(p) for p in self.problems))


class RuleFileError(_ProblemsError):
    """A rule file cannot be loaded; ``problems`` lists each place and how to fix it."""


class CaseFileError(_ProblemsError):
    """A case file (or case data) is invalid; ``problems`` lists each place."""


class RegulationSetError(_ProblemsError):
    """The rule files are each valid but do not fit together (overlapping versions, gaps,
    duplicate ids, references to unknown instruments)."""


class CitationError(NetralitasError, ValueError):
    """A pinpoint citation does not follow the statute notation."""


class NoVersionInForceError(NetralitasError, LookupError):
    """Strict mode: no version of a needed instrument lineage covers the date of an act."""


class UnknownElectionError(NetralitasError, LookupError):
    """A case refers to an election calendar that is not shipped or given."""


class BackendUnavailableError(NetralitasError, RuntimeError):
    """The requested engine backend cannot run here (e.g. durable-rules not installed)."""
