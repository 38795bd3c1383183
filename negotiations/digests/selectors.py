"""Read queries for the digests: what a subscription follows, the bounds of a period, and
actor names. What a digest tells about a process comes from the event store (see `report`)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Exists, Q

from negotiations.models import Actor, Process

from .models import FollowedProcess, Subscription


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The record-time window of a period of whole UTC days: [start 00:00, end+1 00:00)."""
    return (
        datetime.combine(start, time.min, tzinfo=UTC),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=UTC),
    )


def followed_processes(subscription: Subscription) -> list[Process]:
    """The processes a subscription follows, by name; none chosen means all of them. One
    query."""
    followed = FollowedProcess.objects.filter(subscription=subscription)
    return list(
        Process.objects.filter(Q(id__in=followed.values("process_id")) | ~Exists(followed))
        .only("id", "slug", "name")
        .order_by("name")
    )


def actor_names(slugs: set[str]) -> dict[str, str]:
    return dict(Actor.objects.filter(slug__in=slugs).values_list("slug", "name"))
