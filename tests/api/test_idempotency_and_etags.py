"""A retried POST is safe; polling costs little."""

from negotiations.read import selectors
from negotiations.write.runtime import get_application
from tests.api_fixtures import GENEVA, client_for, event
from tests.factories import user

URL = f"/api/v1/processes/{GENEVA}/events/"


def test_a_retry_with_the_same_key_and_body_replays_the_first_response(editor_api, geneva):
    body = event("talks_resumed", "2016-06-01", venue="Geneva")
    first = editor_api.post(URL, body, format="json", headers={"Idempotency-Key": "abc"})
    assert first.status_code == 201
    stored = get_application().recorder.max_notification_id()
    again = editor_api.post(URL, body, format="json", headers={"Idempotency-Key": "abc"})
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["event"] == first.json()["event"]
    assert again.json()["position"] == first.json()["position"]
    assert get_application().recorder.max_notification_id() == stored


def test_the_same_key_with_another_body_is_a_conflict(editor_api, geneva):
    editor_api.post(
        URL, event("talks_resumed", "2016-06-01"), format="json", headers={"Idempotency-Key": "k"}
    )
    stored = get_application().recorder.max_notification_id()
    response = editor_api.post(
        URL, event("talks_resumed", "2016-06-02"), format="json", headers={"Idempotency-Key": "k"}
    )
    assert (response.status_code, response.json()["code"]) == (409, "idempotency_conflict")
    assert get_application().recorder.max_notification_id() == stored


def test_keys_are_per_user(editor_api, geneva, editor):
    other = user("other", editor=True)
    body = event("statement_made", actor="turkey", stance="critical", summary="s")
    a = editor_api.post(URL, body, format="json", headers={"Idempotency-Key": "same"})
    b = client_for(other).post(URL, body, format="json", headers={"Idempotency-Key": "same"})
    assert a.json()["event"]["sequence"] + 1 == b.json()["event"]["sequence"]


def test_a_refused_request_stores_no_key(editor_api, geneva):
    bad = editor_api.post(
        URL,
        event("talks_paused", "2016-06-01", expected_resumption_on="2016-06-10"),
        format="json",
        headers={"Idempotency-Key": "retry-me"},
    )
    assert bad.status_code == 409  # suspended talks cannot be paused
    good = editor_api.post(
        URL,
        event("talks_resumed", "2016-06-01"),
        format="json",
        headers={"Idempotency-Key": "retry-me"},
    )
    assert good.status_code == 201
    assert "Idempotent-Replayed" not in good


def test_etag_is_the_version_and_if_none_match_gives_304(anon, editor_api, geneva):
    """The timeline's ETag is the version; the detail's, which names actors and says whether
    the talks are overdue today, the version, the actor registry's last change
    (test_a_renamed_actor_is_never_not_modified) and the day."""
    registry = f"{selectors.registry_stamp()}.{selectors.today():%Y%m%d}"
    for url, tag in ((f"/api/v1/processes/{GENEVA}/", f'"40.{registry}"'), (URL, '"40"')):
        response = anon.get(url)
        assert response["ETag"] == tag
        for held in (tag, f"W/{tag}", f'"39", {tag}', "*"):
            cached = anon.get(url, headers={"If-None-Match": held})
            assert cached.status_code == 304, held
            assert cached["ETag"] == tag, held
            assert cached.content == b""
        assert anon.get(url, headers={"If-None-Match": '"39"'}).status_code == 200
    # A bad request is refused even when the reader's copy is current.
    bad = anon.get(URL, {"raw": "maybe"}, headers={"If-None-Match": '"40"'})
    assert bad.status_code == 400
    editor_api.post(URL, event("talks_resumed", "2016-06-01"), format="json")
    detail = f'"40.{registry}"'
    response = anon.get(f"/api/v1/processes/{GENEVA}/", headers={"If-None-Match": detail})
    assert response.status_code == 200
    assert response["ETag"] == f'"41.{registry}"'


def test_a_retry_without_the_first_s_if_match_is_a_conflict_that_says_so(editor_api, geneva):
    """The precondition is part of the request: its retry without it is another request,
    and the refusal says what may differ (it said "a different request" only, and the body
    was the same: a machine reader's test)."""
    body = event("talks_resumed", "2016-06-01")
    version = editor_api.get(URL).headers["ETag"]
    first = editor_api.post(
        URL, body, format="json", headers={"Idempotency-Key": "m", "If-Match": version}
    )
    assert first.status_code == 201
    stored = get_application().recorder.max_notification_id()
    again = editor_api.post(URL, body, format="json", headers={"Idempotency-Key": "m"})

    assert (again.status_code, again.json()["code"]) == (409, "idempotency_conflict")
    assert get_application().recorder.max_notification_id() == stored
    assert "another expected_version or If-Match" in again.json()["detail"]
