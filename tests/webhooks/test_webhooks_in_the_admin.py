"""Editors manage webhooks in the admin: registering shows the secret once, every delivery
attempt is listed, and an action redelivers from a store position."""

import re
import uuid

from django.test import Client

from negotiations.webhooks import services
from negotiations.webhooks.models import Endpoint
from tests.factories import SOURCE, opening, user


def staff_editor(name: str = "desk") -> Client:
    desk = user(name, editor=True, staff=True)
    client = Client()
    client.force_login(desk)
    client.user = desk  # type: ignore[attr-defined]
    return client


ADD = "/admin/webhooks/endpoint/add/"


def refused_in_the_admin(url: str, processes: str = "") -> str:
    """A staff editor registers `url` for events of `processes` in the admin, which must refuse
    it: the form again (200) and no endpoint. The page, which says why."""
    response = staff_editor().post(ADD, {"url": url, "kinds": ["event"], "processes": processes})
    assert response.status_code == 200
    assert not Endpoint.objects.exists()
    return response.content.decode()


def test_register_in_the_admin_shows_the_secret_once(app, actors):
    client = staff_editor()
    response = client.post(
        ADD,
        {"url": "https://example.org/hook", "kinds": ["status_change"], "processes": ""},
        follow=True,
    )
    assert response.status_code == 200
    endpoint = Endpoint.objects.get()
    assert endpoint.kinds == ["status_change"]
    assert endpoint.processes == []
    assert endpoint.secret in response.content.decode()
    page = client.get(f"/admin/webhooks/endpoint/{endpoint.pk}/change/").content.decode()
    assert endpoint.secret not in page


def test_unknown_processes_are_refused_in_the_admin(app, actors):
    page = refused_in_the_admin("https://example.org/hook", processes="atlantis-talks")
    assert "No process &#x27;atlantis-talks&#x27;." in page  # the API's words


def test_a_scheme_other_than_http_is_refused_in_the_admin(app, actors):
    """Django's URL field takes ftp://; the one registration rule (the API's too) does not."""
    page = refused_in_the_admin("ftp://example.org/hook")
    assert "Use an http:// or https:// URL with a host." in page


def test_attempts_are_listed_and_an_action_redelivers(app, actors, receiver):
    client = staff_editor()
    opened = app.open_process(opening(), recorded_by="x")
    endpoint = services.endpoint_create(
        url=receiver.url + "/", processes=[], kinds=["event"], created_by=client.user
    )
    app.convene_talks(
        opened.process_id, occurred_on="2016-01-29", sources=[SOURCE], recorded_by="x"
    )
    receiver.fail_next = 1
    try:
        services.endpoint_deliver(endpoint_id=endpoint.pk, token=uuid.uuid4())
    except services.DeliveryFailed:
        pass
    listing = client.get(f"/admin/webhooks/attempt/?endpoint__id__exact={endpoint.pk}")
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "HTTP 500" in html
    assert "Talks convened" in html  # the type in words (the stored code in the API)

    ask = client.post(
        "/admin/webhooks/endpoint/",
        {"action": "redeliver", "_selected_action": [str(endpoint.pk)]},
    )
    assert ask.status_code == 200
    assert "from_position" in ask.content.decode()

    def redeliver_from(position: str, **kw):
        chosen = {"action": "redeliver", "_selected_action": [str(endpoint.pk)], "apply": "1"}
        return client.post("/admin/webhooks/endpoint/", {**chosen, "from_position": position}, **kw)

    past = redeliver_from("99")
    assert "the event store&#x27;s last position is 2" in past.content.decode()
    assert Endpoint.objects.get(pk=endpoint.pk).position == endpoint.position
    done = redeliver_from("1", follow=True)
    assert re.search(r"from position 1", done.content.decode())
    endpoint.refresh_from_db()
    assert endpoint.position == 0
    assert endpoint.claim_token is None
    assert services.endpoint_deliver(endpoint_id=endpoint.pk, token=uuid.uuid4()) == "done"
    assert [r.payload["data"]["position"] for r in receiver.received][-2:] == [1, 2]


def test_staff_outside_the_editors_cannot_see_webhooks(app, staff):
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/webhooks/endpoint/").status_code == 403
    assert client.get("/admin/webhooks/attempt/").status_code == 403


def test_an_endpoint_stored_before_a_newer_rule_is_still_edited(app, actors):
    """Its URL, stored when a fragment was taken, is not checked again when only its kinds
    change (a review: the form re-checked it and refused every edit); a new URL is."""
    client = staff_editor()
    endpoint = services.endpoint_create(
        url="https://example.org/hook#old", processes=[], kinds=["event"], created_by=client.user
    )
    change = f"/admin/webhooks/endpoint/{endpoint.pk}/change/"
    kept = {"url": endpoint.url, "kinds": ["event", "status_change"], "processes": ""}

    assert client.post(change, kept).status_code == 302
    endpoint.refresh_from_db()
    assert set(endpoint.kinds) == {"event", "status_change"}
    page = client.post(change, {**kept, "url": "https://example.org/new#frag"})
    assert page.status_code == 200
    assert "Leave the fragment" in page.content.decode()
    endpoint.refresh_from_db()
    assert endpoint.url == "https://example.org/hook#old"  # the refused edit stored nothing
