"""Read queries of the public board and its feeds. Like `negotiations.read.selectors`, they read
only read models, and each page asks a fixed number of them whatever the size of the data."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db.models import Case, Count, F, Max, QuerySet, Sum, When

from negotiations.domain.expectations import Announced, last_day, superseded_by
from negotiations.domain.registry import EVENT_LABELS
from negotiations.domain.vocabulary import EventType as E
from negotiations.domain.vocabulary import Status
from negotiations.read import selectors
from negotiations.read.folding import search_query
from negotiations.read.models import Process, StatusPeriod, TimelineEntry
from negotiations.read.selectors import talks_from_values

FEED_ENTRIES = 50
# Calendar UIDs and Atom ids are derived from the process id and the event's sequence: they
# never change when the tracker moves to another host or database.
FEED_NAMESPACE = uuid.UUID("3f7d6c0e-2a41-4f0b-9d8e-5b1a7c2e9f14")


# -- the list ------------------------------------------------------------------------------


# The list's orders, by the name its `sort` parameter gives: by name, by the last status
# change (newest first), or overdue pauses first (the longest overdue first).
SORTS = {
    "name": ("name", "id"),
    "last_change": (F("latest_change_on").desc(nulls_last=True), "name", "id"),
    "overdue": ("overdue_rank", F("expected_resumption_on").asc(nulls_last=True), "name", "id"),
}


def board_processes(
    *,
    status: str = "",
    conflict: str = "",
    q: str = "",
    overdue: bool = False,
    sort: str = "name",
) -> QuerySet[Process]:
    """Processes for the board's list, filtered, in the order `sort` names (see SORTS)."""
    rows = selectors.processes()
    if status:
        rows = rows.filter(status=status)
    if conflict:
        rows = rows.filter(conflict=conflict)
    folded = search_query(q)
    if folded:
        # Case and accents ignored in every script, on both databases (read.folding).
        rows = rows.filter(search_text__contains=folded)
    if overdue:
        rows = rows.filter(selectors.overdue_filter())
    if sort == "overdue":
        rows = rows.annotate(overdue_rank=Case(When(selectors.overdue_filter(), then=0), default=1))
    return rows.order_by(*SORTS[sort])


def conflicts() -> list[str]:
    """Every conflict named by a process, for the list's filter."""
    return list(Process.objects.order_by("conflict").values_list("conflict", flat=True).distinct())


def board_freshness() -> tuple[datetime | None, int, int]:
    """When anything on the board last changed, how many processes there are, and how many
    events they hold (the sum of their versions): one more with every event recorded, even
    when its record time is not the latest (clocks of two web nodes apart)."""
    found = Process.objects.aggregate(
        last=Max("updated_at"), count=Count("id"), events=Sum("version")
    )
    return found["last"], found["count"], found["events"] or 0


actor_names = selectors.actor_names


def cause_actors(causes: Iterable[dict[str, Any]]) -> set[str]:
    return {c.get("stated_by", "") for c in causes}


# -- one process ---------------------------------------------------------------------------


def process_for_board(slug: str) -> Process:
    return selectors.process_by_ref(slug)


def status_periods(process: Process) -> list[StatusPeriod]:
    """The process's status periods in world order (the corrected view)."""
    return list(StatusPeriod.objects.filter(process=process).order_by("starts_on", "sequence"))


def timeline_page(
    process: Process, *, raw: bool, newest_first: bool = False
) -> QuerySet[TimelineEntry]:
    rows = selectors.timeline(process, raw=raw)
    return rows.order_by("-sequence") if newest_first else rows


# -- the status-change feed, for Atom ------------------------------------------------------


@dataclass
class FeedRow:
    """One row of the status-change feed, as the API's `status-changes/` shows it, with what
    an Atom entry adds: the process's name and the event's own sources."""

    row: dict[str, Any]
    process_name: str
    sources: list[dict[str, Any]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    # For a retraction: what was retracted (the event's label) and the causes it had stated.
    retracted_label: str = ""
    retracted_causes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.row.get("kind") or "recorded"

    @property
    def recorded_at(self) -> datetime:
        value = self.row["recorded_at"]
        if isinstance(value, datetime):
            return value
        return datetime.fromisoformat(value.replace("Z", "+00:00"))

    @property
    def entry_uuid(self) -> uuid.UUID:
        # A correction or retraction is an entry of its own: its own kind and sequence.
        key = f"{self.row['process']}/{self.kind}/{self.row['sequence']}/{self.row.get('amends')}"
        return uuid.uuid5(FEED_NAMESPACE, key)


def status_change_rows(
    *, process: Process | None = None, limit: int = FEED_ENTRIES
) -> list[dict[str, Any]]:
    """The newest `limit` rows of the status-change log, newest first, in the API's shape.

    The one place the Atom feeds read the change log. Its rows carry their `kind`
    (recorded, corrected, retracted) and, for an amendment, what it `amends` and its
    `reason`: each becomes an Atom entry of its own. Newest first is the log's own order
    (record time, store position, amended change) reversed.
    """
    from api.representations import status_change_repr

    rows = selectors.status_changes(process=process)
    newest = rows.order_by("-recorded_at", "-position", "-amends")[:limit]
    return [status_change_repr(p) for p in newest]


def feed_rows(*, process: Process | None = None, limit: int = FEED_ENTRIES) -> list[FeedRow]:
    rows = status_change_rows(process=process, limit=limit)
    ids = {r["process"] for r in rows}
    sequences = {r.get("amends") or r["sequence"] for r in rows}
    names = dict(Process.objects.filter(id__in=ids).values_list("id", "name")) if ids else {}
    events = (
        {
            (str(e.process_id), e.sequence): e
            for e in TimelineEntry.objects.filter(process_id__in=ids, sequence__in=sequences)
        }
        if rows
        else {}
    )
    slugs: set[str] = set()
    for r in rows:
        slugs |= cause_actors(r.get("causes") or [])
        event = events.get((r["process"], r.get("amends") or r["sequence"]))
        if r.get("kind") == "retracted" and event is not None:
            slugs |= cause_actors((event.current or event.recorded).get("causes") or [])
    actors = actor_names(slugs)
    out = []
    for r in rows:
        event = events.get((r["process"], r.get("amends") or r["sequence"]))
        values = (event.current or event.recorded) if event else {}
        label = EVENT_LABELS.get(event.type, event.type) if event is not None else ""
        retracted = r.get("kind") == "retracted" and event is not None
        out.append(
            FeedRow(
                row=r,
                process_name=names.get(uuid.UUID(r["process"]), r["process_slug"]),
                sources=list(values.get("sources") or []),
                names=actors,
                retracted_label=label if retracted else "",
                retracted_causes=list(values.get("causes") or []) if retracted else [],
            )
        )
    return out


# -- the calendar --------------------------------------------------------------------------


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


def _uid(process_id: uuid.UUID, kind: str, sequence: int) -> str:
    return f"{uuid.uuid5(FEED_NAMESPACE, f'{process_id}/{kind}/{sequence}')}@negotiation-tracker"


def _amended(row: TimelineEntry) -> tuple[int, datetime]:
    """The latest amendment of an event (its sequence and when), or the event itself."""
    latest = (row.sequence, row.recorded_at)
    notes = list(row.corrections or []) + ([row.retraction] if row.retraction else [])
    for note in notes:
        at = datetime.fromisoformat(str(note["recorded_at"]).replace("Z", "+00:00"))
        latest = max(latest, (note["sequence"], at))
    return latest


def _next_periods(periods: list[StatusPeriod]) -> dict[tuple[uuid.UUID, int], StatusPeriod]:
    """For each period, the one that followed it (by process, in world order)."""
    ordered = sorted(periods, key=lambda p: (p.process_id, p.starts_on, p.sequence))
    following: dict[tuple[uuid.UUID, int], StatusPeriod] = {}
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.process_id == after.process_id:
            following[(before.process_id, before.sequence)] = after
    return following


def _by_process(periods: list[StatusPeriod]) -> dict[uuid.UUID, list[StatusPeriod]]:
    out: dict[uuid.UUID, list[StatusPeriod]] = {}
    for p in sorted(periods, key=lambda p: (p.starts_on, p.sequence)):
        out.setdefault(p.process_id, []).append(p)
    return out


ENDING = (Status.SUSPENDED, Status.COLLAPSED, Status.CONCLUDED)


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
      digests): cancelled, same UID.
    """
    query = TimelineEntry.objects.filter(type__in=[E.TALKS_SCHEDULED, E.TALKS_PAUSED])
    periods = StatusPeriod.objects.all()
    if process is not None:
        query, periods = query.filter(process=process), periods.filter(process=process)
    rows = list(query.select_related("process").order_by("process_id", "sequence"))
    process_ids = {r.process_id for r in rows}
    period_rows = list(periods.filter(process_id__in=process_ids)) if rows else []
    following, by_process = _next_periods(period_rows), _by_process(period_rows)
    talks: dict[uuid.UUID, list[Announced]] = {}
    recorded_at: dict[tuple[uuid.UUID, int], datetime] = {}
    for row in rows:
        if row.type == E.TALKS_SCHEDULED and row.retraction is None:
            values = row.current or row.recorded
            talks.setdefault(row.process_id, []).append(talks_from_values(row.sequence, values))
            recorded_at[(row.process_id, row.sequence)] = row.recorded_at
    items = []
    for row in rows:
        values = row.current or row.recorded
        amended_seq, amended_at = _amended(row)
        cancelled = row.retraction is not None
        announced = date.fromisoformat(values["occurred_on"])
        newer: Announced | None = None
        if row.type == E.TALKS_SCHEDULED:
            on = date.fromisoformat(values["scheduled_for"])
            precision = values.get("scheduled_for_precision") or "day"
            # Talks "in May" are pending until the end of May.
            until = last_day(on, precision)
            newer = superseded_by(
                Announced(row.sequence, announced, on, precision=precision),
                until,
                talks.get(row.process_id, []),
            )
            ender = next(
                (
                    p
                    for p in by_process.get(row.process_id, [])
                    if p.status in ENDING
                    and announced <= p.starts_on <= until
                    and not _resumed_between(by_process[row.process_id], p, until)
                ),
                None,
            )
            if ender is not None and not cancelled:
                cancelled = True
                amended_seq, amended_at = max(
                    (amended_seq, amended_at), (ender.sequence, ender.recorded_at)
                )
            venue = values.get("venue") or ""
            where = f" in {venue}" if venue else ""
            summary = f"Talks{where}: {row.process.name}"
            description = f"Talks scheduled for {_told(on, precision)}{where}."
            kind = "talks"
        else:
            on = date.fromisoformat(values["expected_resumption_on"])
            precision = values.get("expected_resumption_precision") or "day"
            after = following.get((row.process_id, row.sequence))
            pending_until = after.starts_on - timedelta(days=1) if after is not None else None
            newer = superseded_by(
                Announced(row.sequence, announced, on, "resumption", precision),
                pending_until,
                talks.get(row.process_id, []),
            )
            if after is not None and after.status != Status.ACTIVE and not cancelled:
                cancelled = True
                amended_seq, amended_at = max(
                    (amended_seq, amended_at), (after.sequence, after.recorded_at)
                )
            venue = ""
            summary = f"Expected resumption: {row.process.name}"
            description = (
                f"Talks paused on {values['occurred_on']}, expected to resume "
                f"{'in' if precision == 'month' else 'on'} {_told(on, precision)}."
            )
            kind = "resumption"
        if newer is not None and not cancelled:
            cancelled = True
            amended_seq, amended_at = max(
                (amended_seq, amended_at),
                (newer.sequence, recorded_at[(row.process_id, newer.sequence)]),
            )
            description += (
                f" Superseded by the talks scheduled for {_told(newer.on, newer.precision)}."
            )
        elif cancelled:
            description += " Cancelled" + (
                f": {row.retraction['reason']}" if row.retraction else " (superseded)."
            )
        items.append(
            CalendarItem(
                uid=_uid(row.process_id, kind, row.sequence),
                process=row.process,
                kind=kind,
                on=on,
                summary=summary,
                location=venue,
                description=description,
                sequence=amended_seq - row.sequence,
                cancelled=cancelled,
                stamp=amended_at,
                sources=list(values.get("sources") or []),
                precision=precision,
            )
        )
    items.sort(key=lambda i: (i.on, i.process.name, i.uid))
    return items


def _resumed_between(periods: list[StatusPeriod], ender: StatusPeriod, on: date) -> bool:
    """Whether talks were active again after `ender` and by the day `on`."""
    return any(
        p.status == Status.ACTIVE and ender.starts_on <= p.starts_on <= on and p is not ender
        for p in periods
        if (p.starts_on, p.sequence) > (ender.starts_on, ender.sequence)
    )


def _told(on: date, precision: str) -> str:
    """A calendar item's date in its description: ISO for a day, "May 2016" for a month."""
    return f"{on:%B %Y}" if precision == "month" else on.isoformat()


def now() -> datetime:
    return datetime.now(UTC)


def one_day_after(day: date) -> date:
    return day + timedelta(days=1)
