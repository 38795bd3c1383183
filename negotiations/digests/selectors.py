"""Read queries for the digests: what a subscription follows, the bounds of a period, and
actor names. What a digest tells about a process comes from the event store (see `report`)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID

from django.conf import settings
from django.db.models import QuerySet

from negotiations.read import selectors

from .models import Delivery, DeliveryStatus, FollowedProcess, Subscription


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The record-time window of a period of whole UTC days: [start 00:00, end+1 00:00)."""
    return (
        datetime.combine(start, time.min, tzinfo=UTC),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=UTC),
    )


def followed_process_ids(subscription: Subscription) -> list[UUID]:
    """The processes a subscription follows; none chosen means all of them."""
    chosen = list(
        FollowedProcess.objects.filter(subscription=subscription).values_list(
            "process_id", flat=True
        )
    )
    return chosen or selectors.process_ids()


def followed_process_ids_by_subscription(
    subscriptions: list[Subscription],
) -> dict[int, list[UUID]]:
    """`followed_process_ids` of many subscriptions in one query (two when some follow all)."""
    chosen: dict[int, list[UUID]] = {s.pk: [] for s in subscriptions}
    rows = FollowedProcess.objects.filter(subscription__in=list(chosen)).values_list(
        "subscription_id", "process_id"
    )
    for subscription_id, process_id in rows:
        chosen[subscription_id].append(process_id)
    if not all(chosen.values()):
        every = selectors.process_ids()
        for followed in chosen.values():
            followed[:] = followed or every
    return chosen


actor_names = selectors.actor_names


def not_gone_out(deliveries: QuerySet[Delivery]) -> QuerySet[Delivery]:
    """Those of `deliveries` neither sent nor skipped (nothing to report)."""
    return deliveries.exclude(status__in=[DeliveryStatus.SENT, DeliveryStatus.SKIPPED])


def any_spent(deliveries: QuerySet[Delivery]) -> bool:
    """Whether one of `deliveries` failed DIGEST_MAX_ATTEMPTS times (not tried again)."""
    most = settings.DIGEST_MAX_ATTEMPTS
    return deliveries.filter(status=DeliveryStatus.FAILED, attempts__gte=most).exists()


def gone_out(subscription: Subscription, period: tuple[date, date]) -> bool:
    """Whether the digest of `period` (its first and last days) was sent to `subscription`."""
    start, end = period
    return Delivery.objects.filter(
        subscription=subscription, period_start=start, period_end=end, status=DeliveryStatus.SENT
    ).exists()
