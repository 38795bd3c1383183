"""R6: hostile bodies for every POST get a clear 4xx, and the event store, the read models and
the actor registry are unchanged afterwards."""

import json

import pytest

from negotiations.read.rebuild import rows_checksum
from negotiations.write.models import Actor
from negotiations.write.runtime import get_application
from tests.api_fixtures import GENEVA, event

HUGE = "x" * 3_000_000
NESTED = "[" * 100_000 + "]" * 100_000

GOOD = {
    "/api/v1/processes/": {"name": "Fresh talks", "conflict": "X", "mediators": []},
    f"/api/v1/processes/{GENEVA}/events/": event("talks_resumed", "2016-06-01"),
    "/api/v1/actors/": {"slug": "iceland", "name": "Iceland", "kind": "state"},
}


def mutations(body):
    """(name, raw bytes) pairs derived from a good body."""
    first = next(iter(body))
    yield "wrong type: list", json.dumps([body]).encode()
    yield "wrong type: string", json.dumps("talks").encode()
    yield "wrong field type", json.dumps({**body, first: {"nested": True}}).encode()
    yield "missing fields", b"{}"
    yield "null everywhere", json.dumps(dict.fromkeys(body)).encode()
    yield "huge string", json.dumps({**body, first: "y" * 100_000}).encode()
    yield "huge body", json.dumps({**body, "note": HUGE}).encode()
    yield (
        "unknown enum",
        json.dumps(
            {**body, "type": "talks_teleported", "kind": "planet", "format": "telepathic"}
        ).encode(),
    )
    yield "invalid date", json.dumps({**body, "occurred_on": "2016-02-30"}).encode()
    yield "duplicate keys", ('{"name": "A", "name": "B", ' + json.dumps(body)[1:]).encode()
    yield "deep nesting", NESTED.encode()
    yield "not json", b"\xff\xfe{"
    yield "unknown field", json.dumps({**body, "surprise": 1}).encode()
    yield "negative version", json.dumps({**body, "expected_version": -3}).encode()


CASES = [(url, name, raw) for url, body in GOOD.items() for name, raw in mutations(body)]


@pytest.mark.parametrize(
    ("url", "name", "raw"), CASES, ids=[f"{u.split('/')[3]}-{n}" for u, n, _ in CASES]
)
def test_hostile_body_is_refused_and_changes_nothing(editor_api, geneva, url, name, raw):
    app = get_application()
    before = (app.recorder.max_notification_id(), rows_checksum(), Actor.objects.count())
    response = editor_api.generic("POST", url, raw, content_type="application/json")
    assert 400 <= response.status_code < 500, (name, response.status_code, response.content[:300])
    data = response.json()
    assert data["code"] in ("invalid", "invalid_transition")
    assert len(data["detail"]) > 5
    assert (app.recorder.max_notification_id(), rows_checksum(), Actor.objects.count()) == before


@pytest.mark.parametrize("url", list(GOOD))
def test_the_good_bodies_are_accepted(editor_api, geneva, url):
    assert editor_api.post(url, GOOD[url], format="json").status_code == 201
