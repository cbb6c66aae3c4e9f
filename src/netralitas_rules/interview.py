"""The interview that completes a case with unknown facts: ask the most decisive question of
:func:`netralitas_rules.questions`, put the answer into the case's own data, ask again.

The loop is pure: it takes the case's data, an answer source and a writer, so a terminal, a
file of answers (:func:`read_answers`) or a test can drive it. After every answer the
questions are computed again, so a question an earlier answer made moot is never asked; an
answer of "tidak tahu" keeps the fact unknown, and that question is not asked again.

>>> done = run_interview(data, "kasus.yaml", source, print)  # doctest: +SKIP
>>> done.case, done.asked, done.kept_unknown  # doctest: +SKIP
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .answering import DONT_KNOW, AnswerError, AnswerSpec, answer_spec, choice_lines, read_answer
from .caseio import case_from_located
from .completion import slots
from .deciding import Question, questions
from .engine import Engine, get_engine
from .errors import NetralitasError, Problem, _ProblemsError
from .hints import closest
from .messages import msg
from .models import Case
from .models.unknown import DateRange
from .yamlpos import Located, read_yaml

AnswerSource = Callable[[Question, AnswerSpec], object]
"""Gives the raw answer to a question (a typed text, or a value from a file); may raise
``EOFError`` or ``KeyboardInterrupt``, which end the interview."""

_STEP = re.compile(r"([A-Za-z_]\w*)|\[(\d+)\]")


class AnswerFileError(_ProblemsError):
    """A file of answers names a fact the case does not leave unknown, or gives a value the
    fact cannot take; ``problems`` lists each place with the allowed values."""


class InterviewEndedError(NetralitasError, EOFError):
    """The answers ended (end of input) before the interview was done."""


@dataclass
class Interview:
    """What an interview did: the completed data and case, and each question and answer."""

    data: dict[str, Any]
    """The case's own data (as read from its file) with the answers put in."""
    case: Case
    asked: list[tuple[Question, Any]] = field(default_factory=list)
    """Each question asked, in order, with its answer (:data:`DONT_KNOW` for "tidak tahu")."""
    kept_unknown: list[str] = field(default_factory=list)
    """The paths answered "tidak tahu"."""
    unasked: list[str] = field(default_factory=list)
    """Paths a file of answers gave that were never asked (their answer changed nothing);
    the answer is written all the same."""


def key_path(path: str) -> tuple[str | int, ...]:
    """``activities[0].used_position`` as ``("activities", 0, "used_position")``."""
    return tuple(name if name else int(index) for name, index in _STEP.findall(path))


def set_answer(data: dict[str, Any], path: str, value: Any) -> None:
    """Put an answer (as :func:`~netralitas_rules.answering.read_answer` gives it) into a
    case's data at ``path``, in place."""
    *parents, last = key_path(path)
    node: Any = data
    for step in parents:
        node = node[step]
    node[last] = value


def case_of(data: dict[str, Any], file: str) -> Case:
    """The case a case file's data describe (the data are not changed)."""
    return case_from_located(Located(file, copy.deepcopy(data)))


def spec_for(case: Case, path: str, fact: str) -> AnswerSpec:
    """What an answer to the fact at ``path`` may be (an act's date: inside its range)."""
    steps = key_path(path)
    if steps[0] == "activities" and steps[-1] == "date":
        index = steps[1]
        assert isinstance(index, int)
        date = case.activities[index].date
        if isinstance(date, DateRange):
            return answer_spec(fact, date.start, date.end)
    return answer_spec(fact)


def start_interview(data: Mapping[str, Any], file: str) -> Interview:
    """An interview of the case in ``data`` with nothing asked yet."""
    return Interview(copy.deepcopy(dict(data)), case_of(dict(data), file))


def run_interview(
    data: Mapping[str, Any],
    file: str,
    source: AnswerSource,
    say: Callable[[str], None],
    lang: str = "id",
    *,
    engine: Engine | None = None,
    given: Mapping[str, Any] | None = None,
) -> Interview:
    """Ask the questions of the case in ``data`` until none is left (see :func:`ask_all`)."""
    done = start_interview(data, file)
    return ask_all(done, file, source, say, lang, engine=engine, given=given)


def ask_all(
    done: Interview,
    file: str,
    source: AnswerSource,
    say: Callable[[str], None],
    lang: str = "id",
    *,
    engine: Engine | None = None,
    given: Mapping[str, Any] | None = None,
) -> Interview:
    """Ask the questions of ``done``'s case until none is left, updating ``done`` after each
    answer (so a caller interrupted holds the answers so far). ``given`` holds answers
    already read (:func:`read_answers`): a question they answer is not put to ``source``,
    and those never asked are written in at the end (:attr:`Interview.unasked`). Raises
    whatever ``source`` raises."""
    engine = engine or get_engine()
    pending = dict(given or {})
    put = 0  # questions put to the source in this call
    while True:
        left = [q for q in questions(done.case, engine=engine) if q.path not in done.kept_unknown]
        if not left:
            break
        q = left[0]
        spec = spec_for(done.case, q.path, q.fact)
        if q.path in pending:
            value = pending.pop(q.path)
        else:
            if not put:
                say(msg("ask.intro", lang, case=done.case.id))
            put += 1
            say("")
            say(msg("ask.question", lang, n=len(done.asked) + 1, text=_text(q, lang)))
            for line in choice_lines(spec, lang):
                say(line)
            value = _ask(q, spec, source, say, lang)
        done.asked.append((q, value))
        if value is DONT_KNOW:
            done.kept_unknown.append(q.path)
            continue
        set_answer(done.data, q.path, value)
        done.case = case_of(done.data, file)
    for path, value in pending.items():
        if value is DONT_KNOW:
            continue
        set_answer(done.data, path, value)
        done.unasked.append(path)
    if done.unasked:
        done.case = case_of(done.data, file)
    return done


def _text(q: Question, lang: str) -> str:
    return q.text if lang == "id" else q.text_en


def _ask(
    q: Question, spec: AnswerSpec, source: AnswerSource, say: Callable[[str], None], lang: str
) -> Any:
    while True:
        try:
            return read_answer(spec, source(q, spec), lang)
        except AnswerError as bad:
            say(bad.text(lang))


# --------------------------------------------------------------------------- answers file


def read_answers(
    raw: bytes, file: str, case: Case, lang: str = "id", *, engine: Engine | None = None
) -> dict[str, Any]:
    """The answers of an answers file (YAML or JSON: a mapping of fact path to value), each
    read as the fact's value. Every path must name a fact the case leaves unknown and every
    value be one the fact takes; otherwise :class:`AnswerFileError` lists every problem with
    its place and the allowed values."""
    located = read_yaml(raw, file, core_schema=True)
    if located.problems:
        raise AnswerFileError(located.problems)
    if not isinstance(located.data, dict):
        example = f"activities[0].used_position: {msg('ask.yes', lang)}"
        text = msg("ask.answers_not_mapping", lang, example=example)
        raise AnswerFileError([located.problem((), text)])
    rules = (engine or get_engine()).rules
    unknown = {slot.where: slot.fact for slot in slots(case, rules)}
    answers: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, raw_value in located.data.items():
        path = str(key)
        place = located.problem((key,), "")
        if path not in unknown:
            meant = closest(path, list(unknown))
            hint = msg("ask.did_you_mean", lang, value=meant) if meant else ""
            listed = ", ".join(unknown) or msg("ask.no_unknowns", lang)
            text = msg("ask.answers_unknown_path", lang, hint=hint, paths=listed)
            problems.append(_at(place, text))
            continue
        try:
            answers[path] = read_answer(spec_for(case, path, unknown[path]), raw_value, lang)
        except AnswerError as bad:
            problems.append(_at(place, bad.text(lang)))
    if problems:
        raise AnswerFileError(problems)
    return answers


def _at(place: Problem, message: str) -> Problem:
    return Problem(place.file, place.line, place.column, place.key_path, message)


__all__ = [
    "AnswerFileError",
    "AnswerSource",
    "Interview",
    "InterviewEndedError",
    "ask_all",
    "case_of",
    "key_path",
    "read_answers",
    "run_interview",
    "set_answer",
    "spec_for",
    "start_interview",
]
