"""One dispatch delivers to every endpoint that is behind at once: requests to different
endpoints overlap (up to WEBHOOK_PARALLEL_REQUESTS), while each endpoint gets one request at a
time, in store order; the database work does not grow with the endpoints (the claim and the
endpoints in one UPDATE ... RETURNING, one read of the events, one UPDATE of the positions,
one INSERT of the attempts), and the HTTP
connections outlive a run (one sender per worker process)."""

from __future__ import annotations

import threading
import time
import uuid
from http.server import ThreadingHTTPServer

import pytest

from bench.loopback import QuietHandler, serve_in_a_thread
from negotiations.webhooks import services
from negotiations.webhooks.models import Attempt, Endpoint
from tests.factories import SOURCE, opening


class Overlaps:
    """A receiver that holds each request a moment and notes what was in flight meanwhile."""

    def __init__(self, hold: float) -> None:
        self.hold = hold
        self.lock = threading.Lock()
        self.in_flight: dict[str, int] = {}
        self.most_at_once = 0
        self.most_per_path = 0
        self.positions: dict[str, list[int]] = {}
        self.connections: set[int] = set()
        self.url = ""


def serve(seen: Overlaps) -> ThreadingHTTPServer:
    import json

    class Handler(QuietHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: a connection can carry several requests

        def do_POST(self):  # noqa: N802 - the http.server API
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with seen.lock:
                seen.connections.add(self.client_address[1])
                seen.in_flight[self.path] = seen.in_flight.get(self.path, 0) + 1
                seen.most_per_path = max(seen.most_per_path, seen.in_flight[self.path])
                seen.most_at_once = max(seen.most_at_once, sum(seen.in_flight.values()))
            time.sleep(seen.hold)
            with seen.lock:
                seen.in_flight[self.path] -= 1
                seen.positions.setdefault(self.path, []).append(body["data"]["position"])
            self.answer_empty(204)

    return serve_in_a_thread(Handler)


@pytest.fixture
def overlaps(allow_private_urls):
    seen = Overlaps(hold=0.1)
    server = serve(seen)
    seen.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield seen
    server.shutdown()
    server.server_close()


def record(app, process_id, day: int) -> None:
    app.record_event(
        process_id,
        event_type="statement_made",
        body={
            "occurred_on": f"2016-02-{day:02d}",
            "actor": "turkey",
            "stance": "critical",
            "summary": "No point.",
            "sources": [SOURCE],
        },
        recorded_by="x",
    )


def test_endpoints_overlap_and_each_gets_its_events_one_at_a_time_in_order(
    app, actors, overlaps, settings, django_assert_max_num_queries
):
    settings.WEBHOOK_PARALLEL_REQUESTS = 4
    opened = app.open_process(opening(), recorded_by="x")
    for i in range(8):
        services.endpoint_create(url=f"{overlaps.url}/{i}", processes=[], kinds=["event"])
    for day in (1, 2, 3):
        record(app, opened.process_id, day)
    head = services.store_head()
    outcomes = services.fan_out(uuid.uuid4())
    assert {o for o, _ in outcomes.values()} == {"done"}
    assert overlaps.most_per_path == 1  # never two requests at once to one endpoint
    assert overlaps.most_at_once == 4  # but as many endpoints at once as allowed
    wanted = list(range(head - 2, head + 1))
    assert all(overlaps.positions[f"/{i}"] == wanted for i in range(8))  # store order
    assert set(Endpoint.objects.values_list("position", flat=True)) == {head}
    assert Attempt.objects.filter(ok=True).count() == 24

    # The database work of a run does not grow with the endpoints: a new event to all 8
    # costs the same few queries as to one (positions written after each acknowledged
    # event, before the next, only for endpoints with several events to receive).
    record(app, opened.process_id, 4)
    with django_assert_max_num_queries(7):
        assert len(services.fan_out(uuid.uuid4())) == 8


def test_connections_outlive_a_delivery_run(app, actors, overlaps):
    opened = app.open_process(opening(), recorded_by="x")
    services.endpoint_create(url=f"{overlaps.url}/0", processes=[], kinds=["event"])
    for day in (1, 2, 3):
        record(app, opened.process_id, day)
        services.fan_out(uuid.uuid4())
    assert len(overlaps.positions["/0"]) == 3
    assert len(overlaps.connections) == 1  # three runs, one connection
