"""An endpoint is delivered while its owner may manage it. An editor deactivated, or taken
out of the Editors group, can neither see nor delete their endpoints: those wait, delivered
from where they stopped if the owner may again. A deleted user's endpoints go with them, and
those an older version left without an owner are disabled, saying why (a webhook tester's
outside test: every one of them went on receiving every event)."""

from __future__ import annotations

import importlib
import uuid

from django.apps import apps
from django.utils import translation
from standardwebhooks import Webhook

from negotiations.webhooks import services
from negotiations.webhooks.models import Endpoint
from negotiations.webhooks.reasons import reason_shown
from tests.factories import editors_group, opening, record, user


def sent_to(receiver, endpoint) -> list[str]:
    """The event types the receiver verified for `endpoint`, from the last delivery run."""
    hook = Webhook(endpoint.secret)
    return [hook.verify(r.body, r.headers)["data"]["event"]["type"] for r in receiver.received]


def test_a_deactivated_owner_s_endpoint_waits_and_resumes(app, actors, receiver):
    owner = user("owner", editor=True)
    endpoint = services.endpoint_create(
        url=receiver.url + "/", processes=[], kinds=["event"], created_by=owner
    )
    opened = app.open_process(opening(), recorded_by="x")
    owner.is_active = False
    owner.save()
    record(app, opened.process_id, "talks_convened", "2016-01-29")

    assert str(endpoint.pk) not in services.endpoints_behind()
    assert services.fan_out(str(uuid.uuid4())) == {}
    # Named, as a run's next claim or a task queued before names it (a review).
    services.endpoint_deliver(endpoint_id=endpoint.pk, token=uuid.uuid4())
    assert receiver.received == []

    owner.is_active = True
    owner.save()
    assert services.fan_out(str(uuid.uuid4()))[str(endpoint.pk)][0] == "done"
    assert sent_to(receiver, endpoint) == ["process_opened", "talks_convened"]


def test_an_owner_out_of_the_editors_group_is_not_delivered(app, actors, receiver):
    owner = user("owner", editor=True)
    endpoint = services.endpoint_create(
        url=receiver.url + "/", processes=[], kinds=["event"], created_by=owner
    )
    keeper = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    owner.groups.remove(editors_group())
    app.open_process(opening(), recorded_by="x")

    behind = services.endpoints_behind()
    assert str(endpoint.pk) not in behind
    assert str(keeper.pk) in behind  # made without an owner, by the services' own callers


def test_a_superuser_s_endpoint_is_delivered(app, actors, receiver):
    admin = user("root", superuser=True)
    endpoint = services.endpoint_create(
        url=receiver.url + "/", processes=[], kinds=["event"], created_by=admin
    )
    app.open_process(opening(), recorded_by="x")
    assert str(endpoint.pk) in services.endpoints_behind()


def test_a_deleted_owner_s_endpoints_go_with_them(app, actors):
    owner = user("owner", editor=True)
    services.endpoint_create(
        url="https://hooks.example.org/a", processes=[], kinds=["event"], created_by=owner
    )
    owner.delete()
    assert not Endpoint.objects.exists()


def test_endpoints_left_without_an_owner_are_disabled_saying_why(app, actors):
    left = services.endpoint_create(
        url="https://hooks.example.org/a", processes=[], kinds=["event"]
    )
    migration = importlib.import_module(
        "negotiations.webhooks.migrations.0010_an_endpoint_goes_with_its_owner"
    )
    migration.disable_orphans(apps, None)
    left.refresh_from_db()
    assert (left.active, left.disabled_at is not None) == (False, True)
    with translation.override("fr"):
        assert reason_shown(left.disabled_reason) != left.disabled_reason  # translated
