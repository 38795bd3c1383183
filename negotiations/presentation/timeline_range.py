"""The stretch of time the timeline picture shows: all of it, the last 12 months, or dates
the reader chose (`?range=all|12m`, `?range=dates&from=YYYY-MM-DD&to=YYYY-MM-DD`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

RANGE_ALL, RANGE_YEAR, RANGE_DATES = "all", "12m", "dates"


@dataclass(frozen=True)
class TimelineRange:
    """What the reader asked to see: all of it, the last 12 months, or chosen dates."""

    kind: str = RANGE_ALL
    start: date | None = None
    end: date | None = None
    error: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, str], today: date) -> TimelineRange:
        kind = query.get("range") or (RANGE_DATES if query.get("from") or query.get("to") else "")
        if kind == RANGE_YEAR:
            return cls(RANGE_YEAR, today - timedelta(days=365), today)
        if kind != RANGE_DATES:
            return cls()
        try:
            start = date.fromisoformat(query["from"]) if query.get("from") else None
            end = date.fromisoformat(query["to"]) if query.get("to") else None
        except ValueError:
            return cls(error=_("Enter the dates as YYYY-MM-DD; showing the whole history."))
        if start and end and end <= start:
            return cls(error=_("The range ends before it starts; showing the whole history."))
        return cls(RANGE_DATES, start, end)
