"""The trend of a period: how the status at its end compares with the status at its start.

Ranks from the worst to the best state of the talks. An agreement is the best outcome; talks
that end with no agreement are as bad as suspended ones, not an improvement on active talks.
"""

from __future__ import annotations

from .vocabulary import Status

IMPROVED, DETERIORATED, UNCHANGED = "improved", "deteriorated", "unchanged"

STATUS_RANK: dict[str, int] = {
    Status.COLLAPSED: 0,
    Status.SUSPENDED: 1,
    Status.PAUSED: 2,
    Status.PLANNED: 3,
    Status.ACTIVE: 4,
}
CONCLUDED_RANK = {"no_agreement": 1, "agreement": 5}


def status_rank(status: str, outcome: str | None = None) -> int:
    """The rank of a status; a concluded one ranks by its outcome."""
    if status == Status.CONCLUDED:
        return CONCLUDED_RANK[outcome or "no_agreement"]
    return STATUS_RANK[status]


def trend(start: tuple[str, str | None] | None, end: tuple[str, str | None] | None) -> str | None:
    """`improved`, `deteriorated` or `unchanged` from (status, outcome) at the start and the end
    of a period; None when the process did not exist at its start (no trend)."""
    if start is None or end is None:
        return None
    before, after = status_rank(*start), status_rank(*end)
    if after > before:
        return IMPROVED
    if after < before:
        return DETERIORATED
    return UNCHANGED
