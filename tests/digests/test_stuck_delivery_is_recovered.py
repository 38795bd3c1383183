"""A worker killed between claiming a delivery and sending it leaves the row in `sending`.
Once its lease has expired, the next sweep claims it again and sends it, once."""

from datetime import timedelta

import time_machine

from negotiations.digests import planning, services, tasks
from negotiations.digests.models import Delivery

from .conftest import noon


def test_a_delivery_left_sending_is_sent_after_its_lease(
    geneva_2016, subscribe, mailoutbox, settings
):
    settings.DIGEST_LEASE_SECONDS = 15 * 60
    subscribe(follow=[geneva_2016])
    monday = noon("2016-02-08")
    with time_machine.travel(monday, tick=False):
        (delivery,) = planning.deliveries_plan(on=monday.date())
        # A worker claims the delivery and dies before sending.
        assert services.delivery_claim(delivery_id=delivery.pk) is not None

    # Within the lease the worker might still be sending: nobody else touches the row.
    with time_machine.travel(monday + timedelta(minutes=14), tick=False):
        assert tasks.resend_unfinished() == 0
        assert tasks.send_digest.apply(args=[delivery.pk]).get() == "not_claimed"
    assert mailoutbox == []

    with time_machine.travel(monday + timedelta(minutes=16), tick=False):
        assert tasks.resend_unfinished() == 1
        assert tasks.resend_unfinished() == 0  # done: nothing left to resend
    assert len(mailoutbox) == 1
    delivery.refresh_from_db()
    assert delivery.status == "sent"
    assert delivery.attempts == 2


def test_a_stuck_delivery_out_of_attempts_is_failed(geneva_2016, subscribe, settings, mailoutbox):
    settings.DIGEST_MAX_ATTEMPTS = 1
    subscribe(follow=[geneva_2016])
    monday = noon("2016-02-08")
    with time_machine.travel(monday, tick=False):
        (delivery,) = planning.deliveries_plan(on=monday.date())
        services.delivery_claim(delivery_id=delivery.pk)
    with time_machine.travel(monday + timedelta(hours=1), tick=False):
        assert tasks.resend_unfinished() == 0

    delivery.refresh_from_db()
    assert delivery.status == "failed"
    assert "Lease expired" in delivery.last_error
    assert mailoutbox == []


def test_a_pending_delivery_whose_task_was_lost_is_sent_by_the_sweep(
    geneva_2016, subscribe, mailoutbox
):
    subscribe(follow=[geneva_2016])
    planning.deliveries_plan(on=noon("2016-02-08").date())  # rows made, tasks never enqueued

    assert tasks.resend_unfinished() == 1
    assert len(mailoutbox) == 1
    assert Delivery.objects.get().status == "sent"
