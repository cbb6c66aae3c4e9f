"""The extras `netralitas` names when an optional package is missing (`cli._exits._EXTRAS`)
are the extras of pyproject.toml that bring that package, directly or through what they
require: a hand-written table must not drift from the packaging."""

from __future__ import annotations

import importlib.metadata as md
import re
from pathlib import Path

import pytest

from netralitas_rules.cli._exits import _EXTRAS

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python < 3.11
    tomllib = pytest.importorskip("tomli")

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(spec: str) -> str:
    found = _NAME.match(spec.strip())
    assert found is not None, spec
    return _canonical(found.group())


def _closure(names: set[str]) -> set[str]:
    """The installed distributions ``names`` require, transitively (markers not read: an
    over-approximation is enough to find a package no extra brings)."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = md.requires(name) or []
        except md.PackageNotFoundError:
            continue
        todo += [_requirement_name(r.split(";")[0]) for r in requires]
    return seen


def test_every_named_extra_exists_and_brings_the_missing_module() -> None:
    extras = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    providers = md.packages_distributions()
    for module, named in _EXTRAS.items():
        wanted = set(named.split(","))
        assert wanted <= extras.keys(), (module, named)
        direct = {_requirement_name(spec) for extra in wanted for spec in extras[extra]}
        brought = _closure(direct)
        dists = {_canonical(d) for d in providers.get(module, [])}
        if not dists:  # not installed here (e.g. durable-rules on Python >= 3.13)
            continue
        assert dists & brought, f"{module} ({dists}) is brought by no extra of {named}"
