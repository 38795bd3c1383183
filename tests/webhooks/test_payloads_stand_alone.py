"""A receiver learns what happened from the payload alone, never calling back: the process,
the event as the API shows it, the status before and after it, for a correction or a
retraction the amended event as it now stands, and the names of the actors. It verifies each
delivery with the `standardwebhooks` package. A redelivery an editor asks for is a new
delivery (new webhook-ids, `redelivery: true`); an automatic retry keeps its id."""

from __future__ import annotations

import uuid

from standardwebhooks import Webhook

from api.representations import event_repr
from negotiations.read.models import Process, TimelineEntry
from negotiations.webhooks import services
from negotiations.write.runtime import get_application
from tests.factories import SOURCE, cause, opening, record


class Newsroom:
    """A receiver's own picture of a process, built from verified payloads only."""

    def __init__(self, secret: str) -> None:
        self.hook = Webhook(secret)
        self.status: str | None = None
        self.events: dict[int, dict] = {}
        self.names: dict[str, str] = {}
        self.seen = 0

    def take(self, receiver) -> list[dict]:
        new = receiver.received[self.seen :]
        self.seen = len(receiver.received)
        payloads = [self.hook.verify(r.body, r.headers) for r in new]
        for p in payloads:
            data = p["data"]
            assert data["status_before"] == self.status, "each status follows the last"
            self.status = data["status_after"]
            self.events[data["event"]["sequence"]] = data["event"]
            if "amended" in data:
                self.events[data["amended"]["sequence"]] = data["amended"]
            self.names |= data["actors"]
        return payloads


def deliver(endpoint, token=None) -> str:
    return services.endpoint_deliver(endpoint_id=endpoint.pk, token=token or uuid.uuid4())


def corrected_row(sequence: int) -> dict:
    return event_repr(TimelineEntry.objects.get(sequence=sequence))


def test_a_receiver_learns_before_and_after_and_the_amended_event(app, actors, receiver):
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    newsroom = Newsroom(endpoint.secret)
    opened = app.open_process(opening(), recorded_by="x")
    pid = opened.process_id

    def then(record) -> dict:
        record()
        assert deliver(endpoint) == "done"
        [payload] = newsroom.take(receiver)
        return payload

    assert deliver(endpoint) == "done"
    [opening_told] = newsroom.take(receiver)
    # Not a status change (as in the status-change feed), though it gives the first status.
    assert opening_told["type"] == "event.recorded"
    assert (opening_told["data"]["status_before"], opening_told["data"]["status_after"]) == (
        None,
        "planned",
    )
    assert set(opening_told["data"]["actors"]) == {"united-nations", "syrian-government", "hnc"}
    assert opening_told["data"]["process"] == {
        "id": str(pid),
        "slug": "test-talks",
        "name": "Test talks",
    }

    convened = then(lambda: record(app, pid, "talks_convened", "2016-01-29"))
    assert (convened["type"], convened["data"]["status_after"]) == ("status.changed", "active")

    statement = then(
        lambda: record(app, pid, "statement_made", "2016-02-01", summary="No point in talks.")
    )
    assert statement["type"] == "event.recorded"
    assert statement["data"]["status_before"] == statement["data"]["status_after"] == "active"
    assert statement["data"]["actors"] == {"turkey": actors["turkey"].name}

    paused = then(lambda: record(app, pid, "talks_paused", "2016-02-03", causes=[cause()]))
    assert paused["type"] == "status.changed"
    assert (paused["data"]["status_before"], paused["data"]["status_after"]) == (
        "active",
        "paused",
    )
    assert paused["data"]["actors"] == {"ban-ki-moon": actors["ban-ki-moon"].name}
    pause = paused["data"]["event"]["sequence"]

    corrected = then(
        lambda: app.correct_event(
            pid,
            occurred_on="2016-02-04",
            corrects=pause,
            changes={"expected_resumption_on": "2016-02-26"},
            reason="Misread.",
            sources=[SOURCE],
            recorded_by="x",
        )
    )
    assert corrected["type"] == "event.corrected"
    assert corrected["data"]["status_after"] == "paused"
    amended = corrected["data"]["amended"]
    assert amended["sequence"] == pause
    assert amended["expected_resumption_on"] == "2016-02-26"
    assert [c["reason"] for c in amended["corrections"]] == ["Misread."]
    assert amended == corrected_row(pause)  # as the API's corrected timeline shows it now

    retracted = then(
        lambda: app.retract_event(
            pid, retracts=pause, reason="It never happened.", sources=[SOURCE], recorded_by="x"
        )
    )
    assert retracted["type"] == "event.retracted"
    assert (retracted["data"]["status_before"], retracted["data"]["status_after"]) == (
        "paused",
        "active",
    )
    assert retracted["data"]["amended"]["retracted"] is True
    assert retracted["data"]["amended"] == corrected_row(pause)

    # What the newsroom learnt from payloads alone is what the tracker says.
    assert newsroom.status == Process.objects.get(slug="test-talks").status == "active"
    assert newsroom.events[pause] == corrected_row(pause)
    assert newsroom.names["turkey"] == actors["turkey"].name


def test_a_redelivery_is_a_new_delivery_and_a_retry_is_not(app, actors, receiver, editor_api):
    created = editor_api.post(
        "/api/v1/webhooks/",
        {"url": receiver.url + "/", "processes": [], "kinds": ["event"]},
        format="json",
    ).json()
    endpoint = services.Endpoint.objects.get(pk=created["id"])
    opened = app.open_process(opening(), recorded_by="x")
    record(app, opened.process_id, "talks_convened", "2016-01-29")
    assert deliver(endpoint) == "done"
    original = [r.webhook_id for r in receiver.received]
    assert len(original) == 2

    def redeliver() -> list:
        answer = editor_api.post(
            f"/api/v1/webhooks/{endpoint.pk}/redeliver/", {"from_position": 1}, format="json"
        )
        assert answer.status_code == 200
        before = len(receiver.received)
        receiver.fail_next = 1  # the first try fails: the retry keeps its id
        run = uuid.uuid4()
        try:
            deliver(endpoint, run)
        except services.DeliveryFailed:
            pass
        assert deliver(endpoint, run) == "done"
        return receiver.received[before:]

    again = redeliver()
    ids = [r.webhook_id for r in again]
    assert ids[0] == ids[1]  # the failed try and its retry: one delivery
    assert len(set(ids[1:])) == 2
    assert not set(ids) & set(original)  # asked for again: new deliveries
    assert all(r.payload["data"]["redelivery"] for r in again)

    once_more = redeliver()
    assert not {r.webhook_id for r in once_more} & (set(original) | set(ids))

    # What comes next is no redelivery, and keeps the id it would have had.
    record(app, opened.process_id, "statement_made", "2016-02-01")
    assert deliver(endpoint) == "done"
    latest = receiver.received[-1]
    assert latest.payload["data"]["redelivery"] is False
    message = services.message_for(
        get_application(),
        get_application().recorder.select_notifications(start=3, limit=1)[0],
    )
    # The event by its process, sequence and recording instant (the one in the envelope).
    named = f"{message.process_id}/{message.sequence}/{latest.payload['timestamp']}"
    plain = "msg_" + uuid.uuid5(endpoint.pk, named).hex
    assert latest.webhook_id == plain


def test_an_event_told_out_of_order_is_told_from_its_own_history(app, actors):
    """Delivery tells each process's events in order, folding one at a time; an endpoint
    behind the others (a redelivery) asks for an earlier one, which is folded afresh."""
    from negotiations.webhooks.payloads import Stories

    opened = app.open_process(opening(), recorded_by="x")
    record(app, opened.process_id, "talks_convened", "2016-01-29")
    record(app, opened.process_id, "talks_paused", "2016-02-03")
    stored = app.recorder.select_events(opened.process_id)
    entries = [app.mapper.to_domain_event(s).entry() for s in stored]
    stories = Stories()
    told = [stories.tell(app, opened.process_id, e) for e in entries]
    assert [(t.before.status, t.after.status) for t in told] == [
        (None, "planned"),
        ("planned", "active"),
        ("active", "paused"),
    ]
    again = stories.tell(app, opened.process_id, entries[1])
    assert (again.before.status, again.after.status) == ("planned", "active")
