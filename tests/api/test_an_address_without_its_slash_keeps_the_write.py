"""An API address without its trailing slash answers 308 to the one with it, in the API's
shape: a client follows it with its method and body. Django's 301 turned a generated
client's POST into a GET of the timeline, which answered 200: the write was lost, and no
error said so."""

import pytest

from tests.api_fixtures import GENEVA
from tests.factories import body_for

EVENTS = f"/api/v1/processes/{GENEVA}/events"


@pytest.mark.parametrize("debug", [False, True])
def test_a_write_to_the_address_without_its_slash_is_sent_on_with_its_method(
    editor_api, app, geneva, settings, debug
):
    settings.DEBUG = debug  # Django's own answer was a 500 with DEBUG on
    before = app.recorder.max_notification_id()
    body = {"type": "statement_made", **body_for("statement_made", "2016-02-06")}
    response = editor_api.post(EVENTS + "?lang=en", body, format="json")
    assert response.status_code == 308
    assert response["Location"] == EVENTS + "/?lang=en"
    assert response.json()["code"] == "moved"
    assert app.recorder.max_notification_id() == before  # nothing recorded, nothing lost
    followed = editor_api.post(response["Location"], body, format="json")
    assert followed.status_code == 201, followed.json()


def test_a_read_is_sent_on_too_and_an_address_of_nothing_is_a_404(anon, geneva):
    response = anon.get("/api/v1/processes")
    assert (response.status_code, response["Location"]) == (308, "/api/v1/processes/")
    nothing = anon.post("/api/v1/nothing-here", {}, format="json")
    assert (nothing.status_code, nothing.json()["code"]) == (404, "not_found")
