"""The small pools of values the strategies draw from, and the sampling strategies built on
them, each built once and reused: hypothesis validates each new strategy object on its first
draw, which cost more than the drawing itself when every case built its own."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from hypothesis import strategies as st

# A small alphabet of names, so that equality tests on text facts sometimes hold.
TEXTS = ("Partai A", "Partai B", "Koalisi", "kantor dinas", "mobil dinas", "Facebook", "X")
MOBILISED = (0, 1, 2, 5, 10, 100)
BOOLS = st.booleans()


@lru_cache(maxsize=1024)
def sampled(items: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    """One of ``items`` (one strategy per tuple of items)."""
    return st.sampled_from(items)


@lru_cache(maxsize=1024)
def maybe(items: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    """None or one of ``items``."""
    return st.none() | st.sampled_from(items)


def subset(items: Sequence[Any], max_size: int | None = None) -> st.SearchStrategy[tuple[Any, ...]]:
    """A unique selection of ``items`` (at most ``max_size``), as a tuple."""
    return _subset_of(tuple(items), max_size)


@lru_cache(maxsize=1024)
def _subset_of(items: tuple[Any, ...], max_size: int | None) -> st.SearchStrategy[tuple[Any, ...]]:
    if not items:
        return st.just(())
    return st.lists(st.sampled_from(items), unique=True, max_size=max_size or len(items)).map(tuple)
