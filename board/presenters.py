"""Events and dates in words, for the board's pages and its feeds (plain text; the templates
escape it)."""

from __future__ import annotations

from datetime import date
from typing import Any

from negotiations.domain.vocabulary import CAUSE_CATEGORIES, EVENT_LABELS
from negotiations.domain.vocabulary import EventType as E

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


def describe(event_type: str, values: dict[str, Any], names: dict[str, str]) -> str:
    """One line saying what an event says, in the domain's words."""

    def who(slug: str) -> str:
        return names.get(slug, slug)

    v = values
    if event_type == E.PROCESS_OPENED:
        return f"{v.get('name', '')} opened ({v.get('conflict', '')})."
    if event_type == E.TALKS_SCHEDULED:
        return f"Talks scheduled for {show_date(v.get('scheduled_for'))} in {v.get('venue', '')}."
    if event_type == E.TALKS_CONVENED:
        bits = [v.get("round"), v.get("venue"), v.get("format")]
        return "Talks convened" + (f" ({', '.join(b for b in bits if b)})" if any(bits) else "")
    if event_type == E.TALKS_PAUSED:
        return f"Expected to resume on {show_date(v.get('expected_resumption_on'))}."
    if event_type == E.TALKS_RESUMED:
        return "Talks resumed" + (f" in {v['venue']}" if v.get("venue") else "") + "."
    if event_type == E.TALKS_CONCLUDED:
        outcome = "with an agreement" if v.get("outcome") == "agreement" else "without agreement"
        title = f": {v['agreement_title']}" if v.get("agreement_title") else ""
        return f"Concluded {outcome}{title}."
    if event_type in (E.PARTY_JOINED, E.PARTY_WITHDREW):
        verb = "joined" if event_type == E.PARTY_JOINED else "withdrew"
        return f"{who(v.get('actor', ''))} {verb}."
    if event_type in (E.MEDIATOR_APPOINTED, E.MEDIATOR_STEPPED_DOWN):
        verb = "appointed" if event_type == E.MEDIATOR_APPOINTED else "stepped down"
        return f"{who(v.get('actor', ''))} {verb} as mediator."
    if event_type == E.STATEMENT_MADE:
        return f"{who(v.get('actor', ''))} ({v.get('stance', '')}): {v.get('summary', '')}"
    if event_type == E.EVENT_CORRECTED:
        fields = ", ".join(sorted((v.get("changes") or {}).keys()))
        return f"Corrects #{v.get('corrects')} ({fields}): {v.get('reason', '')}"
    if event_type == E.EVENT_RETRACTED:
        return f"Retracts #{v.get('retracts')}: {v.get('reason', '')}"
    return ""
