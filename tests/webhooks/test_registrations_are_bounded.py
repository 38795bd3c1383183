"""Registering webhooks is bounded: an endpoint follows at most 500 processes (a longer list
is refused at once, before its slugs are looked at), and each user registers at most
WEBHOOK_MAX_ENDPOINTS_PER_USER endpoints (20 by default), over the API and in the admin; a
refusal is a 400 in the API's error shape, in the asked language, and changes nothing."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from negotiations.webhooks import services
from negotiations.webhooks.models import Endpoint
from tests.api_fixtures import client_for
from tests.factories import user

ADD = "/admin/webhooks/endpoint/add/"


def register(api, headers: dict[str, str] | None = None, **over):
    body = {"url": "https://example.org/hook", "processes": [], "kinds": ["status_change"]}
    body.update(over)
    return api.post("/api/v1/webhooks/", body, format="json", **(headers or {}))


def endpoints_of(owner, count: int) -> None:
    for i in range(count):
        services.endpoint_create(
            url=f"https://example.org/{i}", processes=[], kinds=["event"], created_by=owner
        )


def test_a_list_of_processes_longer_than_500_is_refused_at_once(editor_api, geneva):
    slugs = [f"t{i}" for i in range(200_000)]  # 1.7 MB: under the body's limit
    started = time.monotonic()
    response = register(editor_api, processes=slugs)
    took = time.monotonic() - started

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"]["processes"] == ["Ensure this field has no more than 500 elements."]
    assert took < 1.5, f"{took:.2f} s"
    assert not Endpoint.objects.exists()


def test_500_processes_may_be_followed(editor_api, geneva):
    response = register(editor_api, processes=[geneva.slug] * 500)

    assert response.status_code == 201, response.json()
    assert response.json()["processes"] == [geneva.slug]


def test_the_schema_says_the_bound(anon, db):
    schema = anon.get("/api/v1/schema/", {"format": "json"}).json()
    processes = schema["components"]["schemas"]["EndpointInRequest"]["properties"]["processes"]
    assert processes["maxItems"] == 500


def test_a_user_registers_at_most_the_cap(editor, editor_api, settings, geneva):
    settings.WEBHOOK_MAX_ENDPOINTS_PER_USER = 3
    endpoints_of(editor, 2)
    assert register(editor_api).status_code == 201

    response = register(editor_api, url="https://example.org/fourth")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"] == {
        "non_field_errors": [
            "You have registered the most webhook endpoints one user may (3): delete one "
            "before registering another."
        ]
    }
    assert body["detail"] == body["errors"]["non_field_errors"][0]
    assert Endpoint.objects.filter(created_by=editor).count() == 3
    assert not Endpoint.objects.filter(url="https://example.org/fourth").exists()
    # Another editor's endpoints are theirs: the cap is each user's.
    assert register(client_for(user("other-editor", editor=True))).status_code == 201


def test_the_cap_is_said_in_the_asked_language(editor, editor_api, settings, geneva):
    settings.WEBHOOK_MAX_ENDPOINTS_PER_USER = 1
    endpoints_of(editor, 1)

    response = register(editor_api, headers={"HTTP_ACCEPT_LANGUAGE": "fr"})

    assert response.status_code == 400
    [said] = response.json()["errors"]["non_field_errors"]
    assert "(1)" in said
    assert "You have" not in said


def test_the_cap_holds_in_the_service_too(editor, settings, db):
    settings.WEBHOOK_MAX_ENDPOINTS_PER_USER = 2
    endpoints_of(editor, 2)

    with pytest.raises(services.ValidationError):
        endpoints_of(editor, 1)
    assert Endpoint.objects.count() == 2


def test_the_admin_refuses_past_the_cap(settings, app, actors):
    settings.WEBHOOK_MAX_ENDPOINTS_PER_USER = 2
    desk = user("desk", editor=True, staff=True)
    endpoints_of(desk, 2)
    client = Client()
    client.force_login(desk)

    response = client.post(
        ADD, {"url": "https://example.org/third", "kinds": ["event"], "processes": ""}
    )

    assert response.status_code == 200  # the form again, saying why
    assert "the most webhook endpoints one user may (2)" in response.content.decode()
    assert Endpoint.objects.count() == 2


def test_the_admin_refuses_more_than_500_processes(app, actors):
    desk = user("desk", editor=True, staff=True)
    client = Client()
    client.force_login(desk)
    slugs = ", ".join(f"talks-{i}" for i in range(501))

    response = client.post(
        ADD, {"url": "https://example.org/hook", "kinds": ["event"], "processes": slugs}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "at most 500 processes" in page
    assert "No process" not in page  # refused before any slug is looked up
    assert not Endpoint.objects.exists()


def test_a_registration_that_loses_the_race_for_the_last_place_is_told_not_a_500(
    settings, app, actors, monkeypatch
):
    """The form counts, then the service counts again under the creator's lock and refuses:
    another registration took the last place between the two. The desk is told so on the
    form again, and nothing is saved."""
    from negotiations.webhooks.admin import EndpointForm

    settings.WEBHOOK_MAX_ENDPOINTS_PER_USER = 2
    desk = user("desk", editor=True, staff=True)
    endpoints_of(desk, 1)
    counted = EndpointForm.clean

    def counted_then_raced(form):
        cleaned = counted(form)
        endpoints_of(desk, 1)  # the other registration, between the count and the save
        return cleaned

    monkeypatch.setattr(EndpointForm, "clean", counted_then_raced)
    client = Client(raise_request_exception=False)
    client.force_login(desk)

    response = client.post(
        ADD, {"url": "https://example.org/third", "kinds": ["event"], "processes": ""}, follow=True
    )

    assert response.status_code == 200
    assert "the most webhook endpoints one user may (2)" in response.content.decode()
    assert response.redirect_chain == [(ADD, 302)]
    # The refused save changed nothing: the view's transaction rolled back (here it took the
    # racing endpoint with it, made in the same transaction; a real one commits its own).
    assert list(Endpoint.objects.values_list("url", flat=True)) == ["https://example.org/0"]
