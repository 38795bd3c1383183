"""Read queries shared by the API, the admin and the digests. They read read models; a
history question ("as known at") reads the event store."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import (
    Max,
    Q,
    QuerySet,
)
from django.utils import timezone

from negotiations.domain.asking import refuse_future_record_time, refuse_future_status_date
from negotiations.domain.entries import period_on
from negotiations.domain.errors import ProcessNotFound, Words
from negotiations.domain.expectations import Announced, pause_expectation
from negotiations.domain.history import AMENDMENTS, Entry, Period, Replay, replay
from negotiations.domain.registry import SCHEDULING
from negotiations.domain.specs import utc_day
from negotiations.domain.status_machine import is_overdue as overdue
from negotiations.domain.status_machine import overdue_threshold
from negotiations.domain.vocabulary import Status, gettext_noop
from negotiations.read import agreements as agreement_reads
from negotiations.read.folding import fold, search_query
from negotiations.read.models import Process, StatusChange, StatusPeriod, Tally, TimelineEntry
from negotiations.write.models import Actor
from negotiations.write.records import jsonable


def today() -> date:
    return utc_day()


def process_by_ref(ref: str | uuid.UUID) -> Process:
    """A process by its UUID or its slug."""
    key: dict[str, uuid.UUID | str]
    try:
        key = {"id": uuid.UUID(str(ref))}
    except ValueError:
        key = {"slug": str(ref)}
    try:
        return Process.objects.get(**key)
    except Process.DoesNotExist:
        raise process_not_found(ref) from None


def process_not_found(ref: object) -> ProcessNotFound:
    """The refusal of a process reference that names none, said with the reference sent."""
    return ProcessNotFound(Words(gettext_noop("No process '%(slug)s'."), slug=str(ref)))


def process_id_from_ref(ref: str | uuid.UUID) -> uuid.UUID:
    """The id a UUID or a slug names, without reading a read model (the store says later
    whether it exists)."""
    from negotiations.domain.process import process_id_for

    try:
        return uuid.UUID(str(ref))
    except ValueError:
        return process_id_for(str(ref))


def process_count() -> int:
    """How many processes there are, from the tally the projection keeps."""
    return Tally.objects.filter(name=Tally.PROCESSES).values_list("value", flat=True).first() or 0


def processes() -> QuerySet[Process]:
    return Process.objects.all()


def process_ids() -> list[uuid.UUID]:
    return list(Process.objects.values_list("id", flat=True))


def actors() -> QuerySet[Actor]:
    """By name, then slug: two actors of one name kept their places from page to page."""
    return Actor.objects.order_by("name", "slug")


def actor_names(slugs: Iterable[str]) -> dict[str, str]:
    """The registry's names of these actors (slugs it lacks are left out): one query."""
    wanted = {s for s in slugs if s}
    if not wanted:
        return {}
    return dict(Actor.objects.filter(slug__in=wanted).values_list("slug", "name"))


def overdue_filter(on: date | None = None) -> Q:
    """The domain's `is_overdue` as a query over process summaries."""
    on = on or today()
    return Q(status=Status.PAUSED) & (
        Q(expected_resumption_precision="day", expected_resumption_on__lt=on)
        | Q(
            expected_resumption_precision="month",
            expected_resumption_on__lt=overdue_threshold(on, "month"),
        )
    )


def is_overdue(process: Process, on: date | None = None) -> bool:
    return overdue(
        process.status,
        process.expected_resumption_on,
        on or today(),
        process.expected_resumption_precision,
    )


@dataclass
class StatusOnDate:
    status: str | None
    status_since: date | None
    causes: list[dict[str, Any]]
    expected_resumption_on: date | None
    as_of: date
    known_at: datetime | None
    version: int
    sequence: int | None = None
    overdue: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    status_since_precision: str | None = None
    expected_resumption_precision: str | None = None
    # The agreements open on `as_of` and the latest closed by then, each as it stood then, as
    # known at `known_at`, and how many closed by then are left out (read.agreements.listed).
    agreements: list[dict[str, Any]] = field(default_factory=list)
    agreements_not_listed: int = 0

    @property
    def agreements_in_force(self) -> list[dict[str, Any]]:
        return [a for a in self.agreements if a["status"] == "in_force"]


# A date a pause expected the talks back on, and its precision (None: no new date set).
Expected = tuple[date | None, str]


def status_as_of(
    process: Process, *, as_of: date | None = None, known_at: datetime | None = None
) -> StatusOnDate:
    """The status of the talks on world date `as_of`, as the tracker knew it at `known_at`.

    Given only `known_at`, `as_of` is its UTC date (what the tracker said that day about that
    day); given only `as_of`, `known_at` is now. Without `known_at` this is one indexed query
    on the status periods. With it, the history recorded by then is folded again, so later
    corrections do not leak into the past; an event recorded at `known_at` itself counts.
    """
    if known_at is not None:  # with `as_of` too: a knowledge still to come is no answer
        refuse_future_record_time(known_at, now=timezone.now())
    if as_of is None:
        as_of = utc_day(known_at)
    else:
        refuse_future_status_date(as_of, today=today())
    # Known at or after the last recorded event, the history then is the whole history: the
    # indexed periods answer, no fold needed.
    current = known_at is None or (
        process.updated_at is not None and known_at >= process.updated_at
    )
    period: StatusPeriod | Period | None
    known: Replay | None = None
    if current:
        period = (
            StatusPeriod.objects.filter(process=process, starts_on__lte=as_of)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=as_of))
            .order_by("-starts_on", "-sequence")
            .first()
        )
        version = process.version
    else:
        # The timeline's record times are the index; the history itself comes from the store.
        version = (
            TimelineEntry.objects.filter(process=process, recorded_at__lte=known_at)
            .order_by("-sequence")
            .values_list("sequence", flat=True)
            .first()
        ) or 0
        entries = history_at(process.id, version) if version else []
        known = replay(entries) if entries else None
        period = period_on(known.periods, as_of) if known else None
    if period is None:
        return StatusOnDate(None, None, [], None, as_of, known_at, version)
    agreements = (
        agreement_reads.listed_now(process, as_of)
        if known is None
        else agreement_reads.listed(known.situation.agreements.by_slug.values(), as_of)
    )
    expected = period.expected_resumption_on
    expected_precision = period.expected_resumption_precision if expected else None
    if period.status == Status.PAUSED:
        talks = talks_announced(process) if known is None else replayed_talks(known)
        found = pause_expectation(
            period.sequence, period.occurred_on, expected, talks, as_of, expected_precision or "day"
        )
        expected = found.on if found else None
        expected_precision = found.precision if found else None
    return StatusOnDate(
        status=period.status,
        status_since=period.starts_on if period.from_status is None else period.occurred_on,
        causes=jsonable(period.causes),
        expected_resumption_on=expected,
        as_of=as_of,
        known_at=known_at,
        version=version,
        sequence=period.sequence,
        overdue=overdue(period.status, expected, as_of, expected_precision or "day"),
        status_since_precision=period.date_precision,
        expected_resumption_precision=expected_precision,
        agreements=agreements.items,
        agreements_not_listed=agreements.not_listed,
    )


def status_periods(process: Process) -> list[StatusPeriod]:
    """The process's status periods in world order, each with `expected`
    (`pause_expectations`; empty but for a pause). One query, two with a pause. The instances
    are not saved: each row keeps its pause's own date, which the status on a date before
    the talks were rescheduled needs."""
    periods = list(StatusPeriod.objects.filter(process=process).order_by("starts_on", "sequence"))
    paused = any(p.status == Status.PAUSED for p in periods)
    talks = sorted(talks_announced(process), key=lambda t: t.order) if paused else []
    for p in periods:
        p.expected = pause_expectations(p, talks) if p.status == Status.PAUSED else []
    return periods


def pause_expectations(pause: StatusPeriod, talks: list[Announced]) -> list[Expected]:
    """The dates a pause expected the talks back on, with their precisions, in the order they
    were announced while it held: its own, then those of the talks scheduled meanwhile, each
    of which replaced the one before (`expectations`; None: postponed, no new date). The last
    is what the status on the pause's last day tells."""
    last_day = pause.ends_on - timedelta(days=1) if pause.ends_on else None
    said: list[Expected] = []
    if pause.expected_resumption_on:
        said.append((pause.expected_resumption_on, pause.expected_resumption_precision or "day"))
    since = (pause.occurred_on, pause.sequence)
    for t in talks:
        if t.order > since and (last_day is None or t.announced_on <= last_day):
            if not said or said[-1] != (t.on, t.precision):  # talks that only confirm it
                said.append((t.on, t.precision))
    return said


def talks_announced(process: Process) -> list[Announced]:
    """The process's scheduled talks (corrected, the retracted left out), as announcements
    for `expectations`: one query."""
    rows = TimelineEntry.objects.filter(
        process=process, type=SCHEDULING, retraction__isnull=True
    ).values_list("sequence", "recorded", "current")
    return [talks_from_values(seq, current or recorded) for seq, recorded, current in rows]


def talks_from_values(sequence: int, values: dict[str, Any]) -> Announced:
    """Scheduled talks as an announcement; with no `scheduled_for`, postponed, no new date."""

    def as_date(value: Any) -> date:
        return value if isinstance(value, date) else date.fromisoformat(str(value))

    on = values.get("scheduled_for")
    return Announced(
        sequence,
        as_date(values["occurred_on"]),
        None if on is None else as_date(on),
        precision=values.get("scheduled_for_precision") or "day",
    )


def replayed_talks(known: Replay) -> list[Announced]:
    """`talks_announced` of a history folded from the store (as known at some time)."""
    return [
        talks_from_values(seq, view.values)
        for seq, view in known.views.items()
        if view.entry.type == SCHEDULING and view.retraction is None
    ]


def history_at(process_id: uuid.UUID, version: int) -> list[Entry]:
    """A process's events up to `version`, as recorded, from the event store."""
    from negotiations.write.runtime import get_application

    return get_application().get_process_at(process_id, version).entries


def timeline(process: Process, *, raw: bool = False) -> QuerySet[TimelineEntry]:
    """The process's events in sequence order: corrected view, or as recorded with `raw`."""
    rows = TimelineEntry.objects.filter(process=process).order_by("sequence")
    if raw:
        return rows
    return rows.exclude(type__in=list(AMENDMENTS))


def status_changes(
    *, since: datetime | None = None, process: Process | None = None, after: int | None = None
) -> QuerySet[StatusChange]:
    """The status-change log, oldest first: status changes as recorded and the corrections
    and retractions that changed them, each by its own record time (at or after `since`);
    with `after`, those whose event's store position is after it, in store order: the order
    of the commits, which record times are not (two writers' times are taken before they
    commit, and a poller asking from the last time it had seen lost the row committed later
    with the earlier time: an outside reader's test, 2 of 3,029 rows under 4 writers)."""
    rows = StatusChange.objects.select_related("process")
    if since is not None:
        rows = rows.filter(recorded_at__gte=since)
    if process is not None:
        rows = rows.filter(process=process)
    if after is not None:
        return rows.filter(position__gt=after).order_by("position", "amends")
    return rows.order_by("recorded_at", "position", "amends")


def event_feed(*, after: int = 0, limit: int = 100) -> list[TimelineEntry]:
    """Every event in store order, as recorded, for consumers that replicate."""
    return list(
        TimelineEntry.objects.filter(position__gt=after)
        .select_related("process")
        .order_by("position")[:limit]
    )


def actors_matching(term: str) -> list[str]:
    """The slugs of the actors whose name or slug holds `term`, case and accents ignored in
    every script (`folding.fold`, as the processes' search), the closest first: the actor
    whose slug or name is the term, then those that begin with it, then the rest by name.
    One rule for the API's `?q=` and the admin's picker (the picker, Django's own search on
    SQLite, found "Erdoğan" but not "ERDOĞAN"). The registry is small (hundreds of actors):
    its names are folded here rather than stored."""
    folded = search_query(term)
    words = folded.split()
    if not words:
        return []
    ranked = []
    for slug, name in Actor.objects.values_list("slug", "name"):
        name_folded = fold(name)
        # Each word somewhere in the name or the slug, as Django's search took them ("ban
        # ki moon", "Ki-moon Ban"); the whole term first in the ranking.
        if all(word in name_folded or word in slug for word in words):
            exact = folded in (name_folded, slug)
            begins = name_folded.startswith(folded) or slug.startswith(folded)
            ranked.append((0 if exact else 1 if begins else 2, name_folded, slug))
    return [slug for *_, slug in sorted(ranked)]


def registry_stamp() -> int:
    """The actor registry's last change, as microseconds since the epoch (0 when empty): a
    part of every ETag of what names actors, which their names change without an event."""
    changed = Actor.objects.aggregate(last=Max("changed_at"))["last"]
    return int(changed.timestamp() * 1_000_000) if changed else 0
