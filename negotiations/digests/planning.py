"""Which digests are due when: the period a digest covers, the day a scheduled run is for, and
the delivery rows that plan them (one per subscription and period, made once)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Max, Q

from .models import Delivery, Frequency, PlannedDay, Subscription

# How far back a scheduled run looks for days no run planned (a worker down when beat fired,
# a task the broker gave back an hour after a kill): a week, the longest period.
CATCH_UP_DAYS = 7


def due_period(frequency: str, on: date) -> tuple[date, date] | None:
    """The period a digest sent on `on` covers: yesterday for a daily one; for a weekly one,
    sent on Mondays, the Monday to Sunday before. None when none is due that day."""
    if frequency == Frequency.DAILY:
        return on - timedelta(days=1), on - timedelta(days=1)
    if frequency == Frequency.WEEKLY and on.weekday() == 0:
        return on - timedelta(days=7), on - timedelta(days=1)
    return None


def latest_period(frequency: str, on: date) -> tuple[date, date]:
    """The last complete period before `on` (the admin's "send now" and preview): yesterday,
    or the last Monday-to-Sunday week, the period the schedule sends (the seven days before a
    Wednesday were sent by it again the next Monday: an outside test)."""
    if frequency == Frequency.DAILY:
        return on - timedelta(days=1), on - timedelta(days=1)
    monday = on - timedelta(days=on.weekday())
    return monday - timedelta(days=7), monday - timedelta(days=1)


def run_day(at: datetime) -> date:
    """The day a scheduled run that starts at `at` is for: the day of the latest
    DIGEST_HOUR_UTC:00 at or before it. A run beat sent at 23:00 and a worker took at 00:05
    planned the next day, and the day it was for was never sent (an outside test). A run
    that starts before its hour (a worker's clock behind beat's) is the day before's, which
    is planned already: its own day is made by the next run, late but not lost."""
    moment = at.astimezone(UTC)
    if moment.hour >= settings.DIGEST_HOUR_UTC:
        return moment.date()
    return moment.date() - timedelta(days=1)


def plan_due(at: datetime) -> list[Delivery]:
    """What a scheduled run at `at` plans: the days since the last one planned that no run
    did (`deliveries_plan_missed`), then its own (`run_day`)."""
    day = run_day(at)
    return deliveries_plan_missed(before=day) + deliveries_plan(on=day)


def delivery_get_or_create(*, subscription: Subscription, start: date, end: date) -> Delivery:
    try:
        with transaction.atomic():
            delivery, _ = Delivery.objects.get_or_create(
                subscription=subscription, period_start=start, period_end=end
            )
    except IntegrityError:  # another planner created it between our get and our insert
        delivery = Delivery.objects.get(
            subscription=subscription, period_start=start, period_end=end
        )
    return delivery


def deliveries_plan(*, on: date) -> list[Delivery]:
    """Create the delivery rows due on `on` (once: the row is unique per period), and say the
    day planned."""
    PlannedDay.objects.get_or_create(day=on)
    planned = []
    for subscription in Subscription.objects.filter(active=True):
        period = due_period(subscription.frequency, on)
        if period is not None:
            planned.append(
                delivery_get_or_create(subscription=subscription, start=period[0], end=period[1])
            )
    return planned


def deliveries_plan_missed(*, before: date) -> list[Delivery]:
    """Plan the days after the last day a run planned and before `before` (CATCH_UP_DAYS at
    the most), for the subscriptions there when each day's run was due: a digest is sent
    late, never lost. A day some run planned is never made again (a subscriber who changed
    frequency or came back is not sent the days before: a review); a tracker whose runs never
    ran has nothing to catch up."""
    last = PlannedDay.objects.aggregate(last=Max("day"))["last"]
    if last is None:
        return []
    first = max(last + timedelta(days=1), before - timedelta(days=CATCH_UP_DAYS))
    planned = []
    for days_after in range((before - first).days):
        day = first + timedelta(days=days_after)
        due_at = datetime.combine(day, time(settings.DIGEST_HOUR_UTC), UTC)
        PlannedDay.objects.get_or_create(day=day)
        for subscription in Subscription.objects.filter(active=True, created_at__lte=due_at):
            period = due_period(subscription.frequency, day)
            if period is not None:
                planned.append(
                    delivery_get_or_create(
                        subscription=subscription, start=period[0], end=period[1]
                    )
                )
    return planned


def deliveries_due(*, on: date) -> models.QuerySet[Delivery]:
    """The rows `deliveries_plan` makes for `on`: each active subscription's due period."""
    match = Q(pk__in=[])
    for frequency, period in ((f, due_period(f, on)) for f in Frequency):
        if period is not None:
            match |= Q(
                subscription__frequency=frequency, period_start=period[0], period_end=period[1]
            )
    return Delivery.objects.filter(match, subscription__active=True)
