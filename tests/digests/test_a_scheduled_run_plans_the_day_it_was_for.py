"""Beat sends `send_due_digests` with no date at DIGEST_HOUR_UTC; the task took the day from
the worker's clock when it ran. A date tester's outside test (real Celery under libfaketime):
beat fired on Monday 21 December 2026 at 23:00, the worker, down meanwhile, ran it on Tuesday
at 00:05 and planned Tuesday: that week's weekly digest and Sunday's daily one were never
made, and no later run looked for them. A run is for the day of the latest scheduled hour;
it also makes the days no run planned in the week before, for subscribers who were there
then; a day some run planned is not one to make again (a review: a subscriber who changed
frequency, or came back, was sent the days before)."""

import io
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.management import call_command

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
        (6, "2026-12-22 05:58:00", "2026-12-22"),  # a worker two minutes behind beat
        # At hour 0 the same worker is still on the day before, not ended: that day's run
        # (planned already); the next run makes the missed one (days_missed).
        (0, "2026-12-21 23:59:59", "2026-12-21"),
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


def test_a_run_makes_the_days_no_run_planned(subscribe, settings):
    """A worker down from Sunday to Thursday: Thursday's run makes Monday's weekly digest and
    the dailies due on Sunday to Thursday, but none due before a subscriber subscribed."""
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
    assert periods(weekly) == [("2026-12-14", "2026-12-20")]
    assert [start for start, _ in periods(daily)] == [f"2026-12-{d}" for d in range(18, 24)]
    # Subscribed on Tuesday after its run: Wednesday's digest (of Tuesday) is its first.
    assert periods(late) == [("2026-12-22", "2026-12-22"), ("2026-12-23", "2026-12-23")]
    for delivery in Delivery.objects.all():
        assert delivery.status in ("sent", "skipped"), delivery


def test_a_subscriber_who_changed_frequency_or_came_back_gets_no_backlog(subscribe, settings):
    settings.DIGEST_HOUR_UTC = 6
    with time_machine.travel(at("2026-12-01 12:00:00"), tick=False):
        changed = subscribe("weekly@example.org")
        back = subscribe("back@example.org", frequency="daily")
    for day in range(14, 25):  # every run ran, 14 to 24 December
        with time_machine.travel(at(f"2026-12-{day} 06:30:00"), tick=False):
            tasks.send_due_digests()
        if day == 16:
            back.active = False
            back.save()
        if day == 20:
            back.active = True
            back.save()
    changed.frequency = "daily"
    changed.save()
    with time_machine.travel(at("2026-12-25 06:30:00"), tick=False):
        tasks.send_due_digests()
    weeks = [("2026-12-07", "2026-12-13"), ("2026-12-14", "2026-12-20")]  # Mondays 14, 21
    assert periods(changed) == [*weeks, ("2026-12-24", "2026-12-24")]  # then daily, no backlog
    days = [start for start, _ in periods(back)]
    assert "2026-12-17" not in days  # unsubscribed then: never made
    assert days[-1] == "2026-12-24"


def test_a_first_run_has_nothing_to_catch_up(subscribe, settings):
    """Beat started on a tracker with subscribers and no delivery yet: its own day only."""
    settings.DIGEST_HOUR_UTC = 6
    with time_machine.travel(at("2026-12-01 12:00:00"), tick=False):
        daily = subscribe("daily@example.org", frequency="daily")
    with time_machine.travel(at("2026-12-24 07:00:00"), tick=False):
        tasks.send_due_digests()
    assert periods(daily) == [("2026-12-23", "2026-12-23")]


def test_send_digests_without_a_date_plans_as_the_schedule(subscribe, settings):
    settings.DIGEST_HOUR_UTC = 23
    with time_machine.travel(at("2026-12-01 12:00:00"), tick=False):
        daily = subscribe("daily@example.org", frequency="daily")
    with time_machine.travel(at("2026-12-20 23:10:00"), tick=False):
        call_command("send_digests", stdout=io.StringIO())
    with time_machine.travel(at("2026-12-23 00:05:00"), tick=False):  # 21st and 22nd missed
        call_command("send_digests", stdout=io.StringIO())
    assert [start for start, _ in periods(daily)] == ["2026-12-19", "2026-12-20", "2026-12-21"]


def test_a_date_given_plans_that_day_alone(subscribe, settings):
    with time_machine.travel(at("2026-12-01 12:00:00"), tick=False):
        daily = subscribe("daily@example.org", frequency="daily")
    with time_machine.travel(at("2026-12-22 12:00:00"), tick=False):
        tasks.send_due_digests("2026-12-22")
    assert periods(daily) == [("2026-12-21", "2026-12-21")]


def test_a_day_planned_by_hand_hides_no_missed_day(subscribe, settings):
    """The schedule ran on the 20th, the worker was down the 21st to the 23rd, and on the
    24th someone ran `send_digests --date` by hand: the next scheduled run still makes the
    21st to the 23rd (a second review: the days after the last planned one were all that was
    looked at, and a --date run hid the gap)."""
    settings.DIGEST_HOUR_UTC = 6
    with time_machine.travel(at("2026-12-01 12:00:00"), tick=False):
        daily = subscribe("daily@example.org", frequency="daily")
    with time_machine.travel(at("2026-12-20 07:00:00"), tick=False):
        tasks.send_due_digests()
    with time_machine.travel(at("2026-12-24 09:00:00"), tick=False):
        call_command("send_digests", "--date", "2026-12-24", stdout=io.StringIO())
    with time_machine.travel(at("2026-12-25 07:00:00"), tick=False):
        tasks.send_due_digests()
    assert [start for start, _ in periods(daily)] == [f"2026-12-{d}" for d in range(19, 25)]


def test_the_demo_s_old_days_are_no_schedule_to_catch_up(subscribe, settings):
    """`send_digests --date 2016-02-08` (the README's demo) marked a day planned, and the
    first scheduled run then sent a week of dailies (a second review)."""
    settings.DIGEST_HOUR_UTC = 6
    with time_machine.travel(at("2026-12-01 12:00:00"), tick=False):
        daily = subscribe("daily@example.org", frequency="daily")
        call_command("send_digests", "--date", "2016-02-08", stdout=io.StringIO())
    with time_machine.travel(at("2026-12-24 07:00:00"), tick=False):
        tasks.send_due_digests()
    assert periods(daily) == [("2016-02-07", "2016-02-07"), ("2026-12-23", "2026-12-23")]


def test_a_run_killed_halfway_leaves_its_day_for_the_next(subscribe, settings, monkeypatch):
    """The day was marked planned before its deliveries were made: a run that died between
    them lost the rest of the day (a second review). Mark and rows go together."""
    settings.DIGEST_HOUR_UTC = 6
    with time_machine.travel(at("2026-12-01 12:00:00"), tick=False):
        first = subscribe("first@example.org", frequency="daily")
        second = subscribe("second@example.org", frequency="daily")
    with time_machine.travel(at("2026-12-20 07:00:00"), tick=False):
        tasks.send_due_digests()
    made = planning.delivery_get_or_create

    def dies_at_the_second(*, subscription, start, end):
        if subscription == second:
            raise SystemExit("killed")
        return made(subscription=subscription, start=start, end=end)

    monkeypatch.setattr(planning, "delivery_get_or_create", dies_at_the_second)
    with time_machine.travel(at("2026-12-21 07:00:00"), tick=False), pytest.raises(SystemExit):
        tasks.send_due_digests()
    monkeypatch.setattr(planning, "delivery_get_or_create", made)
    with time_machine.travel(at("2026-12-22 07:00:00"), tick=False):
        tasks.send_due_digests()
    for subscription in (first, second):
        assert ("2026-12-20", "2026-12-20") in periods(subscription), subscription


def test_an_upgrade_marks_the_days_its_deliveries_say_were_planned(subscribe, settings):
    """Migration 0006 marks the days the last week's deliveries were due, so that the first
    run after the upgrade catches up a day the downtime missed (a second review)."""
    from importlib import import_module

    from django.apps import apps

    from negotiations.digests.models import PlannedDay

    settings.DIGEST_HOUR_UTC = 6
    with time_machine.travel(at("2026-12-01 12:00:00"), tick=False):
        daily = subscribe("daily@example.org", frequency="daily")
    for day in ("2026-12-19", "2026-12-20"):  # the version before: rows, no marks
        planning.deliveries_plan(on=date.fromisoformat(day))
    planning.deliveries_plan(on=date(2016, 2, 8))  # the demo's digest: too old to mark
    migration = import_module("negotiations.digests.migrations.0006_planned_days")
    with time_machine.travel(at("2026-12-21 05:00:00"), tick=False):  # upgraded then
        migration.mark_the_days_planned(apps, None)
    assert sorted(str(d) for d in PlannedDay.objects.values_list("day", flat=True)) == [
        "2026-12-19",
        "2026-12-20",
    ]
    with time_machine.travel(at("2026-12-22 07:00:00"), tick=False):  # the 21st was missed
        tasks.send_due_digests()
    days = [start for start, _ in periods(daily)]
    assert days == ["2016-02-07", *(f"2026-12-{d}" for d in range(18, 22))]
