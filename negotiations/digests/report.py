"""What a digest says about one process in one period, as the tracker knew it at the period's end.

The answer comes from the event store: the process's stored events recorded before the end of
the period, folded with the domain's own fold (`replay`). A correction recorded later does not
reach an old period, and nothing stored is validated again by today's rules.

Every subscription that follows a process gets the same part for the same period, so a part
is composed (and rendered) once and shared, until anything new is stored.
"""

from __future__ import annotations

import threading
import time
import weakref
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from negotiations.domain.errors import ProcessNotFound
from negotiations.domain.expectations import pause_expects
from negotiations.domain.history import AMENDMENTS, Entry, Period, Replay, period_on, replay
from negotiations.domain.status_machine import is_overdue
from negotiations.domain.trend import trend as trend_between
from negotiations.domain.vocabulary import (
    CAUSE_CATEGORIES,
    CHOICE_LABELS,
    EVENT_LABELS,
    STATUS_LABELS,
    Status,
)
from negotiations.domain.vocabulary import EventType as E
from negotiations.read.models import Process
from negotiations.read.selectors import replayed_talks
from negotiations.write.application import PeaceProcesses

from . import selectors
from .parts import (
    Ahead,
    Cause,
    Item,
    ProcessPart,
    ProcessReport,
    as_date,
    day,
    reported_late,
    world_date,
)

AHEAD_DAYS = 14
LABELS = EVENT_LABELS


def _label(event_type: str) -> str:
    """An event type in the digest's language."""
    label = LABELS.get(event_type)
    return _(label) if label else event_type


def _status(status: str | None) -> str:
    """A status in the digest's language, as a sentence reads it ("paused")."""
    label = STATUS_LABELS.get(status or "")
    return _(label).lower() if label else str(status)


def _choice(value: str | None) -> str:
    label = CHOICE_LABELS.get(value or "")
    return _(label) if label else (value or "")


MOVES = (E.PARTY_JOINED, E.PARTY_WITHDREW, E.MEDIATOR_APPOINTED, E.MEDIATOR_STEPPED_DOWN)


class _Names:
    """Actors' names by slug (a slug the registry lacks is shown as it is)."""

    def __init__(self, slugs: set[str]) -> None:
        self.names = selectors.actor_names(slugs) if slugs else {}

    def __call__(self, slug: str | None) -> str:
        return self.names.get(slug or "", slug or "")


def _slugs(values: dict[str, Any]) -> set[str]:
    found = {c.get("stated_by") for c in values.get("causes") or () if c}
    found.add(values.get("actor"))
    return {s for s in found if s}


def _causes(values: dict[str, Any], name: _Names) -> list[Cause]:
    causes = []
    for c in values.get("causes") or ():
        source = c.get("source") or {}
        causes.append(
            Cause(
                category=_(CAUSE_CATEGORIES.get(c.get("category", ""), c.get("category", ""))),
                description=c.get("description", ""),
                stated_by=name(c.get("stated_by")),
                source_url=source.get("url", ""),
                source_outlet=source.get("outlet", ""),
            )
        )
    return causes


def _detail(event_type: str, values: dict[str, Any], name: _Names) -> str:
    if event_type == E.TALKS_PAUSED and values.get("expected_resumption_on"):
        return _("Expected to resume on %(day)s.") % {
            "day": day(as_date(values["expected_resumption_on"]))
        }
    if event_type in MOVES:
        return name(values.get("actor"))
    if event_type == E.TALKS_CONCLUDED:
        agreed = values.get("outcome") == "agreement"
        outcome = _("with an agreement") if agreed else _("no agreement")
        title = values.get("agreement_title")
        if title:
            return _("Outcome: %(outcome)s (%(title)s).") % {"outcome": outcome, "title": title}
        return _("Outcome: %(outcome)s.") % {"outcome": outcome}
    if event_type in (E.TALKS_CONVENED, E.TALKS_RESUMED):
        bits = [values.get("round"), values.get("venue"), _choice(values.get("format"))]
        return _(", ").join(b for b in bits if b)
    if event_type == E.TALKS_SCHEDULED:
        on = day(as_date(values.get("scheduled_for")))
        venue = values.get("venue")
        if venue:
            return _("For %(day)s in %(venue)s.") % {"day": on, "venue": venue}
        return _("For %(day)s.") % {"day": on}
    return ""


def _item(entry: Entry, values: dict[str, Any], name: _Names, title: str) -> Item:
    return Item(
        sequence=entry.sequence,
        type=entry.type,
        title=title,
        when=world_date(as_date(values.get("occurred_on")), values.get("date_precision", "day")),
        late=reported_late(entry, values),
        detail=_detail(entry.type, values, name),
        summary=values.get("summary", ""),
        quote=values.get("quote", ""),
        note=values.get("note", ""),
        causes=_causes(values, name),
        sources=[s for s in values.get("sources") or () if s],
    )


def _shown(value: Any) -> str:
    if isinstance(value, date):
        return day(value)
    return str(value) if value not in (None, "") else _("(none)")


def _amendment(entries: list[Entry], amendment: Entry, name: _Names) -> Item:
    """What an amendment changed, told from the history just before and just after it."""
    target = int(amendment.values.get("corrects") or amendment.values["retracts"])
    before = replay([e for e in entries if e.sequence < amendment.sequence]).views[target]
    label = _label(before.entry.type)
    when = world_date(
        as_date(before.values.get("occurred_on")), before.values.get("date_precision", "day")
    )
    if amendment.type == E.EVENT_RETRACTED:
        return Item(
            sequence=amendment.sequence,
            type=amendment.type,
            title=_("Retracted: %(what)s (#%(number)s)") % {"what": label, "number": target},
            when=when,
            late=False,
            detail=_("Withdrawn: it no longer counts."),
            reason=amendment.values.get("reason", ""),
        )
    after = replay([e for e in entries if e.sequence <= amendment.sequence]).views[target]
    changes = amendment.values.get("changes") or {}
    changed, added = [], {}
    for key in changes:
        old, new = before.values.get(key), after.values.get(key)
        if isinstance(new, list):
            added[key] = [x for x in new if x not in (old or [])]
            removed = len([x for x in old or [] if x not in new])
            counts = [
                _("%(count)s added") % {"count": len(added[key])} if added[key] else "",
                _("%(count)s removed") % {"count": removed} if removed else "",
            ]
            changed.append(
                f"{key.replace('_', ' ')} {len(old or [])} → {len(new)}"
                + (f" ({_(', ').join(c for c in counts if c)})" if any(counts) else "")
            )
        else:
            changed.append(f"{key.replace('_', ' ')}: {_shown(old)} → {_shown(new)}")
    title = _("Corrected: %(what)s (#%(number)s)") % {"what": label, "number": target}
    item = _item(before.entry, after.values, name, title)
    item.sequence, item.type, item.late = amendment.sequence, amendment.type, False
    item.detail = "; ".join(changed) + "." if changed else ""
    item.reason = amendment.values.get("reason", "")
    item.summary = item.quote = item.note = ""
    # What the correction brought: the causes and sources it added.
    item.causes = _causes({"causes": added.get("causes", [])}, name)
    item.sources = [s for s in added.get("sources", []) if s]
    return item


def _since(known: Replay, period: Period) -> str:
    """Since when a status holds, as precise as the date of the change that started it."""
    if period.from_status is None:
        return day(period.starts_on)  # planned since the process was opened
    precision = known.views[period.sequence].values.get("date_precision", "day")
    return world_date(period.occurred_on, precision)


def _expects(known: Replay | None, period: Period | None) -> date | None:
    """The day a pause expects the talks back, with what `known` holds (`pause_expects`,
    the rule of the API's `overdue` and of the calendar)."""
    if known is None or period is None or period.status != Status.PAUSED:
        return period.expected_resumption_on if period else None
    talks = replayed_talks(known)
    return pause_expects(
        period.sequence, period.occurred_on, period.expected_resumption_on, talks, None
    )


def _outcome(known: Replay, sequence: int) -> str | None:
    view = known.views.get(sequence)
    return view.values.get("outcome") if view else None


def compose_part(
    app: PeaceProcesses, process: Process, start: date, end: date
) -> ProcessPart | None:
    """The part of `process` in the digests of `start`..`end`, as known at the end of `end`."""
    since, until = selectors.period_bounds(start, end)
    try:
        history = app.get_process(process.id).entries
    except ProcessNotFound:
        return None
    entries = [e for e in history if e.recorded_at < until]
    if not entries:
        return None  # not yet recorded at the end of the period
    known = replay(entries)
    recorded_in = [e for e in entries if e.recorded_at >= since]

    slugs: set[str] = set()
    for e in recorded_in:
        view = known.views.get(e.sequence)  # none for an amendment: read what it changes
        slugs |= _slugs(view.values if view else e.values.get("changes") or {})
    name = _Names(slugs)

    changes: list[Item] = []
    scheduled: list[Item] = []
    statements: list[Item] = []
    amendments: list[Entry] = []
    by_period = {p.sequence: p for p in known.periods}
    for entry in recorded_in:
        if entry.type in AMENDMENTS:
            amendments.append(entry)
            continue
        view = known.views[entry.sequence]
        if view.retraction is not None:
            continue  # withdrawn by the end of the period: its retraction is reported
        values = view.values
        if entry.type == E.STATEMENT_MADE:
            title = f"{name(values.get('actor'))} ({_choice(values.get('stance'))})"
            statements.append(_item(entry, values, name, title))
        elif entry.type == E.TALKS_SCHEDULED:
            scheduled.append(_item(entry, values, name, _label(entry.type)))
        elif entry.sequence in by_period and by_period[entry.sequence].from_status:
            period = by_period[entry.sequence]
            item = _item(entry, values, name, _label(entry.type))
            moved = f"{_status(period.from_status)} → {_status(period.status)}."
            item.detail = " ".join(x for x in (moved, item.detail) if x)
            changes.append(item)
        elif entry.type in MOVES:
            changes.append(_item(entry, values, name, _label(entry.type)))
    corrections = [_amendment(entries, a, name) for a in amendments]

    at_end = period_on(known.periods, end)
    status = at_end.status if at_end else None
    report = None
    # What the tracker knew when the period began (what the previous digest told).
    before = [e for e in entries if e.recorded_at < since]
    known_before = replay(before) if before else None
    if changes or scheduled or corrections or statements:
        # The trend: the status at the end against the status at the start, both as known at
        # the end; a status change recorded in the period but dated before it (reported
        # late) moves the start back to just before that change, so that the digest that
        # reports it shows what it changed.
        first_day = min(
            [start]
            + [
                by_period[e.sequence].starts_on
                for e in recorded_in
                if e.sequence in by_period and by_period[e.sequence].from_status
            ]
        )
        at_start = period_on(known.periods, first_day - timedelta(days=1))
        opened_in_period = known_before is None
        trend = (
            None
            if opened_in_period
            else trend_between(
                (at_start.status, _outcome(known, at_start.sequence)) if at_start else None,
                (at_end.status, _outcome(known, at_end.sequence)) if at_end else None,
            )
        )
        report = ProcessReport(
            process=process,
            status=status,
            status_since=_since(known, at_end) if at_end else "",
            trend=trend,
            changes=changes,
            scheduled=scheduled,
            corrections=corrections,
            statements=statements,
        )

    pauses_ending: list[Ahead] = []
    overdue: list[Ahead] = []
    first_ahead, last_ahead = end + timedelta(days=1), end + timedelta(days=AHEAD_DAYS)
    resumes = _expects(known, at_end)
    if status == Status.PAUSED and resumes is not None and at_end is not None:
        paused = _since(known, at_end)
        expected = (
            _("expected to resume on %(day)s")
            if resumes == at_end.expected_resumption_on
            else _("talks scheduled for %(day)s")
        ) % {"day": day(resumes)}
        if is_overdue(status, resumes, first_ahead):  # overdue by the first day ahead
            late_by = (first_ahead - resumes).days
            at_previous = (
                period_on(known_before.periods, start - timedelta(days=1)) if known_before else None
            )
            told = at_previous is not None and is_overdue(
                at_previous.status, _expects(known_before, at_previous), start
            )
            overdue.append(
                Ahead(
                    process,
                    resumes,
                    ngettext(
                        "Paused since %(paused)s; %(expected)s, no resumption recorded "
                        "(%(days)s day overdue).",
                        "Paused since %(paused)s; %(expected)s, no resumption recorded "
                        "(%(days)s days overdue).",
                        late_by,
                    )
                    % {"paused": paused, "expected": expected, "days": late_by},
                    "overdue",
                    news=not told,
                )
            )
        elif resumes <= last_ahead and resumes == at_end.expected_resumption_on:
            # (Talks scheduled since the pause are told under the talks scheduled.)
            pauses_ending.append(
                Ahead(
                    process,
                    resumes,
                    _("Paused since %(paused)s; %(expected)s.")
                    % {"paused": paused, "expected": expected},
                    "pause_ending",
                )
            )
    # The talks scheduled last (a new date replaces the one announced before), if they fall
    # in the coming days.
    coming: list[Ahead] = []
    latest = next(
        (
            v
            for v in reversed(known.views.values())
            if v.entry.type == E.TALKS_SCHEDULED and v.retraction is None
        ),
        None,
    )
    if latest is not None:
        on = as_date(latest.values["scheduled_for"])
        if on is not None and first_ahead <= on <= last_ahead:
            venue = latest.values.get("venue")
            text = (
                _("Talks scheduled for %(day)s in %(venue)s.") % {"day": day(on), "venue": venue}
                if venue
                else _("Talks scheduled for %(day)s.") % {"day": day(on)}
            )
            coming.append(Ahead(process, on, text, "scheduled"))
    return ProcessPart(process, report, pauses_ending, coming, overdue)


class PeriodParts:
    """The parts of one period, composed on first use and shared by every subscription, for
    as long as the event store holds nothing new (and at most a minute, for actor names)."""

    TTL_SECONDS = 60
    KEEP_PERIODS = 8

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_key: dict[tuple, dict[UUID, ProcessPart | None]] = {}

    def parts(
        self, app: PeaceProcesses, process_ids: list[UUID], start: date, end: date
    ) -> list[ProcessPart]:
        key = (
            start,
            end,
            translation.get_language(),  # the parts are written in it
            app.recorder.max_notification_id() or 0,
            int(time.monotonic() // self.TTL_SECONDS),
        )
        with self._lock:
            known = self._by_key.get(key)
            if known is None:
                if len(self._by_key) >= self.KEEP_PERIODS:
                    self._by_key.pop(next(iter(self._by_key)))
                known = self._by_key[key] = {}
        missing = [pid for pid in process_ids if pid not in known]
        if missing:
            for process in Process.objects.filter(id__in=missing).only("id", "slug", "name"):
                known[process.id] = compose_part(app, process, start, end)
        found = [part for pid in process_ids if (part := known.get(pid)) is not None]
        return sorted(found, key=lambda part: part.process.name)


_shared: weakref.WeakKeyDictionary[PeaceProcesses, PeriodParts] = weakref.WeakKeyDictionary()


def period_parts(
    app: PeaceProcesses, process_ids: list[UUID], start: date, end: date
) -> list[ProcessPart]:
    """The parts of `processes` for `start`..`end`, shared across the subscriptions (one
    cache per event store: a test's or a command's own store never sees another's)."""
    cache = _shared.get(app)
    if cache is None:
        cache = _shared.setdefault(app, PeriodParts())
    return cache.parts(app, process_ids, start, end)
