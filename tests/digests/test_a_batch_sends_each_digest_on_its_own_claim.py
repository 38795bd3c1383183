"""The send task works through a batch of deliveries on one mail connection, and still claims
each delivery just before sending it and marks it just after: a worker killed mid-batch
leaves at most the one delivery it was sending half-done, and a delivery that another task
claimed meanwhile is not sent twice."""

from datetime import date

import pytest

from negotiations.digests import planning, services, tasks
from negotiations.digests.models import Delivery

from .backends import WatchedBackend

MONDAY_8_FEB = "2016-02-08"


@pytest.fixture
def watched(settings):
    settings.EMAIL_BACKEND = "tests.digests.backends.WatchedBackend"
    WatchedBackend.opened, WatchedBackend.on_send = 0, None
    yield WatchedBackend
    WatchedBackend.opened, WatchedBackend.on_send = 0, None


def test_one_delivery_at_a_time_is_in_flight(geneva_2016, subscribe, watched, mailoutbox):
    for n in range(4):
        subscribe(f"reader{n}@example.org", follow=[geneva_2016])
    seen = []

    def look(message):
        # At each send, the delivery being sent is the only one `sending`; those before it
        # are marked sent already (their mark shares a commit with this one's claim).
        rows = dict(Delivery.objects.values_list("subscription__email", "status"))
        seen.append(rows)
        (to,) = message.to
        assert rows[to] == "sending"
        assert list(rows.values()).count("sending") == 1, rows

    watched.on_send = look
    tasks.send_due_digests(MONDAY_8_FEB)

    assert len(mailoutbox) == 4
    assert len(seen) == 4
    assert [list(rows.values()).count("sent") for rows in seen] == [0, 1, 2, 3]
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_a_batch_sends_on_one_connection(geneva_2016, subscribe, watched, mailoutbox):
    for n in range(3):
        subscribe(f"reader{n}@example.org", follow=[geneva_2016])

    tasks.send_due_digests(MONDAY_8_FEB)

    assert len(mailoutbox) == 3
    assert watched.opened == 1


def test_a_delivery_claimed_by_another_task_meanwhile_is_not_sent_again(
    geneva_2016, subscribe, watched, mailoutbox
):
    first = subscribe("first@example.org", follow=[geneva_2016])
    second = subscribe("second@example.org", follow=[geneva_2016])
    planning.deliveries_plan(on=date(2016, 2, 8))
    ids = list(Delivery.objects.order_by("subscription__email").values_list("pk", flat=True))
    taken = Delivery.objects.get(subscription=second)

    def another_task_claims_the_second(message):
        if message.to == [first.email]:
            assert services.delivery_claim(delivery_id=taken.pk) is not None

    watched.on_send = another_task_claims_the_second
    done = services.deliveries_send(delivery_ids=ids)

    assert [m.to for m in mailoutbox] == [[first.email]]
    assert done.outcomes["sent"] == 1
    assert done.outcomes["not_claimed"] == 1
    taken.refresh_from_db()
    assert taken.status == "sending"
    assert taken.attempts == 1
