"""Which digests are due when: the period a digest covers, the day a scheduled run is for, and
the delivery rows that plan them (one per subscription and period, made once)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import cast

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Min, Q

from .models import Delivery, Frequency, PlannedDay, Subscription

# How far back a scheduled run looks for days no run planned (a worker down when beat fired,
# a task the broker gave back an hour after a kill): a week, the longest period.
CATCH_UP_DAYS = 7
ONE_DAY = timedelta(days=1)
# Beat and a worker on other machines may disagree by a moment: a run begun this long before
# its hour is that hour's, but never a day after the worker's own date (that day has not
# ended: composing it would lose its last minutes).
CLOCK_SKEW = timedelta(minutes=5)


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
    monday = on - timedelta(days=on.weekday())
    # A daily period is due every day, a weekly one on Mondays: the one sent then.
    return cast(
        "tuple[date, date]", due_period(frequency, on if frequency == Frequency.DAILY else monday)
    )


def run_day(at: datetime) -> date:
    """The day a scheduled run that starts at `at` is for: the day of the latest
    DIGEST_HOUR_UTC:00 at or before it (give or take CLOCK_SKEW, and never after `at`'s own
    date). A run beat sent at 23:00 and a worker took at 00:05 planned the next day, and the
    day it was for was never sent (an outside test)."""
    moment = at.astimezone(UTC)
    ahead = moment + CLOCK_SKEW
    day = ahead.date() if ahead.hour >= settings.DIGEST_HOUR_UTC else ahead.date() - ONE_DAY
    return min(day, moment.date())


def plan_due(at: datetime) -> list[Delivery]:
    """What a scheduled run at `at` plans: the days of the week before its own that no
    scheduled run planned (`days_missed`), each for the subscriptions there when it was due,
    then its own day (`run_day`)."""
    day = run_day(at)
    planned = []
    for missed in days_missed(before=day):
        due_at = datetime.combine(missed, time(settings.DIGEST_HOUR_UTC), UTC)
        planned += plan_scheduled_day(missed, subscribed_by=due_at)
    return planned + plan_scheduled_day(day)


def days_missed(*, before: date) -> list[date]:
    """The CATCH_UP_DAYS days before `before` that no scheduled run planned, after the first
    one that did: a tracker whose schedule never ran has nothing to catch up, and a day
    planned by hand (`send_digests --date`, the demo's 2016 days) marks nothing."""
    first = PlannedDay.objects.aggregate(first=Min("day"))["first"]
    if first is None:
        return []
    window = [before - timedelta(days=n) for n in range(CATCH_UP_DAYS, 0, -1)]
    planned = set(
        PlannedDay.objects.filter(day__gte=window[0], day__lt=before).values_list("day", flat=True)
    )
    return [day for day in window if day > first and day not in planned]


def plan_scheduled_day(day: date, *, subscribed_by: datetime | None = None) -> list[Delivery]:
    """The day's deliveries, then the mark that a scheduled run planned it, in one
    transaction: a run killed halfway leaves the day unmarked, for the next to make whole (a
    review found the mark first, and the rest of the day lost)."""
    with transaction.atomic():
        planned = deliveries_plan(on=day, subscribed_by=subscribed_by)
        PlannedDay.objects.get_or_create(day=day)
    return planned


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


def deliveries_plan(*, on: date, subscribed_by: datetime | None = None) -> list[Delivery]:
    """Create the delivery rows due on `on` (once: the row is unique per period), for the
    active subscriptions (made by `subscribed_by`, when given)."""
    subscriptions = Subscription.objects.filter(active=True)
    if subscribed_by is not None:
        subscriptions = subscriptions.filter(created_at__lte=subscribed_by)
    planned = []
    for subscription in subscriptions:
        period = due_period(subscription.frequency, on)
        if period is not None:
            planned.append(
                delivery_get_or_create(subscription=subscription, start=period[0], end=period[1])
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
