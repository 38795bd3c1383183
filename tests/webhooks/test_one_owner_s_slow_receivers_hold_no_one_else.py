"""One editor's slow receivers cannot keep another's deliveries waiting (an attacker's
outside test: twenty endpoints that each dripped their answer for the whole deadline held
every worker process with their retries, one Celery task each, and another editor's
receiver got its events two minutes late). Every request, a retry too, goes out on a
dispatch's bounded sending threads, the owners taking turns; a failed endpoint waits for a
later dispatch (its claim held until its retry is due), not on a worker process."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

from negotiations.webhooks import delivery, services
from negotiations.webhooks.models import Endpoint
from tests.factories import opening, user

from . import receiver as receiver_module


def test_another_owner_s_endpoint_is_sent_to_in_the_first_turn(
    app, actors, allow_private_urls, settings
):
    settings.WEBHOOK_PARALLEL_REQUESTS = 2
    attacker, editor = user("attacker", editor=True), user("editor", editor=True)
    with receiver_module.running() as slow, receiver_module.running() as fast:
        slow.delay = 1.0
        for i in range(6):
            services.endpoint_create(
                url=f"{slow.url}/{i}", processes=[], kinds=["event"], created_by=attacker
            )
        services.endpoint_create(
            url=fast.url + "/", processes=[], kinds=["event"], created_by=editor
        )
        app.open_process(opening(), recorded_by="x")

        started = time.time()
        outcomes = services.fan_out(uuid.uuid4())

        assert set(o for o, _ in outcomes.values()) == {"done"}
        (got,) = fast.received
        # In the first turn, beside one slow request: not after three rounds of two.
        assert got.at - started < 1.5, got.at - started
        assert len(slow.received) == 6


def test_the_owners_take_turns():
    def run(owner: int, n: int) -> delivery.Run:
        return delivery.Run(Endpoint(created_by_id=owner, url=f"https://e/{owner}/{n}"), [])

    runs = [run(1, 0), run(1, 1), run(1, 2), run(2, 0), run(3, 0), run(3, 1)]

    assert [
        (r.endpoint.created_by_id, r.endpoint.url[-1]) for r in delivery.by_owner_in_turn(runs)
    ] == [(1, "0"), (2, "0"), (3, "0"), (1, "1"), (3, "1"), (1, "2")]


def test_a_failed_endpoint_is_held_until_its_retry_is_due_and_no_longer(
    app, actors, receiver, settings
):
    """It was held for the longest backoff and a minute (660 s), for a task of its own that
    retried it; a dispatch takes it up now, once its wait has passed."""
    settings.WEBHOOK_RETRY_BACKOFF, settings.WEBHOOK_RETRY_BACKOFF_MAX = 1, 600
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    app.open_process(opening(), recorded_by="x")
    receiver.fail_next = 1

    outcome, _ = services.fan_out(uuid.uuid4())[str(endpoint.pk)]
    endpoint.refresh_from_db()

    assert outcome == "failed"
    assert endpoint.claimed_until - datetime.now(UTC) <= timedelta(seconds=1)
    time.sleep(max(0.0, (endpoint.claimed_until - datetime.now(UTC)).total_seconds()) + 0.05)
    assert services.endpoints_behind() == [str(endpoint.pk)]
    assert services.fan_out(uuid.uuid4())[str(endpoint.pk)][0] == "done"


def test_the_wait_grows_with_the_failing_time_within_its_bounds(settings):
    settings.WEBHOOK_RETRY_BACKOFF, settings.WEBHOOK_RETRY_BACKOFF_MAX = 1, 600
    t = datetime.now(UTC)
    waits = {
        failing: [delivery.retry_wait(t - timedelta(seconds=failing), t) for _ in range(200)]
        for failing in (0, 10, 7200)
    }
    assert all(w == timedelta(seconds=1) for w in waits[0])
    assert all(timedelta(seconds=1) <= w <= timedelta(seconds=10) for w in waits[10])
    assert max(waits[10]) > timedelta(seconds=5)  # drawn, not the least every time
    assert all(w <= timedelta(seconds=600) for w in waits[7200])
    assert delivery.retry_wait(None, t) == timedelta(seconds=1)  # a failure of ours
