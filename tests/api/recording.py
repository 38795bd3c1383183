"""Record over HTTP in a line, and check that a refusal stores nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from negotiations.read.rebuild import rows_checksum
from negotiations.write.runtime import get_application
from tests.api_fixtures import event
from tests.factories import cause, opening


def events_url(slug: str) -> str:
    return f"/api/v1/processes/{slug}/events/"


def post_event(
    client, slug: str, type_: str, occurred_on: str = "2016-02-01", *, key: str = "", **fields: Any
):
    """POST an event (a minimal body with `fields`), with `key` as its Idempotency-Key if given."""
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(
        events_url(slug), event(type_, occurred_on, **fields), format="json", **headers
    )


def recorded(client, slug: str, type_: str, occurred_on: str | None, **fields: Any) -> dict:
    """POST an event that must be recorded; its `event` as the API shows it."""
    body = event(type_, occurred_on, **fields)
    if occurred_on is None:
        del body["occurred_on"]
    response = client.post(events_url(slug), body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["event"]


def correction_of(sequence: int, reason: str = "r", **changes: Any) -> dict:
    """The fields of an `event_corrected` that makes `changes` to event number `sequence`."""
    return {"corrects": sequence, "changes": changes, "reason": reason}


def opened_over_http(client, **over: Any) -> str:
    """Open a process (the factories' opening, changed by `over`); its slug."""
    response = client.post("/api/v1/processes/", opening(**over), format="json")
    assert response.status_code == 201, response.json()
    return response.json()["slug"]


# An event to record: its type, its date and its fields.
Recording = tuple[str, str, dict[str, Any]]
# The Havana talks met again "in October 2016", the day unknown.
RESUMED_IN_OCTOBER: Recording = (
    "talks_resumed",
    "2016-10-01",
    {"date_precision": "month", "venue": "Havana"},
)


def turkey_said(occurred_on: str, stance: str, summary: str) -> Recording:
    """A statement by Turkey, its cause a political crisis it stated itself."""
    causes = [cause("political_crisis", "turkey")]
    fields = {"actor": "turkey", "stance": stance, "summary": summary, "causes": causes}
    return ("statement_made", occurred_on, fields)


def havana_over_http(client, *then: Recording) -> str:
    """The Havana talks, opened (1 August 2012), convened in Oslo (18 October 2012) and
    concluded with an agreement (24 August 2016) over HTTP, then `then` recorded in order;
    their slug."""
    slug = opened_over_http(client, name="Havana talks", occurred_on="2012-08-01")
    recorded(client, slug, "talks_convened", "2012-10-18", venue="Oslo")
    recorded(client, slug, "talks_concluded", "2016-08-24", outcome="agreement")
    for type_, occurred_on, fields in then:
        recorded(client, slug, type_, occurred_on, **fields)
    return slug


def store_snapshot() -> tuple:
    return (get_application().recorder.max_notification_id(), rows_checksum())


def refused(client, slug: str, type_: str, occurred_on: str, **fields: Any) -> tuple[int, dict]:
    """POST an event that must be refused; the status code and the error, after checking that
    the store and the read models are as they were."""
    before = store_snapshot()
    response = client.post(events_url(slug), event(type_, occurred_on, **fields), format="json")
    assert response.status_code >= 400, response.json()
    assert store_snapshot() == before, "a refused request changed the store or the read models"
    return response.status_code, response.json()


def paused_until(editor_api, name: str, resumption_on) -> str:
    """A process convened ten days ago and paused five days ago until `resumption_on`."""
    today = datetime.now(UTC).date()
    slug = opened_over_http(editor_api, name=name, occurred_on="2016-01-25")
    recorded(editor_api, slug, "talks_convened", (today - timedelta(days=10)).isoformat())
    recorded(
        editor_api,
        slug,
        "talks_paused",
        (today - timedelta(days=5)).isoformat(),
        expected_resumption_on=resumption_on.isoformat(),
    )
    return slug
