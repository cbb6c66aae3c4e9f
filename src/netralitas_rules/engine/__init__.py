"""Engines: one interface, a pure-Python reference backend and a durable_rules backend."""

from __future__ import annotations

import importlib
import threading
from collections import OrderedDict
from functools import cache

from ..errors import BackendUnavailableError
from ..loader import RegulationSet, load_regulations
from .base import Engine, library_version
from .compiler import CompiledRule, CompiledRuleSet, compile_rules
from .python import PythonEngine

BACKENDS = ("python", "durable")


@cache
def _shipped_rules() -> CompiledRuleSet:
    return compile_rules(load_regulations())


ENGINE_CACHE_SIZE = 8
"""Engines kept by :func:`get_engine` for rule sets given as files (or the shipped corpus),
least recently used dropped first: a dropped durable engine frees its rulesets."""

_ENGINES: OrderedDict[tuple[str, str], Engine] = OrderedDict()
_ENGINES_LOCK = threading.Lock()


def get_engine(
    backend: str = "python", regulations: RegulationSet | CompiledRuleSet | None = None
) -> Engine:
    """An engine over the given rules (the shipped corpus, compiled once, by default).

    ``backend`` is ``python`` (default, reference) or ``durable`` (needs the ``rete`` extra).
    For the shipped corpus or a :class:`RegulationSet`, engines are shared: one per backend
    and rule-set content (its hash, so equal sets loaded twice share one), the last
    :data:`ENGINE_CACHE_SIZE` kept. A :class:`CompiledRuleSet` gets an engine of its own.
    """
    engine_class = _engine_class(backend)
    if isinstance(regulations, CompiledRuleSet):
        return engine_class(regulations)
    shipped = _shipped_rules() if regulations is None else None
    content = shipped.content_hash if shipped is not None else _hash_of(regulations)
    key = (backend, content)
    with _ENGINES_LOCK:
        engine = _ENGINES.get(key)
        if engine is not None:
            _ENGINES.move_to_end(key)
            return engine
        engine = engine_class(shipped or compile_rules(_given(regulations)))
        _ENGINES[key] = engine
        while len(_ENGINES) > ENGINE_CACHE_SIZE:
            _ENGINES.popitem(last=False)
        return engine


def _given(regulations: RegulationSet | None) -> RegulationSet:
    assert regulations is not None  # only called when the shipped corpus was not asked for
    return regulations


def _hash_of(regulations: RegulationSet | None) -> str:
    return _given(regulations).content_hash


def _engine_class(backend: str) -> type[Engine]:
    """The engine class of a backend; raises when it is unknown or cannot run here."""
    if backend == "python":
        return PythonEngine
    if backend == "durable":
        try:
            # Imported on demand: the core must work without the optional durable-rules.
            module = importlib.import_module(".durable", __name__)
        except ImportError as exc:
            raise BackendUnavailableError(
                f"the durable backend needs durable-rules: pip install 'netralitas-rules[rete]' "
                f"(Python < 3.13 and a C compiler); import failed: {exc}"
            ) from None
        module.require()
        engine_class: type[Engine] = module.DurableEngine
        return engine_class
    raise BackendUnavailableError(
        f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}"
    )


__all__ = [
    "BACKENDS",
    "ENGINE_CACHE_SIZE",
    "CompiledRule",
    "CompiledRuleSet",
    "Engine",
    "PythonEngine",
    "compile_rules",
    "get_engine",
    "library_version",
]
