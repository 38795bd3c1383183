"""What a digest says about one process in one period, as the tracker knew it at the period's end.

The answer comes from the event store: the process's stored events recorded before the end of
the period, folded with the domain's own fold (`replay`). A correction recorded later does not
reach an old period, and nothing stored is validated again by today's rules.

Every subscription that follows a process gets the same part for the same period, so a part
is composed (and rendered) once and shared, until anything new is stored.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from negotiations.domain.agreement_lifecycle import AGREEMENT_EVENTS
from negotiations.domain.entries import period_on
from negotiations.domain.errors import ProcessNotFound
from negotiations.domain.expectations import Announced, last_day, pause_expectation
from negotiations.domain.history import AMENDMENTS, Entry, Period, Replay, replay
from negotiations.domain.registry import (
    PARTICIPATION_EVENTS,
    RETRACTION,
    SCHEDULING,
)
from negotiations.domain.status_machine import is_overdue
from negotiations.domain.telling import authors, scheduled_for
from negotiations.domain.trend import trend as trend_between
from negotiations.domain.vocabulary import EventType as E
from negotiations.domain.vocabulary import Status
from negotiations.presentation.direction import change_arrow
from negotiations.presentation.labels import (
    choice_label,
    event_label,
    field_label,
    full_stop,
    in_brackets,
    sentences,
    status_word,
)
from negotiations.read.models import Process
from negotiations.read.selectors import replayed_talks
from negotiations.write.application import PeaceProcesses

from . import selectors
from .parts import (
    Ahead,
    Item,
    ProcessPart,
    ProcessReport,
    as_date,
    day,
    reported_late,
    since_date,
    world_date,
)
from .wording import DigestVoice, Names, causes_of, detail_of, slugs_in

AHEAD_DAYS = 14
MOVES = PARTICIPATION_EVENTS


def _item(entry: Entry, values: dict[str, Any], name: Names, title: str) -> Item:
    return Item(
        sequence=entry.sequence,
        type=entry.type,
        title=title,
        when=world_date(as_date(values.get("occurred_on")), values.get("date_precision", "day")),
        late=reported_late(entry, values),
        detail=detail_of(entry.type, values, name),
        summary=values.get("summary", ""),
        quote=values.get("quote", ""),
        note=values.get("note", ""),
        causes=causes_of(values, name),
        sources=[s for s in values.get("sources") or () if s],
    )


def _shown(value: Any) -> str:
    """A corrected field's value in a correction's line, without the full stop the analyst
    ended it with: the line's own "; " and "." follow it ("…resolution 2254.; Sources")."""
    if isinstance(value, date):
        return day(value)
    if value in (None, ""):
        return _("(none)")
    return str(value).rstrip().removesuffix(".").removesuffix("。")


def _amendment(entries: list[Entry], amendment: Entry, name: Names) -> Item:
    """What an amendment changed, told from the history just before and just after it."""
    target = int(amendment.values.get("corrects") or amendment.values["retracts"])
    before = replay([e for e in entries if e.sequence < amendment.sequence]).views[target]
    label = event_label(before.entry.type)
    when = world_date(
        as_date(before.values.get("occurred_on")), before.values.get("date_precision", "day")
    )
    if amendment.type == RETRACTION:
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
    changed, added = _changed(before.values, after.values, amendment.values.get("changes") or {})
    title = _("Corrected: %(what)s (#%(number)s)") % {"what": label, "number": target}
    item = _item(before.entry, after.values, name, title)
    item.sequence, item.type, item.late = amendment.sequence, amendment.type, False
    item.detail = _("; ").join(changed) + full_stop() if changed else ""
    item.reason = amendment.values.get("reason", "")
    item.summary = item.quote = item.note = ""
    # What the correction brought: the causes and sources it added.
    item.causes = causes_of({"causes": added.get("causes", [])}, name)
    item.sources = [s for s in added.get("sources", []) if s]
    return item


def _changed(
    before: dict[str, Any], after: dict[str, Any], changes: dict[str, Any]
) -> tuple[list[str], dict[str, list[Any]]]:
    """What a correction changed, field by field ("Venue: A → B", "Sources 1 → 2 (1 added)"),
    and what it added to each list: each field named and the arrow pointing as the reader's
    language reads."""
    changed, added = [], {}
    arrow = change_arrow()
    for key in changes:
        old, new = before.get(key), after.get(key)
        name = field_label(key)
        if isinstance(new, list):
            added[key] = [x for x in new if x not in (old or [])]
            removed = len([x for x in old or [] if x not in new])
            counts = [
                _("%(count)s added") % {"count": len(added[key])} if added[key] else "",
                _("%(count)s removed") % {"count": removed} if removed else "",
            ]
            changed.append(
                f"{name} {len(old or [])} {arrow} {len(new)}"
                + (in_brackets(_(", ").join(c for c in counts if c)) if any(counts) else "")
            )
        else:
            colon = _(": ")
            changed.append(f"{name}{colon}{_shown(old)} {arrow} {_shown(new)}")
    return changed, added


def _since(known: Replay, period: Period) -> str:
    """Since when a status holds, as precise as the date of the change that started it."""
    if period.from_status is None:
        return day(period.starts_on)  # planned since the process was opened
    return since_date(period.occurred_on, _since_precision(known, period))


def _since_precision(known: Replay, period: Period) -> str:
    if period.from_status is None:
        return "day"
    return known.views[period.sequence].values.get("date_precision", "day")


def _expects(known: Replay | None, period: Period | None) -> Announced | None:
    """What a pause expects (the day or month the talks are back), with what `known` holds
    (`pause_expectation`, the rule of the API's `overdue` and of the calendar)."""
    if period is None:
        return None
    talks = replayed_talks(known) if known is not None and period.status == Status.PAUSED else []
    return pause_expectation(
        period.sequence,
        period.occurred_on,
        period.expected_resumption_on,
        talks,
        None,
        period.expected_resumption_precision,
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
    # What the tracker knew at the end of the period, and when the period began (what the
    # previous digest told).
    known = replay(entries)
    before = [e for e in entries if e.recorded_at < since]
    known_before = replay(before) if before else None
    at_end = period_on(known.periods, end)
    recorded_in = [e for e in entries if e.recorded_at >= since]
    report = _report(process, entries, recorded_in, known, at_end)
    if report is not None and known_before is not None:
        report.trend = _trend(known, recorded_in, start, at_end)
    pauses_ending, overdue = _pause_ahead(process, known, known_before, at_end, start, end)
    return ProcessPart(process, report, pauses_ending, _talks_ahead(process, known, end), overdue)


def _report(
    process: Process,
    entries: list[Entry],
    recorded_in: list[Entry],
    known: Replay,
    at_end: Period | None,
) -> ProcessReport | None:
    """What was recorded in the period (None if nothing was), told as known at its end; its
    trend is left to `_trend`."""
    slugs: set[str] = set()
    for e in recorded_in:
        view = known.views.get(e.sequence)  # none for an amendment: read what it changes
        slugs |= slugs_in(view.values if view else e.values.get("changes") or {})
    titles = {a.slug: a.title for a in known.situation.agreements.by_slug.values()}
    name = Names(slugs, titles, known.situation.actor_names)
    report = ProcessReport(
        process=process,
        status=at_end.status if at_end else None,
        status_since=_since(known, at_end) if at_end else "",
        trend=None,
        status_since_month=at_end is not None and _since_precision(known, at_end) == "month",
        agreement_titles=titles,
    )
    by_period = {p.sequence: p for p in known.periods}
    # The amendments in the order recorded; the rest in the order things happened, as the
    # board's timeline reads (a reader's outside test: 6 August, then back to 4 May).
    for entry in sorted(recorded_in, key=lambda e: _told_order(e, known)):
        if entry.type in AMENDMENTS:
            report.corrections.append(_amendment(entries, entry, name))
        elif known.views[entry.sequence].retraction is None:
            # (Withdrawn by the end of the period, it is left out: its retraction is reported.)
            _add_item(report, entry, known.views[entry.sequence].values, by_period, name)
    return report if report.count else None


def _told_order(entry: Entry, known: Replay) -> tuple[str, int]:
    """An event's world date as known (ISO: a month stands at its 1st, first in its month),
    then its sequence; an amendment sorts by its sequence alone among amendments."""
    view = known.views.get(entry.sequence)
    day = view.values.get("occurred_on") if view is not None else None
    return (str(day or ""), entry.sequence)


def _add_item(
    report: ProcessReport,
    entry: Entry,
    values: dict[str, Any],
    by_period: dict[int, Period],
    name: Names,
) -> None:
    """An event recorded in the period, under its heading (a statement, talks scheduled, a
    status change or a move); any other event is not told."""
    if entry.type == E.STATEMENT_MADE:
        title = pgettext("a statement's author and stance", "%(actor)s (%(stance)s)") % {
            "actor": authors(values, DigestVoice(name)),
            "stance": choice_label(values.get("stance")),
        }
        report.statements.append(_item(entry, values, name, title))
    elif entry.type == SCHEDULING:
        report.scheduled.append(_item(entry, values, name, event_label(entry.type)))
    elif entry.sequence in by_period and by_period[entry.sequence].from_status:
        period = by_period[entry.sequence]
        item = _item(entry, values, name, event_label(entry.type))
        arrow = change_arrow()
        moved = f"{status_word(period.from_status)} {arrow} {status_word(period.status)}"
        moved += full_stop()
        item.detail = sentences(moved, item.detail)
        report.changes.append(item)
    elif entry.type in MOVES:
        report.changes.append(_item(entry, values, name, event_label(entry.type)))
    elif entry.type in AGREEMENT_EVENTS:
        title = report.agreement_titles.get(values["agreement"], values["agreement"])
        heading = _("%(event)s: %(agreement)s") % {
            "event": event_label(entry.type),
            "agreement": title,
        }
        report.agreements.append(_item(entry, values, name, heading))


def _trend(
    known: Replay, recorded_in: list[Entry], start: date, at_end: Period | None
) -> str | None:
    """The status at the end against the status at the start, both as known at the end; a
    status change recorded in the period but dated before it (reported late) moves the start
    back to just before that change, so that the digest that reports it shows what it
    changed."""
    by_period = {p.sequence: p for p in known.periods}
    first_day = min(
        [start]
        + [
            by_period[e.sequence].starts_on
            for e in recorded_in
            if e.sequence in by_period and by_period[e.sequence].from_status
        ]
    )
    at_start = period_on(known.periods, first_day - timedelta(days=1))
    return trend_between(
        (at_start.status, _outcome(known, at_start.sequence)) if at_start else None,
        (at_end.status, _outcome(known, at_end.sequence)) if at_end else None,
    )


def _pause_ahead(
    process: Process,
    known: Replay,
    known_before: Replay | None,
    at_end: Period | None,
    start: date,
    end: date,
) -> tuple[list[Ahead], list[Ahead]]:
    """A pause at the end of the period: due back in the coming days (the first list), or
    overdue by the first of them (the second; news unless the previous digest told it)."""
    expects = _expects(known, at_end)
    if at_end is None or at_end.status != Status.PAUSED or expects is None:
        return [], []
    first_ahead, last_ahead = end + timedelta(days=1), end + timedelta(days=AHEAD_DAYS)
    paused = _since(known, at_end)
    resumes, own = expects.day, expects.kind == "resumption"
    when = world_date(resumes, expects.precision)
    if not own and expects.precision == "month":
        expected = _("talks scheduled for %(month)s") % {"month": when}
    elif not own:
        expected = _("talks scheduled for %(day)s") % {"day": when}
    elif expects.precision == "month":
        expected = _("expected to resume in %(month)s") % {"month": when}
    else:
        expected = _("expected to resume on %(day)s") % {"day": when}
    # overdue by the first day ahead (a month-precise date: once its month has ended)
    if is_overdue(at_end.status, resumes, first_ahead, expects.precision):
        late_by = (first_ahead - expects.last_day).days
        at_previous = (
            period_on(known_before.periods, start - timedelta(days=1)) if known_before else None
        )
        previous = _expects(known_before, at_previous)
        told = (
            at_previous is not None
            and previous is not None
            and is_overdue(at_previous.status, previous.on, start, previous.precision)
        )
        text = ngettext(
            "Paused since %(paused)s; %(expected)s, no resumption recorded (%(days)s day overdue).",
            "Paused since %(paused)s; %(expected)s, no resumption recorded "
            "(%(days)s days overdue).",
            late_by,
        ) % {"paused": paused, "expected": expected, "days": late_by}
        return [], [Ahead(process, resumes, text, "overdue", news=not told)]
    if resumes <= last_ahead and own:
        # (Talks scheduled since the pause are told under the talks scheduled.)
        text = _("Paused since %(paused)s; %(expected)s.") % {
            "paused": paused,
            "expected": expected,
        }
        return [Ahead(process, resumes, text, "pause_ending")], []
    return [], []


def _talks_ahead(process: Process, known: Replay, end: date) -> list[Ahead]:
    """The talks scheduled last (a new date replaces the one announced before), if they fall
    in the coming days."""
    latest = next(
        (
            v
            for v in reversed(known.views.values())
            if v.entry.type == SCHEDULING and v.retraction is None
        ),
        None,
    )
    if latest is None:
        return []
    on = as_date(latest.values["scheduled_for"])
    precision = latest.values.get("scheduled_for_precision") or "day"
    # A month-precise date is ahead while any day of its month is.
    if on is None or not (
        end + timedelta(days=1) <= last_day(on, precision)
        and on <= end + timedelta(days=AHEAD_DAYS)
    ):
        return []
    venue = latest.values.get("venue")
    when = world_date(on, precision)
    text = scheduled_for(_, when, venue or "", precision).line
    return [Ahead(process, on, text, "scheduled")]
