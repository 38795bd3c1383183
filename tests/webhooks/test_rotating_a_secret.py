"""An editor rotates an endpoint's signing secret: the new one is answered once; during the
grace period every delivery carries two signatures (`v1,<new> v1,<old>`), so a receiver that
still verifies with the old secret and one that already has the new one both accept it;
after it, only the new one signs. Receivers verify with the `standardwebhooks` package."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from negotiations.webhooks import services
from negotiations.webhooks.models import Endpoint
from tests.api_fixtures import client_for
from tests.factories import SOURCE, opening, user

from .test_webhooks_in_the_admin import staff_editor


def register(api, url: str) -> dict:
    response = api.post(
        "/api/v1/webhooks/", {"url": url, "processes": [], "kinds": ["event"]}, format="json"
    )
    assert response.status_code == 201, response.json()
    return response.json()


def rotate(api, pk):
    return api.post(f"/api/v1/webhooks/{pk}/rotate-secret/")


def a_statement(app, process_id, day: int) -> None:
    app.make_statement(
        process_id,
        occurred_on=f"2016-02-{day:02d}",
        actor="turkey",
        stance="critical",
        summary="No point.",
        sources=[SOURCE],
        recorded_by="x",
    )


def registered_with_an_hour_of_grace(app, receiver, editor_api, settings):
    """A process opened and an endpoint registered on the receiver, rotations' grace an
    hour long."""
    settings.WEBHOOK_SECRET_GRACE_SECONDS = 3600
    opened = app.open_process(opening(), recorded_by="x")
    return opened, register(editor_api, receiver.url + "/")


def test_both_secrets_verify_during_the_grace_period_then_only_the_new(
    app, actors, receiver, editor_api, settings
):
    opened, created = registered_with_an_hour_of_grace(app, receiver, editor_api, settings)
    old = created["secret"]
    start = datetime.now(UTC)

    with time_machine.travel(start, tick=False):
        response = rotate(editor_api, created["id"])
        assert response.status_code == 200, response.json()
        rotated = response.json()
        new = rotated["secret"]
        assert new.startswith("whsec_")
        assert new != old
        assert rotated["id"] == created["id"]
        assert rotated["previous_secret_until"] == (start + timedelta(hours=1)).isoformat().replace(
            "+00:00", "Z"
        )
        a_statement(app, opened.process_id, 1)
        assert deliver(created["id"]) == "done"
        [during] = receiver.received
        # Both receivers accept it: the one not yet switched, and the one already switched.
        assert Webhook(old).verify(during.body, during.headers)["data"]["position"]
        assert Webhook(new).verify(during.body, during.headers)["data"]["position"]
        signatures = during.headers["webhook-signature"].split(" ")
        assert len(signatures) == 2
        assert all(s.startswith("v1,") for s in signatures)
        assert signatures[0] == Webhook(new).sign(
            during.webhook_id,
            datetime.fromtimestamp(int(during.headers["webhook-timestamp"])),
            during.body.decode(),
        )

    after = start + timedelta(hours=1, seconds=1)
    with time_machine.travel(after, tick=False):
        a_statement(app, opened.process_id, 2)
        assert deliver(created["id"]) == "done"
        later = receiver.received[-1]
        assert Webhook(new).verify(later.body, later.headers)["data"]["position"]
        with pytest.raises(WebhookVerificationError):
            Webhook(old).verify(later.body, later.headers)
        assert len(later.headers["webhook-signature"].split(" ")) == 1


def test_a_second_rotation_within_the_grace_period_keeps_the_first_secret_signing(
    app, actors, receiver, editor_api, settings
):
    """A second rotation dropped the first secret at once: receivers that had not switched
    yet (promised the grace period) failed every delivery. Each secret signs until the end
    of its own grace period, then stops; the rows hold them sealed."""
    opened, created = registered_with_an_hour_of_grace(app, receiver, editor_api, settings)
    first = created["secret"]
    start = datetime.now(UTC)
    with time_machine.travel(start, tick=False):
        second = rotate(editor_api, created["id"]).json()["secret"]
    with time_machine.travel(start + timedelta(minutes=30), tick=False):
        third = rotate(editor_api, created["id"]).json()["secret"]
        a_statement(app, opened.process_id, 1)
        assert deliver(created["id"]) == "done"
        during = receiver.received[-1]
        for secret in (first, second, third):
            assert Webhook(secret).verify(during.body, during.headers)["data"]["position"]
        assert len(during.headers["webhook-signature"].split(" ")) == 3
    stored = Endpoint.objects.get(pk=created["id"])
    assert first.removeprefix("whsec_") not in str(stored.older_secrets)  # sealed at rest
    with time_machine.travel(start + timedelta(hours=1, seconds=1), tick=False):
        a_statement(app, opened.process_id, 2)
        assert deliver(created["id"]) == "done"
        later = receiver.received[-1]
        with pytest.raises(WebhookVerificationError):
            Webhook(first).verify(later.body, later.headers)  # its own grace is over
        for secret in (second, third):
            assert Webhook(secret).verify(later.body, later.headers)["data"]["position"]


def deliver(pk) -> str:
    return services.endpoint_deliver(endpoint_id=pk, token=uuid.uuid4())


def test_only_the_owner_rotates(editor_api, reader_api, anon, db):
    created = register(editor_api, "https://example.org/hook")
    sealed = Endpoint.objects.get().sealed_secret
    other = user("other-editor", editor=True)
    assert rotate(client_for(other), created["id"]).status_code == 404
    assert rotate(reader_api, created["id"]).status_code == 403
    assert rotate(anon, created["id"]).status_code == 401
    assert rotate(editor_api, "not-an-id").status_code == 404
    assert Endpoint.objects.get().sealed_secret == sealed


def test_the_rotation_is_in_the_openapi_schema(anon, db):
    schema = anon.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/webhooks/{id}/rotate-secret/"]["post"]
    assert set(operation["responses"]) >= {"200", "401", "403", "404"}
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    fields = schema["components"]["schemas"][answer.rsplit("/", 1)[1]]["properties"]
    assert set(fields) == {"id", "secret", "previous_secret_until"}


def test_the_admin_rotates_and_shows_the_new_secret_once(app, actors):
    client = staff_editor()
    endpoint = services.endpoint_create(
        url="https://example.org/hook", processes=[], kinds=["event"], created_by=client.user
    )
    old = endpoint.secret
    done = client.post(
        "/admin/webhooks/endpoint/",
        {"action": "rotate_secret", "_selected_action": [str(endpoint.pk)]},
        follow=True,
    )
    endpoint.refresh_from_db()
    assert endpoint.secret != old
    assert endpoint.secret in done.content.decode()
    assert endpoint.signing_secrets(datetime.now(UTC)) == [endpoint.secret, old]
