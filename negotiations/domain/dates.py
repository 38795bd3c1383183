"""World dates at their precision: a month-precise date is the 1st of its month, shown as a
month and compared as one. Plain functions, shared by the fold and the agreements."""

from __future__ import annotations

from datetime import date
from typing import Any


def same_month(day: date, other: date) -> bool:
    return (day.year, day.month) == (other.year, other.month)


def describe_day(day: date, precision: str) -> str:
    """'15 October 2016', or 'October 2016' for a month-precise date."""
    return day.strftime("%B %Y") if precision == "month" else f"{day.day} {day.strftime('%B %Y')}"


def precision_of(values: dict[str, Any]) -> str:
    return values.get("date_precision") or "day"


def precedes(day: date, precision: str, other: date, other_precision: str) -> bool:
    """Whether `day` is before `other`, compared at the coarser of their precisions: a
    month-precise date is not before any day of its own month."""
    if "month" in (precision, other_precision):
        return (day.year, day.month) < (other.year, other.month)
    return day < other
