"""Editors register webhook endpoints over the API; the secret is shown once."""

import base64

from negotiations.webhooks.models import Endpoint
from tests.api_fixtures import client_for
from tests.factories import user


def register(api, **over):
    body = {"url": "https://example.org/hook", "processes": [], "kinds": ["status_change"]}
    body.update(over)
    return api.post("/api/v1/webhooks/", body, format="json")


def test_an_editor_registers_reads_and_deletes_an_endpoint(editor_api, geneva):
    response = register(editor_api, processes=["intra-syrian-talks-geneva"], kinds=["event"])
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["secret"].startswith("whsec_")
    assert len(base64.b64decode(created["secret"].removeprefix("whsec_"))) >= 24
    assert created["processes"] == ["intra-syrian-talks-geneva"]
    assert created["kinds"] == ["event"]
    # A new endpoint hears of what is recorded from now on.
    assert created["position"] == Endpoint.objects.get().position > 0
    # An answer showing the secret is kept by no cache; it says where the endpoint is.
    assert response["Cache-Control"] == "no-store"
    assert response["Location"] == f"http://testserver/api/v1/webhooks/{created['id']}/"
    rotated = editor_api.post(f"/api/v1/webhooks/{created['id']}/rotate-secret/")
    assert rotated.status_code == 200
    assert rotated.json()["secret"].startswith("whsec_")
    assert rotated["Cache-Control"] == "no-store"

    shown = editor_api.get(f"/api/v1/webhooks/{created['id']}/")
    assert shown.status_code == 200
    assert "secret" not in shown.json()
    assert [e["id"] for e in editor_api.get("/api/v1/webhooks/").json()] == [created["id"]]

    assert editor_api.delete(f"/api/v1/webhooks/{created['id']}/").status_code == 204
    assert editor_api.get(f"/api/v1/webhooks/{created['id']}/").status_code == 404
    assert not Endpoint.objects.exists()


def test_bad_registrations_are_refused_and_store_nothing(editor_api, geneva):
    cases = [
        ({"url": "not a url"}, "url"),
        ({"url": "ftp://example.org/x"}, "url"),
        # Credentials would be shown back to every editor, and never sent.
        ({"url": "https://alice:s3cret@newsroom.example.org/hook"}, "url"),
        ({"url": "https://alice@newsroom.example.org/hook"}, "url"),
        ({"url": "http://example.org:0/hook"}, "url"),
        ({"kinds": []}, "kinds"),
        ({"kinds": ["everything"]}, "kinds"),
        ({"processes": ["no-such-talks"]}, "processes"),
        ({"colour": "red"}, "colour"),
    ]
    for over, field in cases:
        response = register(editor_api, **over)
        assert response.status_code == 400, over
        assert response.json()["code"] == "invalid"
        assert field in response.json()["errors"], response.json()
    assert not Endpoint.objects.exists()
    # The admin's words too (tests/webhooks/test_webhooks_in_the_admin.py).
    unknown = register(editor_api, processes=["no-such-talks", geneva.slug, "atlantis-talks"])
    assert unknown.json()["errors"]["processes"] == [
        "No process 'no-such-talks'.",
        "No process 'atlantis-talks'.",
    ]
    assert not Endpoint.objects.exists()


def test_only_editors_manage_webhooks(anon, reader_api, editor_api, db, geneva):
    assert register(anon).status_code == 401
    assert register(reader_api).status_code == 403
    assert anon.get("/api/v1/webhooks/").status_code == 401
    created = register(editor_api).json()
    assert reader_api.get(f"/api/v1/webhooks/{created['id']}/").status_code == 403
    assert anon.delete(f"/api/v1/webhooks/{created['id']}/").status_code == 401
    assert Endpoint.objects.count() == 1


def test_an_editor_sees_only_their_own_endpoints(editor_api, geneva):
    other = user("other-editor", editor=True)
    created = register(editor_api).json()
    other_api = client_for(other)
    assert other_api.get(f"/api/v1/webhooks/{created['id']}/").status_code == 404
    assert other_api.delete(f"/api/v1/webhooks/{created['id']}/").status_code == 404
    assert other_api.get("/api/v1/webhooks/").json() == []


def test_an_id_that_is_not_one_is_a_json_404(editor_api, db):
    for path in ("/api/v1/webhooks/not-an-id/", "/api/v1/webhooks/%F1%9D%A4%B7/redeliver/"):
        response = editor_api.get(path) if "redeliver" not in path else editor_api.post(path)
        assert response.status_code == 404, path
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["code"] == "not_found"


def test_refused_actions_change_no_endpoint(editor_api, reader_api, geneva):
    """A delete or a redelivery refused (another editor's endpoint: 404; a reader: 403; a
    position that is none: 400) leaves the endpoint as it was."""
    created = register(editor_api).json()
    path = f"/api/v1/webhooks/{created['id']}/"

    def state():
        return list(Endpoint.objects.values_list("id", "position", "active", "sealed_secret"))

    before = state()
    other_api = client_for(user("other-editor", editor=True))
    refusals = [
        (other_api.delete(path), 404),
        (other_api.post(path + "redeliver/", {"from_position": 1}, format="json"), 404),
        (reader_api.post(path + "redeliver/", {"from_position": 1}, format="json"), 403),
        (editor_api.post(path + "redeliver/", {"from_position": 0}, format="json"), 400),
        # Past the store's next position: the endpoint would wait, silent, for years.
        (editor_api.post(path + "redeliver/", {"from_position": 99999}, format="json"), 400),
        (other_api.post(path + "rotate-secret/"), 404),
        # A field the action does not take was ignored: `x`, and a `secret` of one's own
        # while a random one was issued (an attacker's outside test).
        (editor_api.post(path + "redeliver/", {"from_position": 1, "x": 1}, format="json"), 400),
        (editor_api.post(path + "rotate-secret/", {"secret": "whsec_mine"}, format="json"), 400),
    ]
    assert [answer.status_code for answer, _ in refusals] == [code for _, code in refusals]
    assert state() == before


def test_a_redelivery_past_the_store_says_where_the_store_ends(editor_api, geneva):
    created = register(editor_api).json()
    path = f"/api/v1/webhooks/{created['id']}/redeliver/"
    last = created["position"]
    refused = editor_api.post(path, {"from_position": last + 2}, format="json")
    assert refused.status_code == 400
    message = refused.json()["errors"]["from_position"][0]
    assert f"the event store's last position is {last}" in message
    # From the next position on: only what comes next, a redelivery that means something.
    taken = editor_api.post(path, {"from_position": last + 1}, format="json")
    assert taken.status_code == 200
    assert taken.json()["position"] == last


def test_processes_are_named_by_id_or_slug_and_kept_as_slugs(editor_api, geneva):
    """As everywhere in the API (`{ref}`): an id was refused as "No process '<id>'"."""
    response = register(editor_api, processes=[str(geneva.pk), "colombia-farc-talks-havana"])
    assert response.status_code == 201, response.json()
    assert response.json()["processes"] == [
        "colombia-farc-talks-havana",
        "intra-syrian-talks-geneva",
    ]
    nobody = "00000000-0000-0000-0000-000000000000"
    refused = register(editor_api, processes=[nobody])
    assert refused.status_code == 400
    assert refused.json()["errors"]["processes"] == [f"No process '{nobody}'."]
    assert Endpoint.objects.count() == 1


def test_a_process_named_by_a_number_is_refused(editor_api, actors):
    """A fuzzer's finding: `"processes": [0]` was taken, read as the slug "0" (of a process
    the fuzzer had opened with it)."""
    from negotiations.webhooks.models import Endpoint
    from tests.api.recording import opened_over_http

    assert opened_over_http(editor_api, slug="0") == "0"

    answer = editor_api.post(
        "/api/v1/webhooks/",
        {"url": "https://receiver.example.org/hook", "processes": [0], "kinds": ["event"]},
        format="json",
    )
    assert answer.status_code == 400, answer.content
    assert "processes" in answer.json()["errors"]
    assert not Endpoint.objects.exists()
