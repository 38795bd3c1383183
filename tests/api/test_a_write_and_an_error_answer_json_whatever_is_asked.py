"""A machine reader's findings: a write that asked for CSV (`Accept: text/csv`, `?format=csv`)
was recorded and answered a CSV of one header line (no event, no sequence, no position: a
retry without a key recorded it again); an error negotiated as CSV was one "code,detail"
row, its `errors`, `allowed` and `current_version` lost. Both answer JSON now, and the
schema says so (a CSV read's body is text, not a JSON object)."""

from __future__ import annotations

import pytest

from negotiations.read.models import Process
from tests.api.recording import events_url
from tests.api_fixtures import event

CSV = "text/csv"


@pytest.mark.parametrize(
    ("query", "accept"), [("", CSV), ("?format=csv", "application/json"), ("?format=csv", CSV)]
)
def test_a_write_asking_for_csv_answers_the_recorded_event_as_json(
    editor_api, opened, query, accept
):
    url = events_url(opened["slug"]) + query
    body = event("talks_convened", "2016-02-01", venue="Geneva")
    answer = editor_api.post(url, body, format="json", HTTP_ACCEPT=accept)

    assert answer.status_code == 201, answer.content
    assert answer["Content-Type"] == "application/json"
    assert answer.json()["event"]["sequence"] == 2
    assert answer.json()["position"] >= 1
    assert Process.objects.get(slug=opened["slug"]).version == 2


def test_opening_a_process_asking_for_csv_answers_json(editor_api, actors):
    from tests.factories import opening

    answer = editor_api.post("/api/v1/processes/?format=csv", opening(), format="json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["slug"]
    # An If-Match on an opening was ignored: no version of it exists to match.
    again = opening(name="Other talks", slug="other-talks")
    refused = editor_api.post("/api/v1/processes/", again, format="json", HTTP_IF_MATCH='"1"')
    assert (refused.status_code, refused.json()["errors"]) == (
        400,
        {"If-Match": ["A process not yet opened has no version to match."]},
    )
    assert not Process.objects.filter(slug="other-talks").exists()
    # Where it is, absolute (it was relative beside a webhook's absolute one: a test).
    assert answer["Location"] == f"http://testserver/api/v1/processes/{answer.json()['slug']}/"


def test_a_refused_write_asking_for_csv_keeps_its_fields(editor_api, opened):
    answer = editor_api.post(
        events_url(opened["slug"]), {"type": "talks_paused"}, format="json", HTTP_ACCEPT=CSV
    )
    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/json"
    assert answer.json()["errors"]
    conflict = editor_api.post(
        events_url(opened["slug"]),
        event("talks_resumed", "2016-02-01", venue="Geneva"),
        format="json",
        HTTP_ACCEPT=CSV,
    )
    assert conflict.status_code == 409
    assert conflict.json()["allowed"]


def test_a_csv_read_s_error_keeps_its_fields(anon):
    answer = anon.get("/api/v1/processes/", {"format": "csv", "page": "0"})
    assert answer.status_code in (400, 404)
    assert answer["Content-Type"] == "application/json"
    assert answer.json()["code"]
    missing = anon.get("/api/v1/processes/nope/events/", HTTP_ACCEPT=CSV)
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"


def test_the_schema_says_writes_and_errors_answer_json(anon):
    schema = anon.get("/api/v1/schema/", {"format": "json"}).json()
    post = schema["paths"]["/api/v1/processes/{ref}/events/"]["post"]["responses"]
    for code, response in post.items():
        assert set(response.get("content", {})) <= {"application/json"}, (code, response)
    for code in ("201", "400", "409", "503"):  # each documented, as JSON
        assert set(post[code]["content"]) == {"application/json"}, (code, post[code])
    read = schema["paths"]["/api/v1/processes/{ref}/events/"]["get"]["responses"]
    assert set(read["200"]["content"]) >= {"application/json", CSV}
    assert read["200"]["content"][CSV]["schema"] == {"type": "string"}
    for code, response in read.items():
        if int(code) >= 400:
            assert set(response["content"]) == {"application/json"}, code


def test_a_browser_s_write_in_the_browsable_api_keeps_its_page(editor_api, actors):
    """The browsable API's forms POST with Accept: text/html: its page, as before."""
    answer = editor_api.post(
        "/api/v1/actors/",
        {"name": "Browsed Actor", "kind": "person"},
        format="json",
        HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8",
    )
    assert answer.status_code == 201, answer.content
    assert answer["Content-Type"].startswith("text/html")
