"""``netralitas register event CASE --kind K --date D [...]``: the options of an event, one per
field of :class:`~..register.events.Event` and named as it is, and the event they make.

The options that take a value of the vocabulary (``--kind``, ``--source``, ``--track``,
``--tier``) take only its values, and their help lists them (argparse's ``%(choices)s``: from
the vocabulary, never a copy). A problem the event model finds is said at the option of its
field (``--source: ...``), not at the field's name, nor at the whole event. The register's
warnings about the order of the event recorded are said on stderr (:func:`warnings_of`).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..errors import NetralitasError
from ..messages import msg
from ..pydantic_texts import pydantic_text
from ..register.events import Event, EventKind, ReportSource
from ..vocabulary import Tier, Track
from ._common import iso_date

if TYPE_CHECKING:
    from ..register import CaseRecord

CHOICES: dict[str, tuple[str, ...]] = {
    name: tuple(v.value for v in vocabulary)
    for name, vocabulary in (
        ("kind", EventKind),
        ("source", ReportSource),
        ("track", Track),
        ("tier", Tier),
    )
}
"""The options whose values are the vocabulary's, by field."""

HELP = {
    "kind": "what happened: %(choices)s",
    "date": "the day it happened (YYYY-MM-DD)",
    "source": "for --kind reported (and only for it, where it is required): where the "
    "report or finding came from: %(choices)s",
    "by": "who acted: the institution or office",
    "track": "the track recommended or imposed (required for --kind sanction_imposed): %(choices)s",
    "tier": "the discipline tier recommended or imposed: %(choices)s",
    "form": "the sanction's form as imposed, in the decree's words",
    "decree": "the number of the decree (SK)",
    "note": "a note; for --kind closed, why it was closed",
}
"""Each option's help, by field (English; data/cli_help.id.yaml translates it)."""

VALUED = ("source", "by", "track", "tier", "form", "decree", "note")
"""The fields an event may have beyond its kind and date, in the order of the help."""


def add_arguments(ev: argparse.ArgumentParser) -> None:
    """The case and one option per field of the event."""
    ev.add_argument("case_id", metavar="CASE", help="the case's id, as it was registered")
    ev.add_argument(
        "--kind", required=True, choices=CHOICES["kind"], metavar="KIND", help=HELP["kind"]
    )
    ev.add_argument("--date", required=True, type=iso_date, metavar="DATE", help=HELP["date"])
    for name in VALUED:
        ev.add_argument(
            f"--{name}", choices=CHOICES.get(name), metavar=name.upper(), help=HELP[name]
        )


def option(field: str) -> str:
    """The option of an event's field (each is named as its field)."""
    return f"--{field}"


def event_of(args: argparse.Namespace) -> Event:
    """The event the options give; a :class:`NetralitasError` naming the option of every
    problem (and, for an option the kind requires and that was not given, its values)."""
    given = {k: getattr(args, k) for k in VALUED if getattr(args, k) is not None}
    try:
        return Event.model_validate({"kind": args.kind, "date": args.date, **given})
    except ValidationError as exc:
        reason = "; ".join(_problem(e, args) for e in exc.errors())
        raise NetralitasError(msg("register.bad_event", args.lang, reason=reason)) from None


def _problem(error: Any, args: argparse.Namespace) -> str:
    field = str(error["loc"][0]) if error["loc"] else ""
    said = pydantic_text(error).render(args.lang)
    if field not in Event.model_fields:  # a problem of the whole event (none is, today)
        return f"{msg('register.event', args.lang)}: {said}"
    if field in CHOICES and getattr(args, field, None) is None:
        values = ", ".join(CHOICES[field])
        said += "; " + msg("register.give_option", args.lang, option=option(field), values=values)
    return f"{option(field)}: {said}"


@contextmanager
def said_at_date(lang: str) -> Iterator[None]:
    """The register's refusal of an event's date (:class:`~..register.EventOrderError`,
    which names the event's ``date`` field for the service) said at ``--date``."""
    from ..register import EventOrderError
    from ..register.texts import text

    try:
        yield
    except EventOrderError as exc:
        if exc.key is None:
            raise
        said = text("event_order_option", lang, **{**exc.values, "option": option("date")})
        raise NetralitasError(said) from exc


def warnings_of(record: CaseRecord, lang: str) -> list[str]:
    """The register's warnings about the order of the event just recorded (the record's
    last, numbered ``record.events``), one line each in ``lang``; none when it fits."""
    return [
        msg(
            "register.event_warning",
            lang,
            case=record.id,
            seq=w.seq,
            reason=w.note.text().render(lang),
        )
        for w in record.warnings
        if w.seq == record.events
    ]
