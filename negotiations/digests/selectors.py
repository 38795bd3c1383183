"""Read queries for the digests: what a subscription follows, and what was recorded in a
period. They read only read models, like `negotiations.selectors`."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.db.models import QuerySet

from negotiations.models import Actor, Process, StatusPeriod, TimelineEntry

from .models import Subscription


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The record-time window of a period of whole UTC days: [start 00:00, end+1 00:00)."""
    return (
        datetime.combine(start, time.min, tzinfo=UTC),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=UTC),
    )


def followed_processes(subscription: Subscription) -> QuerySet[Process]:
    """The processes a subscription follows; none chosen means all of them."""
    chosen = subscription.followed.values_list("process_id", flat=True)
    if not chosen.exists():
        return Process.objects.all()
    return Process.objects.filter(id__in=list(chosen))


def status_changes_recorded(
    processes: QuerySet[Process], since: datetime, until: datetime
) -> QuerySet[StatusPeriod]:
    """Status changes (corrected view) recorded in [since, until), whatever their world date."""
    return StatusPeriod.objects.filter(
        process__in=processes,
        from_status__isnull=False,
        recorded_at__gte=since,
        recorded_at__lt=until,
    ).order_by("process_id", "sequence")


def entries_recorded(
    processes: QuerySet[Process], types: list[str], since: datetime, until: datetime
) -> QuerySet[TimelineEntry]:
    """Events of the given types recorded in [since, until), not retracted."""
    return TimelineEntry.objects.filter(
        process__in=processes,
        type__in=types,
        recorded_at__gte=since,
        recorded_at__lt=until,
        retraction__isnull=True,
    ).order_by("process_id", "sequence")


def entries_by_sequence(process_ids: set, sequences: set[int]) -> dict[tuple, TimelineEntry]:
    rows = TimelineEntry.objects.filter(process_id__in=process_ids, sequence__in=sequences)
    return {(r.process_id, r.sequence): r for r in rows}


def scheduled_talks_known(
    processes: QuerySet[Process], known_at: datetime
) -> QuerySet[TimelineEntry]:
    """`talks_scheduled` events recorded by `known_at` and not retracted."""
    return TimelineEntry.objects.filter(
        process__in=processes,
        type="talks_scheduled",
        recorded_at__lt=known_at,
        retraction__isnull=True,
    ).order_by("process_id", "sequence")


def actor_names(slugs: set[str]) -> dict[str, str]:
    return dict(Actor.objects.filter(slug__in=slugs).values_list("slug", "name"))
