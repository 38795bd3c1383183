"""Reads are public; writes need the recording permission (Editors), by token or session."""

import pytest
from rest_framework.test import APIClient

from negotiations.write.runtime import get_application
from tests.api_fixtures import GENEVA, client_for, event
from tests.factories import user

WRITES = [
    ("/api/v1/processes/", {"name": "New talks", "conflict": "X", "mediators": []}),
    (f"/api/v1/processes/{GENEVA}/events/", event("talks_resumed", "2016-06-01")),
    ("/api/v1/actors/", {"slug": "iceland", "name": "Iceland", "kind": "state"}),
]
READS = [
    "/api/v1/processes/",
    f"/api/v1/processes/{GENEVA}/",
    "/api/v1/events/",
    f"/api/v1/processes/{GENEVA}/events/",
    f"/api/v1/processes/{GENEVA}/status/",
    "/api/v1/status-changes/",
    "/api/v1/actors/",
    "/api/v1/causes/",
]


@pytest.mark.parametrize(("url", "body"), WRITES)
@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 401), ("reader", 403), ("staff", 403), ("editor", 201), ("superuser", 201)],
)
def test_write_matrix(geneva, url, body, who, expected):
    users = {
        "anonymous": None,
        "reader": user("r"),
        "staff": user("s", staff=True),
        "superuser": user("su", superuser=True),
    }
    if who == "editor":
        users["editor"] = user("e", editor=True)
    before = get_application().recorder.max_notification_id()
    response = client_for(users[who]).post(url, body, format="json")
    assert response.status_code == expected, response.json()
    if expected >= 400:
        assert response.json()["code"] in ("not_authenticated", "permission_denied")
        assert get_application().recorder.max_notification_id() == before


@pytest.mark.parametrize("url", READS)
def test_reads_are_public_by_default(anon, geneva, url):
    assert anon.get(url).status_code == 200


def test_reads_can_require_a_login(anon, reader_api, geneva, settings):
    settings.PUBLIC_READS = False
    assert anon.get("/api/v1/processes/").status_code == 401
    assert reader_api.get("/api/v1/processes/").status_code == 200


def test_session_writes_need_a_csrf_token(editor, geneva):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(
        f"/api/v1/processes/{GENEVA}/events/", event("talks_resumed", "2016-06-01"), format="json"
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_recorded_by_is_the_authenticated_user(editor_api, geneva):
    response = editor_api.post(
        f"/api/v1/processes/{GENEVA}/events/", event("talks_resumed", "2016-06-01"), format="json"
    )
    assert response.json()["event"]["recorded_by"] == "editor"


def test_a_bad_token_is_refused(geneva):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get("/api/v1/processes/")
    assert response.status_code == 401
