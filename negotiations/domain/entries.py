"""A process's recorded facts as plain data: an event as recorded (`Entry`), as the corrected
view shows it (`View`), and a stretch of world time with one status (`Period`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .registry import AMENDMENTS

__all__ = ["AMENDMENTS", "Entry", "Period", "View", "period_on"]


@dataclass(frozen=True)
class Entry:
    """One recorded event: its type, its validated values and who recorded it when."""

    sequence: int
    type: str
    values: dict[str, Any]
    recorded_at: datetime
    recorded_by: str

    @property
    def occurred_on(self) -> date | None:
        return self.values.get("occurred_on")


@dataclass
class View:
    """An event as the corrected view shows it."""

    entry: Entry
    values: dict[str, Any]
    corrections: list[dict[str, Any]] = field(default_factory=list)
    retraction: dict[str, Any] | None = None


@dataclass
class Period:
    """A stretch of world time with one status; `ends_on` is None while it lasts."""

    sequence: int
    from_status: str | None
    status: str
    starts_on: date
    ends_on: date | None
    causes: list[dict[str, Any]]
    expected_resumption_on: date | None
    recorded_at: datetime
    occurred_on: date
    date_precision: str = "day"
    expected_resumption_precision: str = "day"


def period_on(periods: list[Period], day: date) -> Period | None:
    """The period that covers world date `day`, if any."""
    for period in reversed(periods):
        if period.starts_on <= day and (period.ends_on is None or day < period.ends_on):
            return period
    return None
