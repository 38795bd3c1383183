"""The reliability suite runs reduced counts by default; RELIABILITY_FULL=1 (make reliability)
runs the counts of the issue."""

import os

import pytest

FULL = os.environ.get("RELIABILITY_FULL", "") in ("1", "true", "yes")


def scale(full: int, reduced: int) -> int:
    return full if FULL else reduced


# The suite's tests start real servers and kill them, and run many requests: past the default
# per-test timeout (pyproject), up to 10 minutes each in the reduced run on a shared CPU
# (the slowest took about 100 s on 2 busy cores), an hour with the full counts.
LONG = pytest.mark.timeout(scale(3600, 600))
