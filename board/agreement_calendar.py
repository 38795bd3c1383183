"""The calendar's agreement items: the day an agreement is to take effect (`takes_effect_on`
of its signing), beside the talks and resumptions of `selectors.calendar_items`.

The UID is the signing's and never changes. The item is cancelled when the signing is
retracted, or when the agreement was rejected or ended before that day came. Every event of
the agreement, and each correction or retraction of one, raises its SEQUENCE and
LAST-MODIFIED: an ending that cancelled it left both where the signing had, and a calendar
asking "changed since?" was told no (a feed subscriber's outside test).
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext as _

from negotiations.domain.agreement_lifecycle import AGREEMENT_EVENTS, SIGNED
from negotiations.presentation.labels import sentences
from negotiations.read.models import Agreement, Process, TimelineEntry

from .calendar import CalendarItem, _amended, _uid
from .presenters import isolated, on_date, process_name_text


def agreement_calendar_items(*, process: Process | None = None) -> list[CalendarItem]:
    query = TimelineEntry.objects.filter(type=SIGNED)
    agreements = Agreement.objects.all()
    if process is not None:
        query, agreements = query.filter(process=process), agreements.filter(process=process)
    closed = {
        (a.process_id, a.slug): a.closed_on
        for a in agreements.filter(closed_on__isnull=False).only("process_id", "slug", "closed_on")
    }
    latest = _latest_changes(process)
    items = []
    for row in query.select_related("process").order_by("process_id", "sequence"):
        values = row.current or row.recorded
        if not values.get("takes_effect_on"):
            continue
        on = date.fromisoformat(values["takes_effect_on"])
        amended_seq, amended_at = latest.get((row.process_id, values["agreement"]), _amended(row))
        ended = closed.get((row.process_id, values["agreement"]))
        cancelled = row.retraction is not None or (ended is not None and ended <= on)
        signed = on_date(values["occurred_on"], values.get("date_precision") or "day")
        when = {"signed": signed, "day": on_date(on)}
        if values.get("concluded") == "agreed":
            description = (
                _("Agreed %(signed)s (no signing reported), to take effect %(day)s.") % when
            )
        else:
            description = _("Signed %(signed)s, to take effect %(day)s.") % when
        if cancelled:
            reason = (
                isolated(row.retraction["reason"])
                if row.retraction
                else _("the agreement did not last.")
            )
            description = sentences(description, _("Cancelled: %(reason)s") % {"reason": reason})
        items.append(
            CalendarItem(
                uid=_uid(row.process_id, "agreement", row.sequence),
                process=row.process,
                kind="agreement",
                on=on,
                summary=_("Takes effect: %(title)s (%(process)s)")
                % {"title": isolated(values["title"]), "process": process_name_text(row.process)},
                location="",
                description=description,
                sequence=amended_seq - row.sequence,
                cancelled=cancelled,
                stamp=amended_at,
                sources=list(values.get("sources") or []),
            )
        )
    return items


def _latest_changes(process: Process | None) -> dict[tuple[object, str], tuple[int, datetime]]:
    """Each agreement's latest change: the latest of its events and of their corrections and
    retractions (sequence and record time), by (process id, agreement slug)."""
    rows = TimelineEntry.objects.filter(type__in=AGREEMENT_EVENTS)
    if process is not None:
        rows = rows.filter(process=process)
    latest: dict[tuple[object, str], tuple[int, datetime]] = {}
    for row in rows.only(
        "process_id", "sequence", "recorded_at", "recorded", "current", "corrections", "retraction"
    ):
        slug = (row.current or row.recorded).get("agreement")
        key = (row.process_id, slug)
        latest[key] = max(latest.get(key, _amended(row)), _amended(row))
    return latest
