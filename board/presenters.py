"""Events and dates in words, for the board's pages and its feeds (plain text; the templates
escape it)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from negotiations.domain.vocabulary import (
    CAUSE_CATEGORIES,
    CHOICE_LABELS,
    EVENT_LABELS,
    STATUS_LABELS,
)
from negotiations.domain.vocabulary import EventType as E

TYPE_LABELS = EVENT_LABELS


def type_label(event_type: str) -> str:
    """An event type in the reader's language."""
    label = TYPE_LABELS.get(event_type)
    return _(label) if label else event_type.replace("_", " ").capitalize()


def status_label(status: str | None) -> str:
    """A status in the reader's language ("Paused", "En pause", "متوقفة مؤقتاً")."""
    label = STATUS_LABELS.get(status or "")
    return _(label) if label else (status or "").capitalize()


def choice_label(value: str | None) -> str:
    """A stance, a format, an outcome, an actor's kind in the reader's language."""
    label = CHOICE_LABELS.get(value or "")
    return _(label) if label else (value or "").replace("_", " ")


# Unicode's first-strong and pop directional isolates: plain text's <bdi> (a page's <title>,
# a picture's tooltip, a sentence built here), so that a Latin name in an Arabic sentence, or
# an Arabic one in an English sentence, keeps its order and the sentence's. Names never hold
# them (the bidirectional controls are refused at the edge).
FIRST_STRONG_ISOLATE, POP_ISOLATE = "\u2068", "\u2069"


def isolated(text: str | None) -> str:
    """`text` isolated for the bidirectional algorithm ("" stays "")."""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_ISOLATE}" if text else ""


def as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def show_date(value: Any, precision: str = "day") -> str:
    """'3 February 2016', or 'October 2016' for a month-precise date; in the reader's
    language by Django's formats for it ("3 février 2016", "3 فبراير، 2016", "2016年2月3日";
    English's are tracker/formats/en/)."""
    day = as_date(value)
    if day is None:
        return ""
    return formats.date_format(day, "YEAR_MONTH_FORMAT" if precision == "month" else "DATE_FORMAT")


MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(value: Any, precision: str = "day") -> str:
    """'3 Feb 2016' (the list's dates), 'Oct 2016' for a month-precise one, or '' for none.
    Abbreviated months are English's; other languages read the date in full."""
    day = as_date(value)
    if day is None:
        return ""
    if translation.get_language() != settings.LANGUAGE_CODE:
        return show_date(day, precision)
    if precision == "month":
        return f"{MONTHS[day.month]} {day.year}"
    return f"{day.day} {MONTHS[day.month]} {day.year}"


def category_label(category: str) -> str:
    label = CAUSE_CATEGORIES.get(category)
    return _(label) if label else category


def describe(event_type: str, values: dict[str, Any], names: dict[str, str]) -> str:
    """One line saying what an event says, in the domain's words."""

    def who(slug: str) -> str:
        return isolated(names.get(slug, slug))

    v = values
    if event_type == E.PROCESS_OPENED:
        return _("%(name)s opened (%(conflict)s).") % {
            "name": isolated(v.get("name", "")),
            "conflict": isolated(v.get("conflict", "")),
        }
    if event_type == E.TALKS_SCHEDULED:
        return _("Talks scheduled for %(day)s in %(venue)s.") % {
            "day": show_date(v.get("scheduled_for")),
            "venue": isolated(v.get("venue", "")),
        }
    if event_type == E.TALKS_CONVENED:
        bits = [isolated(v.get("round")), isolated(v.get("venue")), choice_label(v.get("format"))]
        if not any(bits):
            return _("Talks convened")
        return _("Talks convened (%(details)s)") % {"details": _(", ").join(b for b in bits if b)}
    if event_type == E.TALKS_PAUSED:
        return _("Expected to resume on %(day)s.") % {
            "day": show_date(v.get("expected_resumption_on"))
        }
    if event_type == E.TALKS_RESUMED:
        if v.get("venue"):
            return _("Talks resumed in %(venue)s.") % {"venue": isolated(v["venue"])}
        return _("Talks resumed.")
    if event_type == E.TALKS_CONCLUDED:
        agreed = v.get("outcome") == "agreement"
        if v.get("agreement_title"):
            text = (
                _("Concluded with an agreement: %(title)s.")
                if agreed
                else _("Concluded without agreement: %(title)s.")
            )
            return text % {"title": isolated(v["agreement_title"])}
        return _("Concluded with an agreement.") if agreed else _("Concluded without agreement.")
    who_ = {"actor": who(v.get("actor", ""))}
    if event_type == E.PARTY_JOINED:
        return _("%(actor)s joined.") % who_
    if event_type == E.PARTY_WITHDREW:
        return _("%(actor)s withdrew.") % who_
    if event_type == E.MEDIATOR_APPOINTED:
        return _("%(actor)s appointed as mediator.") % who_
    if event_type == E.MEDIATOR_STEPPED_DOWN:
        return _("%(actor)s stepped down as mediator.") % who_
    if event_type == E.STATEMENT_MADE:
        return _("%(actor)s (%(stance)s): %(summary)s") % {
            **who_,
            "stance": choice_label(v.get("stance", "")),
            "summary": v.get("summary", ""),
        }
    if event_type == E.EVENT_CORRECTED:
        fields = ", ".join(sorted((v.get("changes") or {}).keys()))
        return _("Corrects #%(number)s (%(fields)s): %(reason)s") % {
            "number": v.get("corrects"),
            "fields": fields,
            "reason": v.get("reason", ""),
        }
    if event_type == E.EVENT_RETRACTED:
        return _("Retracts #%(number)s: %(reason)s") % {
            "number": v.get("retracts"),
            "reason": v.get("reason", ""),
        }
    return ""
