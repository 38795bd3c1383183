"""A dropped SMTP connection is retried; when the attempts run out the delivery is failed
with the error, and nothing is sent twice."""

from datetime import date

import pytest
from celery.utils.time import get_exponential_backoff_interval

from negotiations.digests import planning, services, tasks
from negotiations.digests.models import Delivery

from .backends import FlakyBackend


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.digests.backends.FlakyBackend"
    FlakyBackend.calls = 0
    yield FlakyBackend
    FlakyBackend.failures, FlakyBackend.calls = 1, 0


def test_a_failure_then_a_success_sends_one_email(geneva_2016, subscribe, flaky, mailoutbox):
    flaky.failures = 1
    subscribe(follow=[geneva_2016])

    tasks.send_due_digests("2016-02-08")

    assert flaky.calls == 2
    assert len(mailoutbox) == 1
    delivery = Delivery.objects.get()
    assert delivery.status == "sent"
    assert delivery.attempts == 2
    assert delivery.last_error == ""


def test_out_of_attempts_the_delivery_is_failed_with_the_error(
    geneva_2016, subscribe, flaky, mailoutbox, settings
):
    settings.DIGEST_MAX_ATTEMPTS = 3
    flaky.failures = 100
    subscribe(follow=[geneva_2016])
    other = subscribe("other@example.org", follow=[geneva_2016])

    tasks.send_due_digests("2016-02-08")  # does not raise: the next deliveries still go

    assert mailoutbox == []
    assert flaky.calls == 6  # three attempts for each of the two
    for delivery in Delivery.objects.all():
        assert delivery.status == "failed"
        assert delivery.attempts == 3
        assert delivery.last_error == ("SMTPServerDisconnected: Connection unexpectedly closed")
    # A failed delivery out of attempts is not claimed again.
    assert services.delivery_claim(delivery_id=Delivery.objects.get(subscription=other).pk) is None


def test_a_worker_retries_with_backoff_doubling_up_to_the_lease(settings):
    # Celery computes each countdown from the task's options (then draws it at random below
    # that ceiling: full jitter): 1, 2, 4 ... times DIGEST_RETRY_BACKOFF_SECONDS, at most the
    # lease, so a retry always comes before the sweep would take the delivery over.
    task = tasks.send_digest
    assert task.autoretry_for == (services.SendFailed,)
    assert task.retry_jitter
    ceilings = [
        get_exponential_backoff_interval(
            task.retry_backoff, retries, task.retry_backoff_max, full_jitter=False
        )
        for retries in range(6)
    ]
    assert (settings.DIGEST_RETRY_BACKOFF_SECONDS, settings.DIGEST_LEASE_SECONDS) == (60, 900)
    assert ceilings == [60, 120, 240, 480, 900, 900]


def test_the_period_of_a_delivery_due_on_a_date():
    monday = date(2016, 2, 8)
    assert planning.due_period("weekly", monday) == (date(2016, 2, 1), date(2016, 2, 7))
    assert planning.due_period("weekly", date(2016, 2, 9)) is None
    assert planning.due_period("daily", monday) == (date(2016, 2, 7), date(2016, 2, 7))
