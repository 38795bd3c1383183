"""The reliability suite runs reduced counts by default; RELIABILITY_FULL=1 (make reliability)
runs the counts of the issue."""

import os

FULL = os.environ.get("RELIABILITY_FULL", "") in ("1", "true", "yes")


def scale(full: int, reduced: int) -> int:
    return full if FULL else reduced
