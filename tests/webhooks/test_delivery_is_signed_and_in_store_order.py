"""Each matching event is POSTed once per endpoint, in store order, signed per Standard
Webhooks, in the pinned shape; an endpoint hears only the kinds and processes it asked for.
(Delivery runs here in the test's process; tests/integration runs it on a real worker.)"""

import uuid

from api.representations import event_repr
from negotiations.read.models import TimelineEntry
from negotiations.webhooks import services
from negotiations.webhooks.models import Attempt
from tests.factories import SOURCE, cause, opening, record

from .receiver import verify


def deliver(endpoint) -> str:
    return services.endpoint_deliver(endpoint_id=endpoint.pk, token=uuid.uuid4())


def record_story(app, process_id):
    """Convene, a statement by Turkey, and a pause with a stated cause."""
    record(app, process_id, "talks_convened", "2016-01-29")
    record(app, process_id, "statement_made", "2016-02-01", summary="No point in talks.")
    record(app, process_id, "talks_paused", "2016-02-03", causes=[cause()])


def test_every_event_once_in_store_order_signed(app, actors, receiver, editor):
    opened = app.open_process(opening(), recorded_by="x")
    other = app.open_process(opening(name="Other talks", slug="other"), recorded_by="x")
    everything = services.endpoint_create(
        url=receiver.url + "/all", processes=[], kinds=["event"], created_by=editor
    )
    changes = services.endpoint_create(
        url=receiver.url + "/changes", processes=["test-talks"], kinds=["status_change"]
    )
    record_story(app, opened.process_id)
    record_story(app, other.process_id)
    correction = app.correct_event(
        opened.process_id,
        occurred_on="2016-02-04",
        corrects=4,
        changes={"expected_resumption_on": "2016-02-26"},
        reason="Misread.",
        sources=[SOURCE],
        recorded_by="x",
    )

    assert deliver(everything) == "done"
    assert deliver(changes) == "done"
    assert deliver(changes) == "done"  # nothing new: nothing sent again

    stored = list(TimelineEntry.objects.order_by("position"))
    after_registration = [r for r in stored if r.position > everything.position]
    got = [verify(r, everything.secret) for r in receiver.at("/all")]
    assert [p["data"]["position"] for p in got] == [r.position for r in after_registration]
    assert len({r.webhook_id for r in receiver.at("/all")}) == len(got)
    first = got[0]
    # The Standard Webhooks envelope, in the pinned shape.
    assert set(first) == {"type", "timestamp", "data"}
    assert set(first["data"]) == {
        "version",
        "position",
        "process",
        "event",
        "status_before",
        "status_after",
        "actors",
        "redelivery",
    }
    assert first["type"] == "status.changed"
    assert first["data"]["version"] == 2
    assert first["data"]["process"] == {
        "id": str(opened.process_id),
        "slug": "test-talks",
        "name": "Test talks",
    }
    assert first["data"]["event"]["type"] == "talks_convened"
    assert first["data"]["event"]["sequence"] == 2
    assert first["data"]["event"]["occurred_on"] == "2016-01-29"
    assert first["timestamp"] == first["data"]["event"]["recorded_at"]
    assert first["data"]["redelivery"] is False
    # The event exactly as the API's global feed shows it.
    assert first["data"]["event"] == event_repr(after_registration[0], raw=True)
    statements = [p["type"] for p in got if p["data"]["event"]["type"] == "statement_made"]
    assert statements == ["event.recorded"] * 2

    # Status changes of Test talks only; the correction of its pause is one of them.
    only = [verify(r, changes.secret) for r in receiver.at("/changes")]
    assert [(p["data"]["process"]["slug"], p["type"]) for p in only] == [
        ("test-talks", "status.changed"),
        ("test-talks", "status.changed"),
        ("test-talks", "event.corrected"),
    ]
    assert only[-1]["data"]["position"] == correction.position
    assert all(h.headers["content-type"] == "application/json" for h in receiver.received)
    assert Attempt.objects.filter(ok=True).count() == len(receiver.received)


def test_a_receiver_that_fails_gets_the_same_webhook_id_again(app, actors, receiver):
    opened = app.open_process(opening(), recorded_by="x")
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    record_story(app, opened.process_id)
    receiver.fail_next = 2
    run = uuid.uuid4()  # a retry comes back with its run's token (the task's argument)

    for _ in range(2):
        try:
            services.endpoint_deliver(endpoint_id=endpoint.pk, token=run)
        except services.DeliveryFailed:
            pass
        else:
            raise AssertionError("a 500 must fail the delivery")
        # Meanwhile the endpoint is held for the retry: no other run overtakes it.
        assert deliver(endpoint) == "busy"
        assert services.endpoints_behind() == []
    assert services.endpoint_deliver(endpoint_id=endpoint.pk, token=run) == "done"

    ids = [r.webhook_id for r in receiver.received]
    assert receiver.answered == [500, 500, 204, 204, 204]
    assert ids[0] == ids[1] == ids[2]  # the first event, three times under one id
    assert len(set(ids[2:])) == 3  # then each event once
    payloads = [verify(r, endpoint.secret) for r in receiver.received]
    assert [p["data"]["position"] for p in payloads][2:] == sorted(
        {p["data"]["position"] for p in payloads}
    )
    attempts = list(Attempt.objects.order_by("id"))
    assert [a.ok for a in attempts] == [False, False, True, True, True]
    assert attempts[0].status_code == 500
    assert "HTTP 500" in attempts[0].error
    endpoint.refresh_from_db()
    assert endpoint.failing_since is None
    assert endpoint.last_success_at is not None


def test_an_unreachable_receiver_fails_the_delivery_not_the_write(app, actors, allow_private_urls):
    opened = app.open_process(opening(), recorded_by="x")
    endpoint = services.endpoint_create(
        url="http://127.0.0.1:9/nobody-listens", processes=[], kinds=["event"]
    )
    app.convene_talks(
        opened.process_id, occurred_on="2016-01-29", sources=[SOURCE], recorded_by="x"
    )
    try:
        deliver(endpoint)
    except services.DeliveryFailed as failure:
        failed = str(failure)
    else:
        raise AssertionError("an unreachable receiver must fail the delivery")
    assert failed == "Could not connect."
    endpoint.refresh_from_db()
    assert endpoint.failing_since is not None
    assert endpoint.position < app.recorder.max_notification_id()
