"""A webhook receiver learns that a pause expects the talks back "in May 2016", not on
1 May: the event in the payload carries its `expected_resumption_precision` (issue 23,
item 14)."""

from __future__ import annotations

import json
import uuid

from negotiations.webhooks import services
from tests.factories import SOURCE, opening


def test_the_payload_carries_the_month(app, actors, receiver):
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    pid = app.open_process(opening(), recorded_by="x").process_id
    app.convene_talks(pid, occurred_on="2016-04-13", sources=[SOURCE], recorded_by="x")
    app.pause_talks(
        pid,
        occurred_on="2016-04-27",
        expected_resumption_on="2016-05-01",
        expected_resumption_precision="month",
        sources=[SOURCE],
        recorded_by="x",
    )
    assert services.endpoint_deliver(endpoint_id=endpoint.pk, token=uuid.uuid4()) == "done"
    payloads = [json.loads(r.body) for r in receiver.received]
    paused = payloads[-1]["data"]
    assert paused["status_after"] == "paused"
    event = paused["event"]
    assert (event["expected_resumption_on"], event["expected_resumption_precision"]) == (
        "2016-05-01",
        "month",
    )
