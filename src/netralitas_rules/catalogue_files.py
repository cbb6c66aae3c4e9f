"""Reading a catalogue of user-visible texts (``<stem>.<lang>.yaml``: text keys to texts)
from a package. Its own module, depending on nothing of the library, so that the error
texts (:mod:`.problemtext`, imported by :mod:`.errors`) and the messages (:mod:`.messages`)
read their files the same way without importing each other."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

# The C loader when PyYAML has it: the command line reads the messages on every start.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_catalogue(package: str, lang: str, stem: str = "messages") -> dict[str, str]:
    """The texts of ``<stem>.<lang>.yaml`` in ``package``, by key.

    >>> load_catalogue("netralitas_rules.data", "id")["tier.BERAT"]
    'berat'
    """
    name = f"{stem}.{lang}.yaml"
    raw = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    data = yaml.load(raw, Loader=_LOADER)  # a safe loader, C or Python
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise TypeError(f"{package}: {name}: expected a mapping of text keys to texts")
    return data


__all__ = ["load_catalogue"]
