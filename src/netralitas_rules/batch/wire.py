"""The batch's fast reading of a JSON Lines case: typed decoding in C (msgspec) into *wire
structs* generated from the case models, for the common shape only.

The pydantic models stay the definition of a valid case. The wire structs are derived from
them (same field names, defaults and length and range bounds; enums as the literal set of
their values) and are *at least as strict*: a line they accept, the models accept and read
to the same values. Anything else (an inline election calendar, a string that pydantic would
strip, a NaN, an unknown id, a fact stated as ``unknown``, a number where a string
belongs...) makes :func:`decode` return None, and the caller validates the line with the
models, which also write the error message. So the fast path can only be faster, never
more lenient: ``tests/test_wire.py`` holds the two to the same accepted cases and the same
fact records on generated and corrupted lines. :func:`wire_case` is the fast path's case,
for the batch and the service alike.

A model that gains a field type, a constraint or a validator this module does not mirror
makes :func:`wire_struct` raise at import, rather than letting the fast path drift.
"""

from __future__ import annotations

import datetime as dt
import itertools
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from typing import Annotated, Any

import annotated_types
import msgspec
from pydantic import BaseModel, ValidationError

from ..elections import shipped_elections
from ..errors import NetralitasError
from ..models import Case, Election
from ..models._base import DATE_INPUT, NOT_BLANK
from ..models.unknown import ALL_KNOWN, UNKNOWN_TEXT, is_partial_field, known_type
from ..vocabulary import Kinship

# Constraint metadata pydantic attaches to a field, and the msgspec bound of the same name.
_BOUNDS: dict[type, str] = {
    annotated_types.MinLen: "min_length",
    annotated_types.MaxLen: "max_length",
    annotated_types.Ge: "ge",
    annotated_types.Le: "le",
}
_SCALARS = (str, bool, int, dt.date)

# The model validators the wire check reproduces (see _check); a validator not named here
# stops wire_struct, so a new rule in the models cannot be skipped by the fast path.
_MIRRORED_VALIDATORS = {
    ("Case", "_references"),
    # The wire refuses "unknown" (a fact's wire type is its known type, and _check refuses
    # the text where a text fact may be unknown), so lines that say it go to the models,
    # where Case._unknowns reads them.
    ("Case", "_unknowns"),
    ("Relationship", "_degree"),
}


class WireSchemaError(NetralitasError):
    """A case model has something the wire structs do not mirror (a programming error)."""


_STRUCTS: dict[tuple[type[BaseModel], tuple[tuple[str, Any], ...]], type[msgspec.Struct]] = {}
# Per wire struct, its text fields that may be unknown: their wire type (text) would read
# "unknown" as a name, so the check sends a line that says it there to the models.
_UNKNOWABLE_TEXT: dict[type[msgspec.Struct], frozenset[str]] = {}


def wire_struct(
    model: type[BaseModel], overrides: Mapping[str, Any] | None = None
) -> type[msgspec.Struct]:
    """The msgspec struct mirroring ``model`` (``overrides``: field name -> wire type).

    >>> from netralitas_rules.models import Candidate
    >>> wire_struct(Candidate).__struct_fields__[:3]
    ('id', 'name', 'office')
    """
    key = (model, tuple(sorted((overrides or {}).items(), key=lambda kv: kv[0])))
    hit = _STRUCTS.get(key)
    if hit is not None:
        return hit
    decorators = model.__pydantic_decorators__
    for name in (*decorators.model_validators, *decorators.field_validators):
        if (model.__name__, name) not in _MIRRORED_VALIDATORS:
            raise WireSchemaError(
                f"{model.__name__}.{name} is a validator the batch wire check does not mirror; "
                "add it to netralitas_rules.batch.wire._check"
            )
    if model.model_config.get("extra") != "forbid" or not model.model_config.get(
        "str_strip_whitespace"
    ):
        raise WireSchemaError(
            f"{model.__name__}: the wire structs assume extra=forbid and stripping"
        )
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    unknowable_text: set[str] = set()
    for name, info in model.model_fields.items():
        bounds: dict[str, Any] = {}
        # A fact that may be unknown (or a date range) is read on the wire by its known
        # type only: a line with "unknown" goes to the models and the completion path.
        annotation = known_type(info.annotation)
        for meta in info.metadata:
            bound = _BOUNDS.get(type(meta))
            if bound is not None:
                bounds[bound] = getattr(meta, bound)
            elif is_partial_field(meta):
                if str in typing.get_args(annotation) or annotation is str:
                    unknowable_text.add(name)
                continue
            elif meta is DATE_INPUT and annotation in (dt.date, dt.date | None):
                # msgspec reads a date only from the text YYYY-MM-DD, which is what
                # DATE_INPUT lets through to pydantic (which then checks the day exists).
                continue
            elif meta is NOT_BLANK and annotation == str | None:
                # Blank text is refused: "" by this bound, " " by the stripping check (the
                # models then word the error).
                bounds["min_length"] = max(bounds.get("min_length", 0), 1)
            elif type(meta).__name__ != "Strict":  # every wire field is strict anyway
                raise WireSchemaError(f"{model.__name__}.{name}: constraint {meta!r} not mirrored")
        wire_type = (overrides or {}).get(name) or _wire_type(model, name, annotation, bounds)
        if info.is_required():
            fields.append((name, wire_type))
        else:
            default = info.default if info.default_factory is None else info.default_factory()  # type: ignore[call-arg]
            fields.append((name, wire_type, default))
    # The model's public properties and methods (Candidate.is_independent, Case.candidate)
    # read only fields, so the struct can share them.
    namespace = {
        k: v
        for k, v in vars(model).items()
        if not k.startswith("_") and isinstance(v, property | types.FunctionType)
    }
    struct = msgspec.defstruct(
        f"Wire{model.__name__}",
        fields,
        kw_only=True,
        forbid_unknown_fields=True,
        # A decoded case is a tree of strings, numbers, dates and tuples: it cannot hold a
        # reference cycle, so the garbage collector need not track it.
        gc=False,
        namespace=namespace,
        module=__name__,
    )
    _STRUCTS[key] = struct
    _UNKNOWABLE_TEXT[struct] = frozenset(unknowable_text)
    return struct


def _wire_type(model: type, name: str, annotation: Any, bounds: dict[str, Any]) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) != 1:
            raise WireSchemaError(f"{model.__name__}.{name}: union {annotation!r} not mirrored")
        return _wire_type(model, name, members[0], bounds) | None
    if origin is tuple:
        args = typing.get_args(annotation)
        if len(args) != 2 or args[1] is not Ellipsis:
            raise WireSchemaError(f"{model.__name__}.{name}: tuple {annotation!r} not mirrored")
        inner = _wire_type(model, name, args[0], {})
        wire: Any = tuple[inner, ...]  # type: ignore[valid-type]
    elif isinstance(annotation, type) and issubclass(annotation, StrEnum):
        # A literal decodes to the plain value string, several times faster than the enum.
        wire = typing.Literal[tuple(m.value for m in annotation)]
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        wire = wire_struct(annotation)
    elif annotation in _SCALARS:
        wire = annotation
    else:
        raise WireSchemaError(f"{model.__name__}.{name}: type {annotation!r} not mirrored")
    return Annotated[wire, msgspec.Meta(**bounds)] if bounds else wire


WireCase = wire_struct(Case, {"election": str})
"""A case whose ``election`` names a shipped calendar (the batch's common shape)."""

_DECODER = msgspec.json.Decoder(WireCase)
_OTHER_KIN = Kinship.OTHER_KIN.value


def decode(line: bytes) -> tuple[Any, Election] | None:
    """The wire case of one JSON line and its shipped calendar, or None when the line is
    not in the common shape or not valid (then the models must judge it).

    >>> decode(b'{"id": 1}') is None
    True
    """
    try:
        case: Any = _DECODER.decode(line)
    except (msgspec.DecodeError, ValueError, RecursionError):  # ValueError: invalid UTF-8
        return None
    election = shipped_elections().get(case.election)
    if election is None or not _check(case) or not _unique_keys(line):
        return None
    return case, election


def _presence_struct(struct: type[msgspec.Struct]) -> type[msgspec.Struct]:
    """A twin of a wire struct that keeps each value as its JSON text (``msgspec.Raw``,
    nested structs as their twins) and leaves an absent field UNSET, so that encoding it
    writes each key the line had exactly once."""
    fields = [
        (f.name, _presence_type(f.type), msgspec.UNSET) for f in msgspec.structs.fields(struct)
    ]
    return msgspec.defstruct(f"Keys{struct.__name__}", fields, gc=False, module=__name__)


def _presence_type(wire: Any) -> Any:
    while typing.get_origin(wire) is Annotated:
        wire = typing.get_args(wire)[0]
    origin = typing.get_origin(wire)
    if origin in (typing.Union, types.UnionType):
        inner = _presence_type(next(a for a in typing.get_args(wire) if a is not type(None)))
        return msgspec.Raw if inner is msgspec.Raw else inner | None
    if origin is tuple:
        inner = _presence_type(typing.get_args(wire)[0])
        return msgspec.Raw if inner is msgspec.Raw else tuple[inner, ...]  # type: ignore[valid-type]
    if isinstance(wire, type) and issubclass(wire, msgspec.Struct):
        return _presence_struct(wire)
    return msgspec.Raw


_KEYS = msgspec.json.Decoder(_presence_struct(WireCase))
_ENCODE = msgspec.json.Encoder().encode


def _unique_keys(line: bytes) -> bool:
    """True when no object of a line the wire structs read has a key twice, which the
    strict reading refuses (:mod:`netralitas_rules.strictjson`) and msgspec would not
    notice (it keeps the last value).

    The twin keeps one entry per distinct key with the exact text of its value, so its
    encoding has a colon per distinct key plus the colons inside the kept values; the line
    has a colon per key written plus the colons inside every value (whitespace, numbers and
    literals hold none). The counts agree exactly when no key is repeated, at about half
    the cost of a decode into dictionaries."""
    try:
        twin = _KEYS.decode(line)
    except (msgspec.DecodeError, ValueError, RecursionError):  # pragma: no cover
        return False  # the wire decode read this line, so the looser twin reads it too
    return _ENCODE(twin).count(b":") == line.count(b":")


def _string_fields(struct: type[msgspec.Struct]) -> tuple[list[str], list[str], list[str]]:
    """The struct's str fields, its tuple-of-str fields and its nested struct fields (single
    or tuple), by name."""
    single, many, nested = [], [], []
    for f in msgspec.structs.fields(struct):
        t = f.type
        for _ in range(3):  # unwrap Annotated and Optional
            if typing.get_origin(t) is Annotated:
                t = typing.get_args(t)[0]
            elif typing.get_origin(t) in (typing.Union, types.UnionType):
                t = next(a for a in typing.get_args(t) if a is not type(None))
        if t is str:
            single.append(f.name)
        elif typing.get_origin(t) is tuple:
            inner = typing.get_args(t)[0]
            if inner is str:
                many.append(f.name)
            elif isinstance(inner, type) and issubclass(inner, msgspec.Struct):
                nested.append(f.name)
        elif isinstance(t, type) and issubclass(t, msgspec.Struct):
            nested.append(f.name)
    return single, many, nested


def _stripped_source(
    struct: type[msgspec.Struct], var: str, depth: int, out: list[str], names: Iterator[int]
) -> None:
    """Lines testing that no string of ``var`` (a ``struct``) would change on stripping,
    and that no text fact that may be unknown says ``unknown``."""
    pad = "    " * depth
    single, many, nested = _string_fields(struct)
    unknowable = _UNKNOWABLE_TEXT.get(struct, frozenset())
    for name in single:
        out.append(f"{pad}v = {var}.{name}")
        if name in unknowable:
            out.append(
                f"{pad}if v is not None and (v.strip() != v or v == {UNKNOWN_TEXT!r}): return False"
            )
        else:
            out.append(f"{pad}if v is not None and v.strip() != v: return False")
    for name in many:
        out.append(f"{pad}for v in {var}.{name}:")
        out.append(f"{pad}    if v.strip() != v: return False")
    for name in nested:
        inner = _nested_struct(struct, name)
        child = f"x{next(names)}"
        if typing.get_origin(_unwrap(msgspec.structs.fields(struct), name)) is tuple:
            out.append(f"{pad}for {child} in {var}.{name}:")
            _stripped_source(inner, child, depth + 1, out, names)
        else:
            out.append(f"{pad}{child} = {var}.{name}")
            _stripped_source(inner, child, depth, out, names)


def _unwrap(fields: Any, name: str) -> Any:
    t = next(f.type for f in fields if f.name == name)
    while typing.get_origin(t) is Annotated:
        t = typing.get_args(t)[0]
    return t


def _nested_struct(struct: type[msgspec.Struct], name: str) -> type[msgspec.Struct]:
    t = _unwrap(msgspec.structs.fields(struct), name)
    if typing.get_origin(t) is tuple:
        t = typing.get_args(t)[0]
    assert isinstance(t, type)
    assert issubclass(t, msgspec.Struct)
    return t


def _stripped_checker(struct: type[msgspec.Struct]) -> Callable[[Any], bool]:
    """A function generated from the struct tree: True when no string anywhere in a decoded
    case has leading or trailing whitespace (str.strip's set is a superset of what pydantic
    strips, so a string that passes is one pydantic keeps as it is) and no text fact that
    may be unknown says ``unknown`` (the models read that as UNKNOWN, not as a name)."""
    lines = ["def stripped(case):"]
    _stripped_source(struct, "case", 1, lines, itertools.count(1))
    lines.append("    return True")
    namespace: dict[str, Any] = {}
    # Our own source: names come from the struct fields generated from the models.
    exec(compile("\n".join(lines), "<netralitas wire strings>", "exec"), namespace)
    checker: Callable[[Any], bool] = namespace["stripped"]
    return checker


_STRIPPED = _stripped_checker(WireCase)
# Case._references as written in the model (pydantic keeps the function on the class).
_REFERENCES: Any = Case._references


def _check(case: Any) -> bool:
    """What the models check beyond field types, for a decoded wire case: no string that
    stripping would change and no ``unknown`` text (``Case._unknowns``);
    ``Relationship._degree``; ``Case._references``."""
    if not _STRIPPED(case):
        return False
    for rel in case.relationships:
        # Relationship._degree
        if (rel.kinship == _OTHER_KIN and rel.degree is None) or rel.person == rel.relative:
            return False
    try:
        _REFERENCES(case)  # reads ids only, so it runs on the wire case as on the model
    except (NetralitasError, ValueError):
        return False
    return True


def wire_case(line: bytes) -> Case | None:
    """The case of a JSON line or body in the common shape, read by the fast path; None when
    the wire decoder refuses it (then the models must judge it and word the problems).

    A line the wire decoder accepts is valid for the models by construction, so it is read
    with the C JSON decoder instead of the positioned reader, under the shipped calendar the
    decoder already found, and without the case's scan for ``unknown`` and date ranges (the
    wire refuses both: :data:`~netralitas_rules.models.unknown.ALL_KNOWN`).

    >>> wire_case(b'{"id": 1}') is None
    True
    """
    hit = decode(line)
    if hit is None:
        return None
    data = msgspec.json.decode(line)
    data["election"] = hit[1]  # the shipped calendar, already validated
    try:
        return Case.model_validate(data, context=ALL_KNOWN)
    except ValidationError:  # pragma: no cover - the wire structs are the stricter reading
        return None


__all__ = ["WireCase", "WireSchemaError", "decode", "wire_case", "wire_struct"]
