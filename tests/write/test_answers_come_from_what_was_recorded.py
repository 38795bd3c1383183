"""A command answers with what it recorded: the event, the process after it, the position.
The API's 201 is built from that answer, not read back from the read models."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api_fixtures import event


def test_the_201_equals_what_the_reads_show_afterwards(app, editor_api, opened):
    posted = editor_api.post(
        f"/api/v1/processes/{opened['slug']}/events/",
        event("talks_convened", venue="Geneva"),
        format="json",
    ).json()

    shown_event = editor_api.get(f"/api/v1/processes/{opened['slug']}/events/").json()
    summary = editor_api.get("/api/v1/processes/").json()["results"][0]
    assert posted["event"] == shown_event["results"][-1]
    assert posted["process"] == summary
    assert posted["position"] == app.recorder.max_notification_id()
    feed = editor_api.get("/api/v1/events/", {"after": posted["position"] - 1}).json()
    assert feed["results"][0]["position"] == posted["position"]


def test_answering_a_write_reads_no_read_model(app, editor_api, opened):
    with CaptureQueriesContext(connection) as queries:
        response = editor_api.post(
            f"/api/v1/processes/{opened['slug']}/events/",
            event("talks_convened", venue="Geneva"),
            format="json",
        )
    assert response.status_code == 201
    read_back = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT")
        and ("negotiations_process" in q["sql"] or "negotiations_timelineentry" in q["sql"])
    ]
    assert read_back == []


def test_a_replayed_key_answers_the_first_answer_from_the_store(app, editor_api, opened):
    body = event("talks_convened", venue="Geneva")
    url = f"/api/v1/processes/{opened['slug']}/events/"
    first = editor_api.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    # Something else happens meanwhile: the replay still tells the first answer.
    editor_api.post(url, event("talks_paused", expected_resumption_on="2016-02-25"), format="json")
    again = editor_api.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")

    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
