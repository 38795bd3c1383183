"""Which digests are due when: the period a digest covers, the day a scheduled run is for, and
the delivery rows that plan them (one per subscription and period, made once)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef, Q

from .models import Delivery, Frequency, Subscription

# Beat and a worker on other machines may disagree by a moment: a run begun this long before
# the hour is that hour's (with DIGEST_HOUR_UTC=0, a worker a second behind beat ran Monday's
# plan again at 23:59:59 and never Tuesday's).
CLOCK_SKEW = timedelta(minutes=5)
# How far back a scheduled run looks for due digests no run planned (a worker down when beat
# fired, a task given back by the broker an hour later): a week, the longest period.
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
    DIGEST_HOUR_UTC:00 at or before it (give or take CLOCK_SKEW). A run beat sent at 23:00
    and a worker took at 00:05 planned the next day, and the day it was for was never sent."""
    moment = at.astimezone(UTC) + CLOCK_SKEW
    if moment.hour >= settings.DIGEST_HOUR_UTC:
        return moment.date()
    return moment.date() - timedelta(days=1)


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
    """Create the delivery rows due on `on` (once: the row is unique per period)."""
    planned = []
    for subscription in Subscription.objects.filter(active=True):
        period = due_period(subscription.frequency, on)
        if period is not None:
            planned.append(
                delivery_get_or_create(subscription=subscription, start=period[0], end=period[1])
            )
    return planned


def deliveries_plan_missed(*, before: date) -> list[Delivery]:
    """Create the rows due on the CATCH_UP_DAYS days before `before` that no run made, for the
    subscriptions that existed when that day's run was due: a digest is sent late, never
    lost, and nobody gets one from before they subscribed."""
    planned = []
    for days_back in range(CATCH_UP_DAYS, 0, -1):
        day = before - timedelta(days=days_back)
        due_at = datetime.combine(day, time(settings.DIGEST_HOUR_UTC), UTC)
        for frequency in Frequency:
            period = due_period(frequency, day)
            if period is None:
                continue
            made = Delivery.objects.filter(
                subscription=OuterRef("pk"), period_start=period[0], period_end=period[1]
            )
            missing = Subscription.objects.filter(
                ~Exists(made), active=True, frequency=frequency, created_at__lte=due_at
            )
            planned += [
                delivery_get_or_create(subscription=s, start=period[0], end=period[1])
                for s in missing
            ]
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
