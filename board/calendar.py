"""The board's calendar: scheduled talks and expected resumptions, as the iCalendar feeds
tell them. Like `board.selectors`, it reads only read models, in a fixed number of queries."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from negotiations.domain.expectations import Announced, confirmations, last_day, superseded_by
from negotiations.domain.registry import ON_THE_CALENDAR, SCHEDULING, STATUS_CHANGING_TYPES
from negotiations.domain.telling import scheduled_for
from negotiations.domain.vocabulary import Status
from negotiations.presentation.labels import sentences
from negotiations.read.models import Process, StatusPeriod, TimelineEntry
from negotiations.read.selectors import talks_from_values

from .presenters import isolated, on_date, process_name_text, show_date, status_label
from .selectors import FEED_NAMESPACE

ENDING = (Status.SUSPENDED, Status.COLLAPSED, Status.CONCLUDED)
_WHEN = ("scheduled_for", "scheduled_for_precision")


@dataclass
class CalendarItem:
    """A dated thing ahead of (or behind) a process: scheduled talks or an expected
    resumption. `uid` never changes; `sequence` grows with every amendment that touches it."""

    uid: str
    process: Process
    kind: str
    on: date
    summary: str
    location: str
    description: str
    sequence: int
    cancelled: bool
    stamp: datetime
    sources: list[dict[str, Any]]
    precision: str = "day"  # of `on`: a month-precise item spans its month


def calendar_items(*, process: Process | None = None) -> list[CalendarItem]:
    """Scheduled talks and expected resumptions, cancelled ones included (a subscribed
    calendar must hear of the cancellation), in date order.

    - Talks rescheduled by a correction keep their UID with a higher SEQUENCE; retracted ones
      are cancelled, and so are talks that a suspension, collapse or conclusion announced
      between their scheduling and their date has superseded.
    - An expected resumption is cancelled when its pause is retracted or ended by anything
      but a resumption (a suspension, say).
    - Newer talks announced while earlier ones (or a pause's expected resumption) were still
      pending supersede them (`expectations.superseded_by`, the rule of `overdue` and the
      digests): cancelled, same UID. Talks postponed with no new date supersede them alike,
      and have no day of their own to be on: they are no item. Talks whose date a correction
      took away stay on the day first recorded, cancelled.
    """
    query = TimelineEntry.objects.filter(type__in=ON_THE_CALENDAR)
    periods = StatusPeriod.objects.all()
    if process is not None:
        query, periods = query.filter(process=process), periods.filter(process=process)
    rows = list(query.select_related("process").order_by("process_id", "sequence"))
    period_rows = list(periods.filter(process_id__in={r.process_id for r in rows})) if rows else []
    known = _Known(rows, period_rows, _changes(rows))
    items = [
        _item(row, known)
        for row in rows
        if _dated(row) and (row.process_id, row.sequence) not in known.confirming
    ]
    items.sort(key=lambda i: (i.on, i.process.name, i.uid))
    return items


@dataclass
class _Known:
    """What every item is read against: the talks still announced, the rows by sequence,
    each process's periods in world order, and the period that followed each one."""

    rows: list[TimelineEntry]
    periods: list[StatusPeriod]
    # Each process's talks and status changes, and their corrections and retractions (each
    # one's sequence and when): whatever can change an item, newer than it, moves it forward.
    changes: dict[uuid.UUID, list[tuple[int, datetime]]]
    talks: dict[uuid.UUID, list[Announced]] = field(default_factory=dict)
    by_sequence: dict[tuple[uuid.UUID, int], TimelineEntry] = field(default_factory=dict)
    by_process: dict[uuid.UUID, list[StatusPeriod]] = field(default_factory=dict)
    following: dict[tuple[uuid.UUID, int], StatusPeriod] = field(default_factory=dict)
    # Talks that only confirm pending talks (the same date, said again): no item of their own.
    confirming: set[tuple[uuid.UUID, int]] = field(default_factory=set)

    def __post_init__(self) -> None:
        withdrawn: list[tuple[uuid.UUID, Announced]] = []
        for row in self.rows:
            self.by_sequence[(row.process_id, row.sequence)] = row
            if row.type == SCHEDULING:
                announced = talks_from_values(row.sequence, row.current or row.recorded)
                if row.retraction is None:
                    self.talks.setdefault(row.process_id, []).append(announced)
                else:
                    withdrawn.append((row.process_id, announced))
        for process_id, talks in self.talks.items():
            for t in (t for t in talks if t.on is not None):
                self.confirming.update((process_id, c.sequence) for c in confirmations(t, talks))
        # A confirmation since retracted never changed the meeting: no item of its own either.
        for process_id, r in withdrawn:
            talks = [t for t in self.talks.get(process_id, []) if t.on is not None]
            if any(r in confirmations(t, [*talks, r]) for t in talks if t.order < r.order):
                self.confirming.add((process_id, r.sequence))
        for p in sorted(self.periods, key=lambda p: (p.starts_on, p.sequence)):
            self.by_process.setdefault(p.process_id, []).append(p)
        for ordered in self.by_process.values():
            for before, after in zip(ordered, ordered[1:], strict=False):
                self.following[(before.process_id, before.sequence)] = after


@dataclass
class _Dated:
    """What one row announces, and what may have cancelled it since: talks that superseded
    it (`newer`), or a period that ended it (`ended_by`)."""

    kind: str
    on: date
    location: str
    summary: str
    description: str
    newer: Announced | None
    ended_by: StatusPeriod | None
    precision: str = "day"
    postponed: bool = False  # a correction took its date away
    confirmed_by: list[Announced] = field(default_factory=list)


def _dated(row: TimelineEntry) -> bool:
    """Whether a row has a day on the calendar: talks postponed with no new date have none,
    unless a correction took away the date they were first recorded with."""
    if row.type != SCHEDULING:
        return True
    return bool((row.current or row.recorded).get("scheduled_for") or row.recorded["scheduled_for"])


def _talks(row: TimelineEntry, values: dict[str, Any], known: _Known) -> _Dated:
    announced = date.fromisoformat(values["occurred_on"])
    postponed = not values.get("scheduled_for")
    if postponed:  # on the day first recorded, cancelled
        values = {**values, **{k: row.recorded.get(k) for k in _WHEN}}
    on = date.fromisoformat(values["scheduled_for"])
    precision = values.get("scheduled_for_precision") or "day"
    until = last_day(on, precision)  # talks "in May" are pending until the end of May
    talks = known.talks.get(row.process_id, [])
    latest = Announced(row.sequence, announced, on, precision=precision)
    # (A retracted announcement keeps its own words: what confirmed it confirmed no more.)
    confirmed = not postponed and row.retraction is None
    confirmed_by = confirmations(latest, talks) if confirmed else []
    if confirmed_by:  # the meeting as last said: its venue, and announced since then
        latest = confirmed_by[-1]
        last = known.by_sequence[(row.process_id, latest.sequence)]
        values, announced = last.current or last.recorded, latest.announced_on
    periods = known.by_process.get(row.process_id, [])
    ender = next(
        (
            p
            for p in periods
            if p.status in ENDING
            and announced <= p.starts_on <= until
            and not _resumed_between(periods, p, until)
        ),
        None,
    )
    venue = values.get("venue") or ""
    when = _told(on, precision)
    if venue:
        summary = _("Talks in %(venue)s: %(process)s") % {
            "venue": isolated(venue),
            "process": process_name_text(row.process),
        }
    else:
        summary = _("Talks: %(process)s") % {"process": process_name_text(row.process)}
    description = scheduled_for(_, when, isolated(venue) if venue else "", precision).line
    return _Dated(
        kind="talks",
        on=on,
        location=venue,
        summary=summary,
        description=description,
        newer=superseded_by(latest, until, talks),
        ended_by=ender,
        precision=precision,
        postponed=postponed,
        confirmed_by=confirmed_by,
    )


def _resumption(row: TimelineEntry, values: dict[str, Any], known: _Known) -> _Dated:
    announced = date.fromisoformat(values["occurred_on"])
    on = date.fromisoformat(values["expected_resumption_on"])
    precision = values.get("expected_resumption_precision") or "day"
    after = known.following.get((row.process_id, row.sequence))
    pending_until = after.starts_on - timedelta(days=1) if after is not None else None
    return _Dated(
        kind="resumption",
        on=on,
        location="",
        summary=_("Expected resumption: %(process)s") % {"process": process_name_text(row.process)},
        # "on 3 February 2016", "in October 2016": each date as precise as it was recorded.
        description=_("Talks paused %(paused)s, expected to resume %(when)s.")
        % {
            "paused": on_date(values["occurred_on"], values.get("date_precision") or "day"),
            "when": on_date(on, precision),
        },
        newer=superseded_by(
            Announced(row.sequence, announced, on, "resumption", precision),
            pending_until,
            known.talks.get(row.process_id, []),
        ),
        ended_by=after if after is not None and after.status != Status.ACTIVE else None,
        precision=precision,
    )


def _item(row: TimelineEntry, known: _Known) -> CalendarItem:
    values = row.current or row.recorded
    dated = (_talks if row.type == SCHEDULING else _resumption)(row, values, known)
    amended = _amended(row)  # and whatever changed it since (`later`, below)
    if dated.confirmed_by:  # the sources of the meeting as last said
        last = known.by_sequence[(row.process_id, dated.confirmed_by[-1].sequence)]
        values = last.current or last.recorded
    # Why it left the calendar, if it did: each cause in its own words (a reader found a
    # resumption a suspension ended said "superseded", nothing having replaced it).
    why = ""
    if row.retraction is not None:
        why = _("Cancelled: %(reason)s") % {"reason": isolated(row.retraction["reason"])}
    elif dated.postponed:
        why = _("Postponed; no new date set.")
    elif dated.ended_by is not None:
        ender = dated.ended_by
        when = on_date(ender.occurred_on, ender.date_precision)
        why = str(ENDED[dated.kind]) % {"status": status_label(ender.status), "when": when}
    elif dated.newer is not None:
        why = _superseded(dated.newer, dated.kind)
    cancelled = bool(why)
    description = sentences(dated.description, why)
    # Any talks or status change recorded after this item, or a correction or retraction of
    # one, may have changed it (cancelled it, or brought it back): its SEQUENCE and
    # LAST-MODIFIED never fall back, or a subscribed calendar keeps what it was told last
    # (RFC 5545, 3.8.7.4; a review found a resumption after a suspension brought talks back
    # at SEQUENCE 0). A change that did not touch it raises them too: a calendar reads it
    # again, unchanged.
    later = [c for c in known.changes.get(row.process_id, ()) if c[0] > row.sequence]
    amended = max([amended, *later])
    return CalendarItem(
        uid=_uid(row.process_id, dated.kind, row.sequence),
        process=row.process,
        kind=dated.kind,
        on=dated.on,
        summary=dated.summary,
        location=dated.location,
        description=description,
        sequence=amended[0] - row.sequence,
        cancelled=cancelled,
        stamp=amended[1],
        sources=list(values.get("sources") or []),
        precision=dated.precision,
    )


# Talks (plural in most languages) and an expected resumption (singular, and of a gender)
# take their own words where a sentence agrees with what it tells of (lazy: said in each
# reader's language).
SUPERSEDED = {
    "talks": pgettext_lazy("talks", "Superseded by the talks to be held %(when)s."),
    "resumption": pgettext_lazy(
        "an expected resumption", "Superseded by the talks to be held %(when)s."
    ),
}
ENDED = {
    "talks": pgettext_lazy("talks", "Cancelled: the talks became “%(status)s” %(when)s."),
    "resumption": pgettext_lazy(
        "an expected resumption", "Cancelled: the talks became “%(status)s” %(when)s."
    ),
}


def _superseded(newer: Announced, kind: str) -> str:
    """Why talks or a resumption left the calendar: newer talks, dated or postponed."""
    if newer.on is None:
        return _("Postponed; no new date set.")
    when = on_date(newer.on, newer.precision)  # "on 9 March 2016", "in May 2016"
    return str(SUPERSEDED[kind]) % {"when": when}


def _changes(rows: list[TimelineEntry]) -> dict[uuid.UUID, list[tuple[int, datetime]]]:
    """Each talks and status change of the processes of `rows`, and each amendment of one:
    its sequence and when it was recorded."""
    if not rows:
        return {}
    found = TimelineEntry.objects.filter(
        process_id__in={r.process_id for r in rows},
        type__in=ON_THE_CALENDAR | STATUS_CHANGING_TYPES,
    ).only("process_id", "sequence", "recorded_at", "corrections", "retraction")
    out: dict[uuid.UUID, list[tuple[int, datetime]]] = {}
    for row in found:
        notes = [*(row.corrections or []), *([row.retraction] if row.retraction else [])]
        out.setdefault(row.process_id, []).append((row.sequence, row.recorded_at))
        out[row.process_id] += [(n["sequence"], _when(n)) for n in notes]
    return out


def _uid(process_id: uuid.UUID, kind: str, sequence: int) -> str:
    return f"{uuid.uuid5(FEED_NAMESPACE, f'{process_id}/{kind}/{sequence}')}@negotiation-tracker"


def _amended(row: TimelineEntry) -> tuple[int, datetime]:
    """The latest amendment of an event (its sequence and when), or the event itself."""
    latest = (row.sequence, row.recorded_at)
    notes = list(row.corrections or []) + ([row.retraction] if row.retraction else [])
    for note in notes:
        latest = max(latest, (note["sequence"], _when(note)))
    return latest


def _when(note: dict[str, Any]) -> datetime:
    """When an amendment (a correction's or a retraction's note) was recorded."""
    return datetime.fromisoformat(str(note["recorded_at"]).replace("Z", "+00:00"))


def _resumed_between(periods: list[StatusPeriod], ender: StatusPeriod, on: date) -> bool:
    """Whether talks were active again after `ender` and by the day `on`."""
    return any(
        p.status == Status.ACTIVE and ender.starts_on <= p.starts_on <= on and p is not ender
        for p in periods
        if (p.starts_on, p.sequence) > (ender.starts_on, ender.sequence)
    )


def _told(on: date, precision: str) -> str:
    """A calendar item's date in its description, as the board writes it: "25 February 2016",
    "May 2016" for a month (it said 2016-02-25 beside "May 2016")."""
    return show_date(on, precision)
