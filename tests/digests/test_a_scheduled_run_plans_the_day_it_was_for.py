"""Beat sends `send_due_digests` with no date at DIGEST_HOUR_UTC; the task took the day from
the worker's clock when it ran. A date tester's outside test (real Celery under libfaketime):
beat fired on Monday 21 December 2026 at 23:00, the worker, down meanwhile, ran it on Tuesday
at 00:05 and planned Tuesday: that week's weekly digest and Sunday's daily one were never
made, and no later run looked for them. A run is for the day of the latest scheduled hour;
it also makes what runs of the week before missed, for subscribers who were there then."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from negotiations.digests import planning, tasks
from negotiations.digests.models import Delivery

MONDAY = date(2026, 12, 21)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("hour", "started", "day"),
    [
        (23, "2026-12-21 23:00:00", "2026-12-21"),
        (23, "2026-12-22 00:05:00", "2026-12-21"),  # taken late, after midnight
        (23, "2026-12-22 22:00:00", "2026-12-21"),
        (6, "2026-12-22 06:00:01", "2026-12-22"),
        (0, "2026-12-21 23:59:59", "2026-12-22"),  # a worker a second behind beat
        (0, "2026-12-22 00:00:00", "2026-12-22"),
    ],
)
def test_a_run_is_for_the_day_of_the_latest_scheduled_hour(settings, hour, started, day):
    settings.DIGEST_HOUR_UTC = hour
    assert planning.run_day(at(started)) == date.fromisoformat(day)


def periods(subscription) -> list[tuple[str, str]]:
    rows = Delivery.objects.filter(subscription=subscription).order_by("period_start")
    return [(str(d.period_start), str(d.period_end)) for d in rows]


def test_a_run_taken_after_midnight_plans_the_day_before(subscribe, settings):
    settings.DIGEST_HOUR_UTC = 23
    with time_machine.travel(at("2026-12-01 12:00:00"), tick=False):
        weekly = subscribe("weekly@example.org")
        daily = subscribe("daily@example.org", frequency="daily")
    with time_machine.travel(at("2026-12-22 00:05:00"), tick=False):
        tasks.send_due_digests()
    assert ("2026-12-14", "2026-12-20") in periods(weekly)
    assert ("2026-12-20", "2026-12-20") in periods(daily)
    assert ("2026-12-21", "2026-12-21") not in periods(daily)  # Tuesday's run is to come


def test_a_run_makes_the_digests_runs_of_the_week_before_missed(subscribe, settings):
    """A worker down from Sunday to Thursday: Thursday's run makes Monday's weekly digest and
    the dailies of Monday to Thursday, but none due before a subscriber subscribed."""
    settings.DIGEST_HOUR_UTC = 6
    with time_machine.travel(at("2026-12-01 12:00:00"), tick=False):
        weekly = subscribe("weekly@example.org")
        daily = subscribe("daily@example.org", frequency="daily")
    with time_machine.travel(at("2026-12-19 07:00:00"), tick=False):  # Saturday's run ran
        tasks.send_due_digests()
    with time_machine.travel(at("2026-12-22 12:00:00"), tick=False):  # Tuesday, after 06:00
        late = subscribe("late@example.org", frequency="daily")
    with time_machine.travel(at("2026-12-24 07:00:00"), tick=False):  # Thursday
        tasks.send_due_digests()
    # Saturday's run made its own day's and the week before's (the weekly digest due on
    # Monday the 14th, the dailies due on the 12th to the 19th); Thursday's, the weekly due on
    # the 21st and the dailies due on the 20th to the 24th.
    assert periods(weekly) == [("2026-12-07", "2026-12-13"), ("2026-12-14", "2026-12-20")]
    assert [start for start, _ in periods(daily)] == [f"2026-12-{d}" for d in range(11, 24)]
    # Subscribed on Tuesday after its run: Wednesday's digest (of Tuesday) is its first.
    assert periods(late) == [("2026-12-22", "2026-12-22"), ("2026-12-23", "2026-12-23")]
    for delivery in Delivery.objects.all():
        assert delivery.status in ("sent", "skipped"), delivery


def test_a_date_given_plans_that_day_alone(subscribe, settings):
    with time_machine.travel(at("2026-12-01 12:00:00"), tick=False):
        daily = subscribe("daily@example.org", frequency="daily")
    with time_machine.travel(at("2026-12-22 12:00:00"), tick=False):
        tasks.send_due_digests("2026-12-22")
    assert periods(daily) == [("2026-12-21", "2026-12-21")]
