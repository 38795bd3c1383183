"""A delivery run holds each endpoint it took until it is done with it, however long the
endpoint waits: for a sending thread behind slow receivers, or for the rest of its batch. A
claim was renewed only when its endpoint acknowledged an event, so one queued behind others
for longer than WEBHOOK_LEASE_SECONDS lost it while the run still meant to send to it, and
the next dispatch (beat's, every few seconds) took it and sent the same events beside it."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from django.db import connections

from negotiations.webhooks import services
from tests.factories import opening
from tests.webhooks.test_endpoints_are_delivered_in_parallel_each_in_order import (
    Overlaps,
    record,
    serve,
)


@pytest.mark.django_db(transaction=True)
def test_an_endpoint_waiting_for_a_sending_thread_stays_claimed(app, actors, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True  # the receiver listens on loopback
    settings.WEBHOOK_PARALLEL_REQUESTS = 1  # one request at a time: the others queue
    settings.WEBHOOK_CONNECT_SECONDS = 1
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    settings.WEBHOOK_LEASE_SECONDS = 5  # renewed every 5/3 s: room for a busy machine
    seen = Overlaps(hold=0.9)  # within the 2 s deadline, each
    server = serve(seen)
    seen.url = f"http://127.0.0.1:{server.server_address[1]}"
    opened = app.open_process(opening(), recorded_by="x")
    # Seven endpoints, one event each: the last one's request starts 5.4 s after the claim,
    # past the 5 s lease.
    for i in range(7):
        services.endpoint_create(url=f"{seen.url}/{i}", processes=[], kinds=["event"])
    record(app, opened.process_id, 1)
    outcomes: dict = {}

    def run() -> None:
        try:
            outcomes.update(services.fan_out(uuid.uuid4()))
        finally:
            connections.close_all()

    runner = threading.Thread(target=run)
    runner.start()
    taken_meanwhile: list[str] = []
    try:
        while runner.is_alive() and not seen.most_at_once:  # the run has claimed them
            time.sleep(0.01)
        while runner.is_alive():
            # What the next dispatch would take: endpoints behind that no run holds.
            taken_meanwhile += [e for e in services.endpoints_behind() if runner.is_alive()]
            time.sleep(0.1)
    finally:
        runner.join(30)
        server.shutdown()
        server.server_close()

    assert {o for o, _ in outcomes.values()} == {"done"}
    assert sum(len(p) for p in seen.positions.values()) == 7  # each endpoint once
    assert taken_meanwhile == [], "endpoints another run could take while this one held them"


def test_an_endpoint_taken_by_another_run_between_batches_is_left_to_it(
    app, actors, receiver, monkeypatch
):
    """A run takes its endpoints again before each next batch of the store: one that another
    run (a redelivery, a dispatch after the lease) took meanwhile is left to that run, and
    gets nothing more from this one."""
    from datetime import timedelta

    from negotiations.webhooks import delivery
    from negotiations.webhooks.models import Endpoint

    monkeypatch.setattr(delivery, "BATCH", 2)  # the store read two events at a time
    kept = services.endpoint_create(url=receiver.url + "/kept", processes=[], kinds=["event"])
    taken = services.endpoint_create(url=receiver.url + "/taken", processes=[], kinds=["event"])
    opened = app.open_process(opening(), recorded_by="x")
    for day in (1, 2, 3):
        record(app, opened.process_id, day)  # four events: two batches of two
    other = uuid.uuid4()
    settle = delivery._settle

    def settled_then_taken(runs, through, outcomes):
        finished = settle(runs, through, outcomes)
        if through == 2:  # the first batch is written: another run takes one endpoint
            Endpoint.objects.filter(pk=taken.pk).update(
                claim_token=other, claimed_until=delivery.now() + timedelta(minutes=5)
            )
        return finished

    monkeypatch.setattr(delivery, "_settle", settled_then_taken)

    outcomes = services.fan_out(uuid.uuid4())

    positions = {
        p: [r.payload["data"]["position"] for r in receiver.at(p)] for p in ("/kept", "/taken")
    }
    assert positions == {"/kept": [1, 2, 3, 4], "/taken": [1, 2]}
    assert outcomes[str(kept.pk)] == ("done", "")
    taken.refresh_from_db()
    assert (taken.position, taken.claim_token) == (2, other)  # the other run's, untouched
