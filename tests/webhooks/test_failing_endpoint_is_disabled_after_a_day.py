"""An endpoint that fails for a whole day is disabled (and says why); redelivery from a
position enables it again and sends from there, through the API and the admin."""

import uuid
from datetime import UTC, datetime, timedelta

import time_machine

from negotiations.webhooks import services
from negotiations.webhooks.models import Endpoint
from tests.factories import SOURCE, opening

from .receiver import verify


def attempt(endpoint, token=None) -> str:
    try:
        return services.endpoint_deliver(endpoint_id=endpoint.pk, token=token or uuid.uuid4())
    except services.DeliveryFailed:
        return "failed"


def test_a_day_of_failures_disables_the_endpoint(app, actors, receiver, caplog):
    opened = app.open_process(opening(), recorded_by="x")
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    app.convene_talks(
        opened.process_id, occurred_on="2016-01-29", sources=[SOURCE], recorded_by="x"
    )
    receiver.fail_next = 1000
    start = datetime.now(UTC)
    run = uuid.uuid4()  # the task's retries, with backoff, all carry their run's token
    with time_machine.travel(start, tick=False):
        assert attempt(endpoint, run) == "failed"
    with time_machine.travel(start + timedelta(hours=23, minutes=59), tick=False):
        assert attempt(endpoint, run) == "failed"
    endpoint.refresh_from_db()
    assert endpoint.active
    assert "disabled" not in caplog.text
    with time_machine.travel(start + timedelta(days=1, minutes=1), tick=False):
        assert attempt(endpoint, run) == "disabled"
    # The operator's log says so (a feed reader's outside test found no line of it).
    (said,) = [r for r in caplog.records if "disabled" in r.getMessage()]
    assert said.levelname == "WARNING"
    assert f"Webhook endpoint {endpoint.pk} (127.0.0.1) disabled" in said.getMessage()
    assert "last: HTTP 500" in said.getMessage()
    endpoint.refresh_from_db()
    assert not endpoint.active
    assert endpoint.disabled_at is not None
    assert "HTTP 500" in endpoint.disabled_reason
    assert attempt(endpoint) == "busy"  # a disabled endpoint is not claimed
    assert services.endpoints_behind() == []


def test_redelivery_from_a_position_over_the_api(app, actors, receiver, editor_api):
    opened = app.open_process(opening(), recorded_by="x")
    created = editor_api.post(
        "/api/v1/webhooks/",
        {"url": receiver.url + "/", "processes": [], "kinds": ["event"]},
        format="json",
    ).json()
    endpoint = Endpoint.objects.get(pk=created["id"])
    app.convene_talks(
        opened.process_id, occurred_on="2016-01-29", sources=[SOURCE], recorded_by="x"
    )
    assert attempt(endpoint) == "done"
    assert len(receiver.received) == 1

    response = editor_api.post(
        f"/api/v1/webhooks/{endpoint.pk}/redeliver/", {"from_position": 1}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["position"] == 0
    assert attempt(endpoint) == "done"
    payloads = [verify(r, created["secret"]) for r in receiver.received]
    # The convening again, after the opening (position 1), which it had never been sent.
    assert [p["data"]["position"] for p in payloads] == [2, 1, 2]
    # Asked for by an editor, each is a new delivery: a new webhook-id, saying so.
    assert [p["data"]["redelivery"] for p in payloads] == [False, True, True]
    assert len({r.webhook_id for r in receiver.received}) == 3
    bad = editor_api.post(
        f"/api/v1/webhooks/{endpoint.pk}/redeliver/", {"from_position": 0}, format="json"
    )
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid"
