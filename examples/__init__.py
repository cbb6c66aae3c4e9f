"""Shipped example cases, installed with the package as ``netralitas_rules.examples``.

>>> from netralitas_rules import examples, load_case
>>> load_case(examples.path("muaro-jambi-2019")).id
'muaro-jambi-2019'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["names", "path"]


def names() -> list[str]:
    """The shipped examples' names (file names without ``.yaml``)."""
    folder = resources.files(__name__)
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def path(name: str) -> Path:
    """The file of the example ``name`` (e.g. ``"muaro-jambi-2019"``), wherever the package is
    installed; a ``LookupError`` lists the shipped names when there is no such example."""
    file = resources.files(__name__) / f"{name.removesuffix('.yaml')}.yaml"
    if not file.is_file():
        raise LookupError(f"no shipped example {name!r}; shipped: {', '.join(names())}")
    return Path(str(file))
