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
