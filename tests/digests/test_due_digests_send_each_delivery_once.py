"""Each subscription gets one digest per period, however often the schedule fires and
however many send tasks race for one delivery."""

import threading
from datetime import date

import pytest
from django.core import mail
from django.db import connections

from negotiations.digests import tasks
from negotiations.digests.models import Delivery

MONDAY_8_FEB = "2016-02-08"


def test_the_schedule_firing_twice_sends_one_digest(geneva_2016, subscribe, mailoutbox):
    weekly = subscribe("weekly@example.org", follow=[geneva_2016])
    daily = subscribe("daily@example.org", follow=[geneva_2016], frequency="daily")

    tasks.send_due_digests(MONDAY_8_FEB)
    tasks.send_due_digests(MONDAY_8_FEB)

    # The weekly digest covers Monday 1 to Sunday 7 February, and went out once.
    (email,) = mailoutbox
    assert email.to == ["weekly@example.org"]
    weekly_delivery = Delivery.objects.get(subscription=weekly)
    assert (weekly_delivery.period_start, weekly_delivery.period_end) == (
        date(2016, 2, 1),
        date(2016, 2, 7),
    )
    assert weekly_delivery.status == "sent"
    assert weekly_delivery.attempts == 1
    assert weekly_delivery.message_id == email.extra_headers["Message-ID"]
    # The daily one covers Sunday 7 February, when nothing was recorded: skipped, once.
    daily_delivery = Delivery.objects.get(subscription=daily)
    assert (daily_delivery.period_start, daily_delivery.status) == (date(2016, 2, 7), "skipped")
    assert daily_delivery.attempts == 1
    assert Delivery.objects.count() == 2


def test_weekly_digests_go_out_on_mondays_only(geneva_2016, subscribe, mailoutbox):
    subscribe(follow=[geneva_2016])

    tasks.send_due_digests("2016-02-09")  # a Tuesday

    assert mailoutbox == []
    assert not Delivery.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_send_tasks_racing_for_one_delivery_send_one_email(geneva_2016, subscribe):
    subscribe(follow=[geneva_2016])
    from negotiations.digests import planning

    (delivery,) = planning.deliveries_plan(on=date(2016, 2, 8))
    mail.outbox = []
    start = threading.Barrier(4)
    outcomes = []

    def send():
        try:
            start.wait(timeout=10)
            outcomes.append(tasks.send_digest.apply(args=[delivery.pk]).get())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert sorted(outcomes) == ["not_claimed", "not_claimed", "not_claimed", "sent"]
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert delivery.status == "sent"
    assert delivery.attempts == 1
