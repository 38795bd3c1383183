"""One editor's slow receivers cannot keep another's deliveries waiting (an attacker's
outside test: twenty endpoints that each dripped their answer for the whole deadline held
every worker process with their retries, one Celery task each, and another editor's
receiver got its events two minutes late). Every request, a retry too, goes out on a
dispatch's bounded sending threads, the owners taking turns; a failed endpoint waits for a
later dispatch (its claim held until its retry is due), not on a worker process."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import time_machine

from negotiations.webhooks import delivery, reasons, services
from negotiations.webhooks.models import Endpoint
from tests.factories import SOURCE, logged_attempt, opening, statements, user

from . import receiver as receiver_module


def test_another_owner_s_events_go_out_beside_the_slow_ones(
    app, actors, allow_private_urls, settings
):
    """Two sending places, an attacker's four slow receivers with two events each, and an
    editor's fast one with the same two: the editor's both arrive before the attacker's
    second (each owner holds at most its share of the places; in one queue, the editor's
    first waited for two rounds of the attacker's)."""
    settings.WEBHOOK_PARALLEL_REQUESTS = 2
    attacker, editor = user("attacker", editor=True), user("editor", editor=True)
    with receiver_module.running() as slow, receiver_module.running() as fast:
        slow.delay = 0.3
        for i in range(4):
            services.endpoint_create(
                url=f"{slow.url}/{i}", processes=[], kinds=["event"], created_by=attacker
            )
        services.endpoint_create(
            url=fast.url + "/", processes=[], kinds=["event"], created_by=editor
        )
        opened = app.open_process(opening(), recorded_by="x")
        app.convene_talks(
            opened.process_id, occurred_on="2016-01-29", sources=[SOURCE], recorded_by="x"
        )

        outcomes = services.fan_out(uuid.uuid4())

        assert {outcome for outcome, _ in outcomes.values()} == {"done"}
        assert len(fast.received) == 2
        assert len(slow.received) == 8
        attacker_arrivals = sorted(r.at for r in slow.received)
        assert max(r.at for r in fast.received) < attacker_arrivals[1]


def test_each_owner_sends_within_its_share_and_in_turn():
    def run(owner: int, n: int) -> delivery.Run:
        return delivery.Run(Endpoint(created_by_id=owner, url=f"https://e/{owner}/{n}"), [])

    runs = [run(1, 0), run(1, 1), run(1, 2), run(2, 0)]
    turns = delivery.Turns(runs, places=4)  # two owners: two places each
    for r in runs:
        turns.ready(r)

    first = list(turns.due())
    assert [r.endpoint.url for r in first] == ["https://e/1/0", "https://e/2/0", "https://e/1/1"]
    assert list(turns.due()) == []  # owner 1 holds its share
    turns.done(first[0])
    assert [r.endpoint.url for r in turns.due()] == ["https://e/1/2"]


def test_a_failed_endpoint_is_held_until_its_retry_is_due_and_no_longer(
    app, actors, receiver, settings
):
    """It was held for the longest backoff and a minute (660 s), for a task of its own that
    retried it; now it is held for its wait only, and a dispatch before that leaves it."""
    settings.WEBHOOK_RETRY_BACKOFF, settings.WEBHOOK_RETRY_BACKOFF_MAX = 1, 600
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    app.open_process(opening(), recorded_by="x")
    receiver.fail_next = 1
    start = datetime.now(UTC)

    with time_machine.travel(start, tick=False):
        outcome, _ = services.fan_out(uuid.uuid4())[str(endpoint.pk)]
        endpoint.refresh_from_db()
        assert outcome == "failed"
        assert endpoint.claimed_until == start + timedelta(seconds=1)  # its first failure
        assert services.fan_out(uuid.uuid4()) == {}  # not due: left alone
    with time_machine.travel(start + timedelta(seconds=1, milliseconds=1), tick=False):
        assert services.endpoints_behind() == [str(endpoint.pk)]
        assert services.fan_out(uuid.uuid4())[str(endpoint.pk)][0] == "done"
    assert receiver.answered == [500, 204]


def test_the_wait_doubles_with_the_failures_in_a_row_within_its_bounds(
    app, actors, receiver, settings
):
    settings.WEBHOOK_RETRY_BACKOFF, settings.WEBHOOK_RETRY_BACKOFF_MAX = 1, 600
    waits = {n: [delivery.retry_wait(n) for _ in range(200)] for n in (1, 4, 20)}
    assert all(w == timedelta(seconds=1) for w in waits[1])
    assert all(timedelta(seconds=1) <= w <= timedelta(seconds=8) for w in waits[4])
    assert max(waits[4]) > timedelta(seconds=4)  # drawn, not the least every time
    assert all(w <= timedelta(seconds=600) for w in waits[20])
    # Failures in a row: those logged since the last success, of any kind (one of ours,
    # which starts no failing time, was tried at every dispatch: a review), and this one.
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    t = datetime.now(UTC)
    for seconds, ok, error in ((1, False, "x"), (2, True, ""), (3, False, reasons.INTERNAL)):
        logged_attempt(endpoint, attempted_at=t + timedelta(seconds=seconds), ok=ok, error=error)
    assert delivery.failures_in_a_row(endpoint, None) == 2
    # Those since it began failing, when it has (a success or a redelivery starts it again).
    assert delivery.failures_in_a_row(endpoint, t + timedelta(seconds=2.5)) == 2
    assert delivery.failures_in_a_row(endpoint, t + timedelta(seconds=4)) == 1


def test_a_redelivery_s_first_failure_waits_the_least(app, actors, receiver, settings):
    """Redelivered after ten failures, its first failure waited as their eleventh (three
    minutes: an attacker's test); the redelivery starts it again."""
    settings.WEBHOOK_RETRY_BACKOFF, settings.WEBHOOK_RETRY_BACKOFF_MAX = 1, 600
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    app.open_process(opening(), recorded_by="x")
    t = datetime.now(UTC)
    for n in range(10):
        logged_attempt(endpoint, attempted_at=t - timedelta(minutes=30 - n), ok=False, error="x")
    services.endpoint_redeliver(endpoint=endpoint, from_position=1)
    receiver.fail_next = 1

    with time_machine.travel(t, tick=False):
        outcome, _ = services.fan_out(uuid.uuid4())[str(endpoint.pk)]
    endpoint.refresh_from_db()

    assert outcome == "failed"
    assert endpoint.claimed_until == t + timedelta(seconds=1)


def test_a_failure_after_a_success_in_the_same_run_is_the_first_in_a_row(
    app, actors, receiver, settings
):
    """The log is written after the run: read then, it counted the failures before this
    run's success, and the endpoint waited as if it had never stopped failing (a review)."""
    settings.WEBHOOK_RETRY_BACKOFF, settings.WEBHOOK_RETRY_BACKOFF_MAX = 1, 600
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    t = datetime.now(UTC)
    for n in range(5):
        logged_attempt(endpoint, attempted_at=t - timedelta(minutes=10 - n), ok=False, error="x")
    opened = app.open_process(opening(), recorded_by="x")
    app.convene_talks(
        opened.process_id, occurred_on="2016-01-29", sources=[SOURCE], recorded_by="x"
    )
    answers = iter([204, 500])
    receiver.answer = lambda: next(answers)  # the first event goes through, the second fails

    with time_machine.travel(t, tick=False):
        outcome, _ = services.fan_out(uuid.uuid4())[str(endpoint.pk)]
    endpoint.refresh_from_db()

    assert outcome == "failed"
    assert receiver.answered == [204, 500]
    assert endpoint.claimed_until == t + timedelta(seconds=1)  # not up to 32 s


def test_a_run_out_of_its_time_lets_go_at_the_last_event_acknowledged(
    app, actors, receiver, settings
):
    """Receivers slow but answering never failed, so never waited: their run held a worker
    process for as long as they had events behind, and every other dispatch waited behind it
    (an attacker's outside test: tens of minutes). A run sends for WEBHOOK_RUN_SECONDS at the
    most, then lets go of each endpoint at its last event acknowledged; the next run goes on
    from there: none skipped, none sent twice, in store order."""
    settings.WEBHOOK_RUN_SECONDS = 0.5
    receiver.delay = 0.3
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    opened = app.open_process(opening(), recorded_by="x")
    statements(app, opened.process_id, "2016-01-29", "2016-02-01", "2016-02-03")

    outcome, _ = services.fan_out(uuid.uuid4())[str(endpoint.pk)]
    endpoint.refresh_from_db()

    assert outcome == "paused"
    sent = [r.payload["data"]["position"] for r in receiver.received]
    assert 1 <= len(sent) < 4
    assert endpoint.position == sent[-1]
    assert (endpoint.claim_token, endpoint.claimed_until) == (None, None)
    while services.fan_out(uuid.uuid4()).get(str(endpoint.pk), ("done",))[0] == "paused":
        pass
    positions = [r.payload["data"]["position"] for r in receiver.received]
    assert positions == sorted(set(positions))  # in order, none twice
    assert len(positions) == 4  # the opening and the three statements


def test_failures_in_a_row_count_the_first_failed_attempt(app, actors, receiver, settings):
    """Its failing time began after the attempt (when the answer came): the first failed
    attempt was not counted, and the waits grew one failure late (a review)."""
    settings.WEBHOOK_RETRY_BACKOFF, settings.WEBHOOK_RETRY_BACKOFF_MAX = 1, 600
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    app.open_process(opening(), recorded_by="x")
    receiver.fail_next, receiver.delay = 2, 0.05  # an answer takes a moment

    assert services.fan_out(uuid.uuid4())[str(endpoint.pk)][0] == "failed"
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=1)):  # its wait is over
        assert services.fan_out(uuid.uuid4())[str(endpoint.pk)][0] == "failed"
    endpoint.refresh_from_db()

    assert delivery.failures_in_a_row(endpoint, endpoint.failing_since) == 3  # two, and one


def test_the_places_in_flight_are_never_more_than_the_places():
    """Each owner's share is rounded up: with more owners than places their requests went
    to the threads all at once, waited in their queue and began past the run's time."""

    def run(owner: int) -> delivery.Run:
        return delivery.Run(Endpoint(created_by_id=owner, url=f"https://e/{owner}"), [])

    runs = [run(1), run(2), run(3)]
    turns = delivery.Turns(runs, places=2)
    for r in runs:
        turns.ready(r)

    first = list(turns.due())
    assert len(first) == 2
    turns.done(first[0])
    assert len(list(turns.due())) == 1


def test_a_run_over_its_time_before_it_began_still_sends(app, actors, receiver, settings):
    """A run that took its time to read its events paused every endpoint unsent, and queued
    the next to do the same (a review): the first requests go whatever the time."""
    settings.WEBHOOK_RUN_SECONDS = 0.000001
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    opened = app.open_process(opening(), recorded_by="x")
    app.convene_talks(
        opened.process_id, occurred_on="2016-01-29", sources=[SOURCE], recorded_by="x"
    )

    outcome, _ = services.fan_out(uuid.uuid4())[str(endpoint.pk)]

    assert receiver.received  # it sent
    assert outcome in ("paused", "done")


def test_the_endpoints_served_least_lately_go_first(app, actors, receiver, settings):
    """Within one owner's share the same endpoints went first every run, and with slow
    receivers the others never had a turn (a review)."""
    settings.WEBHOOK_PARALLEL_REQUESTS = 1
    t = datetime.now(UTC)
    recent = services.endpoint_create(url=receiver.url + "/recent", processes=[], kinds=["event"])
    old = services.endpoint_create(url=receiver.url + "/old", processes=[], kinds=["event"])
    Endpoint.objects.filter(pk=recent.pk).update(last_success_at=t)
    Endpoint.objects.filter(pk=old.pk).update(last_success_at=t - timedelta(hours=1))
    app.open_process(opening(), recorded_by="x")

    services.fan_out(uuid.uuid4())

    assert [r.path for r in receiver.received] == ["/old", "/recent"]


def test_deliver_webhooks_once_goes_on_while_runs_are_paused(app, actors, receiver, settings):
    """`--once` ended after one run's time with events still to send (a review)."""
    import io

    from django.core.management import call_command

    settings.WEBHOOK_RUN_SECONDS = 0.000001
    services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    opened = app.open_process(opening(), recorded_by="x")
    statements(app, opened.process_id, "2016-01-29", "2016-02-01")

    call_command("deliver_webhooks", "--once", stdout=io.StringIO())

    positions = [r.payload["data"]["position"] for r in receiver.received]
    assert len(positions) == 3  # the opening and the two statements, in order, once each
    assert positions == sorted(set(positions))
