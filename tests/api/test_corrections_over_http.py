"""Corrections and retractions over HTTP: corrected view by default, raw on request."""

from tests.api_fixtures import GENEVA

URL = f"/api/v1/processes/{GENEVA}/events/"


def test_corrected_and_raw_timelines(editor_api, anon, geneva):
    r = editor_api.post(
        URL,
        {
            "type": "event_corrected",
            "occurred_on": "2016-02-05",
            "corrects": 5,
            "changes": {"expected_resumption_on": "2016-02-26"},
            "reason": "The envoy said the 26th",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    r = editor_api.post(
        URL,
        {
            "type": "event_retracted",
            "occurred_on": "2016-02-05",
            "retracts": 3,
            "reason": "Not part of these talks",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()

    corrected = anon.get(URL, {"page_size": 100}).json()["results"]
    assert [e["sequence"] for e in corrected] == list(range(1, 14))
    pause = corrected[4]
    assert pause["expected_resumption_on"] == "2016-02-26"
    assert pause["corrections"][0]["reason"] == "The envoy said the 26th"
    assert pause["corrections"][0]["recorded_by"] == "editor"
    assert corrected[2]["retracted"] is True
    assert corrected[2]["retraction_reason"] == "Not part of these talks"

    raw = anon.get(URL, {"raw": "true", "page_size": 100}).json()["results"]
    assert len(raw) == 15 and raw[4]["expected_resumption_on"] == "2016-02-25"
    assert [e["type"] for e in raw[-2:]] == ["event_corrected", "event_retracted"]
    status = anon.get(f"/api/v1/processes/{GENEVA}/status/", {"as_of": "2016-02-10"}).json()
    assert status["expected_resumption_on"] == "2016-02-26"
    # The global feed shows events as recorded.
    feed = anon.get("/api/v1/events/", {"limit": 1000}).json()["results"]
    assert feed[-1]["type"] == "event_retracted" and feed[-1]["retracts"] == 3


def test_known_at_over_http(anon, editor_api, geneva):
    pause_recorded_at = anon.get(URL, {"page_size": 100}).json()["results"][4]["recorded_at"]
    editor_api.post(
        URL,
        {
            "type": "event_corrected",
            "occurred_on": "2016-02-05",
            "corrects": 5,
            "changes": {"expected_resumption_on": "2016-02-26"},
            "reason": "r",
        },
        format="json",
    )
    then = anon.get(
        f"/api/v1/processes/{GENEVA}/status/",
        {"as_of": "2016-02-10", "known_at": pause_recorded_at},
    ).json()
    assert then["expected_resumption_on"] == "2016-02-25" and then["version"] == 5
