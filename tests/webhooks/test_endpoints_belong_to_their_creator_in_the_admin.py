"""In the admin, as in the API, an editor sees and acts on their own webhook endpoints only:
another editor's endpoint is not listed, cannot be changed (re-pointed), deleted, redelivered
or rotated, and its delivery attempts are not shown. A superuser sees them all."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from negotiations.webhooks import services
from negotiations.webhooks.models import Attempt, Endpoint
from tests.factories import logged_attempt, opening, record

from .test_webhooks_in_the_admin import staff_editor

HOOK = "https://owner.example.org/hook-of-the-owner"


def owners_endpoint(app, owner: User) -> Endpoint:
    """An endpoint of `owner`'s, with one logged (failed) attempt."""
    opened = app.open_process(opening(), recorded_by="x")
    endpoint = services.endpoint_create(url=HOOK, processes=[], kinds=["event"], created_by=owner)
    record(app, opened.process_id, "talks_convened", "2016-01-29")
    failed = {"position": 2, "webhook_id": "msg_of_the_owner", "process_slug": "test-talks"}
    logged_attempt(endpoint, **failed, error="HTTP 500: not a 2xx answer.")
    return endpoint


def test_another_editor_neither_sees_nor_changes_an_endpoint(app, actors):
    owner = staff_editor("owner")
    endpoint = owners_endpoint(app, owner.user)
    sealed, position = endpoint.sealed_secret, endpoint.position
    other = staff_editor("other")

    listing = other.get("/admin/webhooks/endpoint/").content.decode()
    assert HOOK not in listing
    attempts = other.get("/admin/webhooks/attempt/").content.decode()
    assert "msg_of_the_owner" not in attempts
    assert HOOK not in attempts  # nor in the filter by endpoint
    attempt_page = f"/admin/webhooks/attempt/{Attempt.objects.get().pk}/change/"
    assert other.get(attempt_page).status_code == 302

    change = f"/admin/webhooks/endpoint/{endpoint.pk}/change/"
    assert other.get(change).status_code == 302  # "does not exist", back to the index
    other.post(change, {"url": "https://attacker.example.net/", "kinds": ["event"]})
    delete = f"/admin/webhooks/endpoint/{endpoint.pk}/delete/"
    assert other.get(delete).status_code == 302
    other.post(delete, {"post": "yes"})
    for action in ("redeliver", "rotate_secret", "delete_selected"):
        other.post(
            "/admin/webhooks/endpoint/",
            {
                "action": action,
                "_selected_action": [str(endpoint.pk)],
                "apply": "1",
                "from_position": "1",
                "post": "yes",
            },
        )

    endpoint.refresh_from_db()  # still there, unchanged
    assert endpoint.url == HOOK
    assert endpoint.sealed_secret == sealed
    assert endpoint.position == position
    assert endpoint.previous_secret_until is None

    # Its owner sees it and its attempts, and may act on it.
    assert HOOK in owner.get("/admin/webhooks/endpoint/").content.decode()
    assert "msg_of_the_owner" in owner.get("/admin/webhooks/attempt/").content.decode()
    assert owner.get(change).status_code == 200
    owner.post(
        "/admin/webhooks/endpoint/",
        {"action": "rotate_secret", "_selected_action": [str(endpoint.pk)]},
    )
    endpoint.refresh_from_db()
    assert endpoint.sealed_secret != sealed


def test_a_superuser_sees_every_endpoint(app, actors, superuser):
    owner = staff_editor("owner")
    endpoint = owners_endpoint(app, owner.user)
    client = Client()
    client.force_login(superuser)
    assert HOOK in client.get("/admin/webhooks/endpoint/").content.decode()
    assert "msg_of_the_owner" in client.get("/admin/webhooks/attempt/").content.decode()
    client.post(
        "/admin/webhooks/endpoint/",
        {
            "action": "redeliver",
            "_selected_action": [str(endpoint.pk)],
            "apply": "1",
            "from_position": "1",
        },
    )
    endpoint.refresh_from_db()
    assert endpoint.position == 0
