"""Hypothesis profiles for the fuzz tests.

"ci" (the default) is bounded and derandomised: the same examples on every run, so the
suite stays deterministic and within its time budget on two cores. "deep" searches
more widely and afresh each run: `HYPOTHESIS_PROFILE=deep pytest tests/fuzz`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_SLOW_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,  # two cores shared with other work: a slow example is not a bug
    derandomize=True,
    database=None,
    suppress_health_check=_SLOW_CHECKS,
)
settings.register_profile(
    "deep", max_examples=5000, deadline=None, suppress_health_check=_SLOW_CHECKS
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
