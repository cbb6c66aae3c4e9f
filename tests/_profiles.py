"""How much work a property test does under the loaded hypothesis profile.

``tests/conftest.py`` registers two profiles and loads the one ``HYPOTHESIS_PROFILE`` names:
``ci`` (chosen by ``make test`` and ``.ci/run``: derandomized, so every run draws the same
examples, with no deadline and no too-slow health check, since a busy 2-core machine must not
fail a good submission) and ``dev`` (the default for a bare ``pytest``: random examples, a
tenth of the work). A test states the examples it wants under ``ci``; ``examples`` scales it.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
if PROFILE not in ("ci", "dev"):
    raise RuntimeError(f"HYPOTHESIS_PROFILE={PROFILE!r}: choose 'ci' or 'dev'")


def examples(ci: int) -> int:
    """``ci`` under the ci profile; a tenth of it (at least 10) under dev."""
    return ci if PROFILE == "ci" else max(10, ci // 10)


def sharing_fixtures(ci: int) -> settings:
    """Settings for a property that reads a function-scoped fixture (``capsys``) in every
    example and empties it itself: ``examples(ci)``, the loaded profile's deadline and health
    checks, and function_scoped_fixture suppressed, since sharing it is what the test wants."""
    return settings(
        max_examples=examples(ci),
        suppress_health_check=[
            *settings().suppress_health_check,  # the loaded profile's
            HealthCheck.function_scoped_fixture,
        ],
    )
