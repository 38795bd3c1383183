"""Events and dates in words, for the board's pages and its feeds (plain text; the templates
escape it)."""

from __future__ import annotations

from datetime import date
from typing import Any

from negotiations.domain.registry import EVENT_LABELS, tell
from negotiations.domain.vocabulary import CAUSE_CATEGORIES

TYPE_LABELS = EVENT_LABELS


def type_label(event_type: str) -> str:
    return TYPE_LABELS.get(event_type, event_type.replace("_", " ").capitalize())


def as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def show_date(value: Any, precision: str = "day") -> str:
    """'3 February 2016', or 'October 2016' for a month-precise date."""
    day = as_date(value)
    if day is None:
        return ""
    if precision == "month":
        return day.strftime("%B %Y")
    return f"{day.day} {day.strftime('%B %Y')}"


def on_date(value: Any, precision: str = "day") -> str:
    """'on 25 February 2016', or 'in May 2016' for a month-precise date: what a pause expects
    and when talks are scheduled."""
    shown = show_date(value, precision)
    if not shown:
        return ""
    return f"in {shown}" if precision == "month" else f"on {shown}"


MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(value: Any, precision: str = "day") -> str:
    """'3 Feb 2016' (the list's dates), 'Oct 2016' for a month-precise one, or '' for none."""
    day = as_date(value)
    if day is None:
        return ""
    if precision == "month":
        return f"{MONTHS[day.month]} {day.year}"
    return f"{day.day} {MONTHS[day.month]} {day.year}"


def category_label(category: str) -> str:
    return CAUSE_CATEGORIES.get(category, category)


class _BoardVoice:
    """Names and dates as the board shows them: '3 February 2016'."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def who(self, slug: str | None) -> str:
        return self.names.get(slug or "", slug or "")

    def date(self, value: Any, precision: str = "day") -> str:
        return show_date(value, precision)


def describe(event_type: str, values: dict[str, Any], names: dict[str, str]) -> str:
    """One line saying what an event says, in the domain's words (its registry teller)."""
    return tell(event_type, values, _BoardVoice(names)).line
