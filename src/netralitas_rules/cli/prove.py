"""``netralitas prove [PATHS]``: check properties of rule files (placeholder until built)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    """Add the ``prove`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("prove", help="check properties of rule files")
    p.set_defaults(run=lambda args: 0)
