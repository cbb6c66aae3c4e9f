"""Another revision of this checkout, checked out beside it, for benches that run old and new
code in alternating processes."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def worktree(rev: str) -> Iterator[Path]:
    """``rev`` checked out into a temporary worktree, removed afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), rev],
            check=True,
            capture_output=True,
        )
        # An editable install maps the data packages to the working checkout's folders, whose
        # rule files an older revision may not read; links inside the old package folder are
        # found first, so the old code reads its own rules, calendars and examples.
        for name, folder in DATA_PACKAGES:
            link = old / "src" / "netralitas_rules" / name
            if not link.exists():
                link.symlink_to(old / folder, target_is_directory=True)
        try:
            yield old
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)],
                check=False,
                capture_output=True,
            )


OWN_PACKAGE = r"""
import sys
sys.path[:0] = [src + "/src"]
import netralitas_rules
assert netralitas_rules.__file__.startswith(src), netralitas_rules.__file__
"""
"""The start of a child process that runs the revision checked out at ``src`` (a name the
child defines first). Its data packages come from the same checkout: :func:`worktree` links
them into the package folder (see there)."""

# The data packages and the checkout folders they are built from (pyproject's package-dir).
DATA_PACKAGES = (("corpus", "regulations"), ("calendars", "elections"), ("examples", "examples"))
