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

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .problemtext import Foreign, Text, text_of


class NetralitasError(Exception):
    """Root of every error this library raises. Raised with a :class:`Text`, its ``str()``
    is the English and :meth:`render` gives another language."""

    def render(self, lang: str) -> str:
        """The error's message in ``lang`` (as ``str()`` when it has no Text)."""
        text = text_of(self)
        return text.render(lang) if text is not None else str(self)

    def codes(self) -> list[str]:
        """The code of the Text it was raised with (empty when it was raised with plain
        words); an error listing problems gives each problem's (:class:`RuleFileError`).

        >>> NetralitasError(Text("key.missing")).codes()
        ['key.missing']
        >>> NetralitasError("plain words").codes()
        []
        """
        text = text_of(self)
        return [text.code] if text is not None else []


@dataclass(frozen=True)
class Problem:
    """One problem at one place in a file: ``path:line:col: key.path: message``.
    ``message`` is the English; ``text``, when the maker gave one, renders other languages
    (:meth:`of` makes both from a Text)."""

    file: str
    line: int
    column: int
    key_path: str
    message: str
    text: Text | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, file: str, line: int, column: int, key_path: str, text: str | Text) -> Problem:
        """The problem of ``text`` (a Text, or plain words) at that place."""
        if isinstance(text, Text):
            return cls(file, line, column, key_path, text.render("en"), text)
        return cls(file, line, column, key_path, text)

    @property
    def code(self) -> str | None:
        """The code of its Text (``key.missing`` ...), None for plain words."""
        return self.text.code if self.text is not None else None

    def words(self, lang: str) -> str:
        """The message in ``lang``."""
        return self.text.render(lang) if self.text is not None else self.message

    def where(self, lang: str) -> str:
        """The key path, or the words for the whole document."""
        return self.key_path or Text("where.document").render(lang)

    def located(self, lang: str) -> str:
        """``path:line:col: key.path: message`` in ``lang``."""
        return f"{self.file}:{self.line}:{self.column}: {self.where(lang)}: {self.words(lang)}"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.key_path or _DOC}: {self.message}"


_DOC = "(document)"


def unreadable(file: str, exc: OSError, code: str = "file.unreadable") -> Problem:
    """The problem of a file that cannot be read, at its first line: ``code``'s text (``cannot
    read the file: {reason}``) with the operating system's reason in the language asked."""
    reason = Foreign("os", str(exc.strerror or exc), exc.errno)
    return Problem.of(file, 1, 1, "", Text(code, reason=reason))


class NestedProblemsError(ValueError):
    """Raised inside a model validator: problems with key paths relative to the model, so the
    loader can point at the exact line (pydantic only knows the model's own position)."""

    def __init__(self, problems: Sequence[tuple[tuple[str | int, ...], str | Text]]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(m) for _, m in problems))

    def __reduce__(self) -> tuple[type[NestedProblemsError], tuple[list[Any]]]:
        # Rebuilt from its problems, not from the joined message (pickling a CaseModelError).
        return (NestedProblemsError, (self.problems,))


class _ProblemsError(NetralitasError, ValueError):
    """An error that carries every problem found in one file, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.key_path))
        super().__init__("\n".join(str(p) for p in self.problems))

    def render(self, lang: str) -> str:
        """One located line per problem, in ``lang``."""
        return "\n".join(p.located(lang) for p in self.problems)

    def codes(self) -> list[str]:
        """Each problem's code (``""`` for one in plain words), in file order.

        >>> CaseFileError(
        ...     [Problem.of("a.yaml", 3, 1, "person", Text("key.missing")),
        ...      Problem.of("a.yaml", 1, 1, "", "plain words")]
        ... ).codes()
        ['', 'key.missing']
        """
        return [p.code or "" for p in self.problems]


class RuleFileError(_ProblemsError):
    """A rule file (or the glossary, the deadlines, the sanction policy or routing data)
    cannot be loaded; ``problems`` lists each place and how to fix it, in the language asked
    (key names, field names and provision ids as the author wrote them)."""


class CaseFileError(_ProblemsError):
    """A case file (or case data) is invalid; ``problems`` lists each place."""


class RegulationSetError(_ProblemsError):
    """The rule files are each valid but do not fit together (overlapping versions, gaps,
    duplicate ids, references to unknown instruments); in the language asked, as
    :class:`RuleFileError`."""


class CitationError(NetralitasError, ValueError):
    """A pinpoint citation does not follow the statute notation."""


class NoVersionInForceError(NetralitasError, LookupError):
    """Strict mode: no version of a needed instrument lineage covers the date of an act."""


class UnknownElectionError(NetralitasError, LookupError):
    """A case refers to an election calendar that is not shipped or given."""


class BackendUnavailableError(NetralitasError, RuntimeError):
    """The requested engine backend cannot run here (e.g. durable-rules not installed)."""
