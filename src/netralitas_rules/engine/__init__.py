"""Engines: one interface, a pure-Python reference backend and a durable_rules backend."""

from __future__ import annotations

import importlib
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


def get_engine(
    backend: str = "python", regulations: RegulationSet | CompiledRuleSet | None = None
) -> Engine:
    """An engine over the given rules (the shipped corpus, compiled once, by default).

    ``backend`` is ``python`` (default, reference) or ``durable`` (needs the ``rete`` extra).
    """
    if regulations is None:
        rules = _shipped_rules()
    elif isinstance(regulations, RegulationSet):
        rules = compile_rules(regulations)
    else:
        rules = regulations
    if backend == "python":
        return PythonEngine(rules)
    if backend == "durable":
        try:
            # Imported on demand: the core must work without the optional durable-rules.
            module = importlib.import_module(".durable", __name__)
        except ImportError as exc:
            raise BackendUnavailableError(
                f"the durable backend needs durable-rules: pip install 'netralitas-rules[rete]' "
                f"(Python < 3.13 and a C compiler); import failed: {exc}"
            ) from None
        engine_class: type[Engine] = module.DurableEngine
        return engine_class(rules)
    raise BackendUnavailableError(
        f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}"
    )


__all__ = [
    "BACKENDS",
    "CompiledRule",
    "CompiledRuleSet",
    "Engine",
    "PythonEngine",
    "compile_rules",
    "get_engine",
    "library_version",
]
