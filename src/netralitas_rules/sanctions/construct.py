"""The base of the sanctions stage's output models, and the constructor generated for each.

The stage builds its models from values that are already valid, many per case; pydantic's
own ``model_construct`` cost as much as validating, so :class:`SanctionsOut` replaces it with
a function generated once per class (:mod:`.models` and :mod:`.verdicts` hold the shapes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import Any, Self, TypeVar

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ..findings import OutModel

_REQUIRED: Any = object()

M = TypeVar("M", bound=OutModel)

# The instance slots pydantic's own model_construct fills, set through their descriptors
# (a shade faster than object.__setattr__, which looks each one up by name).
_SET_DICT = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__


def _constructor(cls: type[OutModel]) -> Any:
    """``model_construct`` for ``cls``, generated from its shape (each field's name and
    default, in field order): one dict display lays out the fields (about twice as fast as a
    comprehension over the shape), and the object is made in the same call."""
    shape, _ = _shape(cls)
    defaults = {f"_d{i}": default for i, (_, default) in enumerate(shape)}
    # A required field is read by subscript (no default to give): when one is missing, the
    # KeyError leads to the layout pydantic gives, without it.
    fast = ", ".join(
        f"{name!r}: values[{name!r}]" if default is _REQUIRED else f"{name!r}: get({name!r}, _d{i})"
        for i, (name, default) in enumerate(shape)
    )
    items = ", ".join(f"{name!r}: get({name!r}, _d{i})" for i, (name, _) in enumerate(shape))
    source = (
        "def model_construct(cls, _fields_set=None, **values):\n"
        "    if cls is not _owner:\n"
        "        return _construct(cls, _fields_set, values)\n"
        "    get = values.get\n"
        "    try:\n"
        f"        fields = {{{fast}}}\n"
        "    except KeyError:  # as pydantic: a missing field stays unset\n"
        f"        fields = {{{items}}}\n"
        "        fields = {n: v for n, v in fields.items() if v is not _REQUIRED}\n"
        "    m = _new(cls)\n"
        "    _SET_DICT(m, fields)\n"
        "    _SET_FIELDS_SET(m, set(values) if _fields_set is None else _fields_set)\n"
        "    _SET_EXTRA(m, None)\n"
        "    _SET_PRIVATE(m, None)\n"
        "    return m\n"
    )
    namespace: dict[str, Any] = {
        **defaults,
        "_owner": cls,
        "_construct": _construct,
        "_REQUIRED": _REQUIRED,
        "_new": cls.__new__,
        "_SET_DICT": _SET_DICT,
        "_SET_FIELDS_SET": _SET_FIELDS_SET,
        "_SET_EXTRA": _SET_EXTRA,
        "_SET_PRIVATE": _SET_PRIVATE,
    }
    # Our own source: field names are identifiers, defaults are bound names.
    exec(compile(source, f"<netralitas model_construct {cls.__name__}>", "exec"), namespace)
    return namespace["model_construct"]


def _construct(cls: type[OutModel], fields_set: set[str] | None, values: dict[str, Any]) -> Any:
    """The first construction of a class: its generated ``model_construct``, installed on
    the class itself so later calls go straight to it (a subclass gets its own)."""
    make = _constructor(cls)
    type.__setattr__(cls, "model_construct", classmethod(make))
    return make(cls, fields_set, **values)


def _immutable(value: Any) -> bool:
    if isinstance(value, tuple):
        return all(_immutable(v) for v in value)
    return value is None or isinstance(value, (bool, int, str, Enum, dt.date))


def _shape(cls: type[OutModel]) -> tuple[tuple[tuple[str, Any], ...], frozenset[str]]:
    shape = []
    for name, info in cls.__pydantic_fields__.items():
        if info.default_factory is not None or info.alias is not None:
            raise TypeError(f"{cls.__name__}.{name}: SanctionsOut fields take plain defaults")
        default = info.default
        if default is not PydanticUndefined and not _immutable(default):
            raise TypeError(f"{cls.__name__}.{name}: SanctionsOut defaults must be immutable")
        shape.append((name, _REQUIRED if default is PydanticUndefined else default))
    return tuple(shape), frozenset(n for n, d in shape if d is _REQUIRED)


class SanctionsOut(OutModel):
    """Base of the sanctions stage's output models.

    Validation stays where values come from outside (``Assessment.model_validate``, a model
    built by a caller); the stage itself builds its models from values that are already
    valid (the case, the report, the data) with :meth:`model_construct`. pydantic's own
    ``model_construct`` loops over aliases and default factories per field and cost as much
    as validating (about 40% of ``assess``); these models have neither, so the same result
    (field order, defaults, fields set) is built by a function generated once per class from
    its shape, which replaces this method on the class at its first use.
    ``tests/test_sanctions.py`` holds every assessment equal to its revalidation.
    """

    # The pydantic mypy plugin gives each model a model_construct typed by its fields (so
    # the call sites stay checked); this base has none, hence the ignore.
    @classmethod
    def model_construct(  # type: ignore[override]
        cls, _fields_set: set[str] | None = None, **values: Any
    ) -> Self:
        """pydantic's ``model_construct`` for these models: trusted values, no validation."""
        built: Self = _construct(cls, _fields_set, values)
        return built


def with_field(model: M, name: str, value: Any) -> M:
    """What ``model_construct`` makes of ``model``'s fields (every one given) with ``name``
    set to ``value``, from the model's own layout instead of laying the fields out again
    (a remembered routing step named with another case's acts)."""
    fields = model.__dict__.copy()
    fields[name] = value
    out: M = model.__class__.__new__(model.__class__)
    _SET_DICT(out, fields)
    _SET_FIELDS_SET(out, set(fields))
    _SET_EXTRA(out, None)
    _SET_PRIVATE(out, None)
    return out


def every_field(cls: type[M]) -> Callable[..., M]:
    """A constructor of ``cls`` taking every field positionally, in field order: what
    ``model_construct`` makes of them all given (the same layout and fields set), without
    a keyword dict and a lookup per field, which cost about as much as the object itself
    on the small models a case builds several of."""
    names = tuple(cls.__pydantic_fields__)
    return _builder(cls, names, ", ".join(f"_{i}" for i in range(len(names))), "_")


def keywords(cls: type[M], names: str) -> Callable[..., M]:
    """A constructor of ``cls`` taking exactly the fields ``names`` (separated by spaces,
    as a namedtuple's), by keyword: what
    ``model_construct`` makes of them (the others at their defaults, ``names`` the fields
    set), with the keywords bound by the call itself instead of a lookup per field (half
    the cost of a recommendation or an audit verdict, which have about twenty fields)."""
    given = tuple(names.split())
    return _builder(cls, given, "*, " + ", ".join(given) if given else "", "")


def _builder(cls: type[M], names: tuple[str, ...], params: str, prefix: str) -> Callable[..., M]:
    shape, _ = _shape(cls)
    given = {name: i for i, name in enumerate(names)}
    if len(given) != len(names) or not given.keys() <= {name for name, _ in shape}:
        raise TypeError(f"{cls.__name__}: not its fields, once each: {names}")
    namespace: dict[str, Any] = {
        "_cls": cls,
        "_new": cls.__new__,
        "_names": frozenset(names),
        "_SET_DICT": _SET_DICT,
        "_SET_FIELDS_SET": _SET_FIELDS_SET,
        "_SET_EXTRA": _SET_EXTRA,
        "_SET_PRIVATE": _SET_PRIVATE,
    }
    items = []
    for i, (name, default) in enumerate(shape):
        if name in given:
            items.append(f"{name!r}: {prefix}{given[name] if prefix else name}")
        elif default is _REQUIRED:  # as pydantic: a missing field stays unset
            continue
        else:
            namespace[f"_d{i}"] = default
            items.append(f"{name!r}: _d{i}")
    source = (
        f"def build({params}):\n"
        "    m = _new(_cls)\n"
        f"    _SET_DICT(m, {{{', '.join(items)}}})\n"
        "    _SET_FIELDS_SET(m, set(_names))\n"
        "    _SET_EXTRA(m, None)\n"
        "    _SET_PRIVATE(m, None)\n"
        "    return m\n"
    )
    # Our own source: field names are identifiers, values are parameters or bound names.
    exec(compile(source, f"<netralitas builder {cls.__name__}>", "exec"), namespace)
    build: Callable[..., M] = namespace["build"]
    return build
