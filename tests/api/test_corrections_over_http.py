"""Corrections and retractions over HTTP: corrected view by default, raw on request."""

from tests.api.recording import correction_of, recorded
from tests.api_fixtures import GENEVA

URL = f"/api/v1/processes/{GENEVA}/events/"
PAUSE = 11  # the pause of 3 February 2016 in the demo
EVENTS = 40  # the demo's Geneva events (two of them corrections: #4 and #17)
CORRECTIONS = (4, 17)


def test_corrected_and_raw_timelines(editor_api, anon, geneva):
    correction = correction_of(
        PAUSE, "The envoy said the 26th", expected_resumption_on="2016-02-26"
    )
    recorded(editor_api, GENEVA, "event_corrected", "2016-02-05", **correction)
    retraction = {"retracts": 3, "reason": "Not part of these talks", "sources": []}
    recorded(editor_api, GENEVA, "event_retracted", "2016-02-05", **retraction)

    corrected = anon.get(URL, {"page_size": 100}).json()["results"]
    assert [e["sequence"] for e in corrected] == [
        n for n in range(1, EVENTS + 1) if n not in CORRECTIONS
    ]
    pause = next(e for e in corrected if e["sequence"] == PAUSE)
    assert pause["expected_resumption_on"] == "2016-02-26"
    assert pause["corrections"][-1]["reason"] == "The envoy said the 26th"
    assert pause["corrections"][-1]["recorded_by"] == "editor"
    assert corrected[2]["retracted"] is True
    assert corrected[2]["retraction_reason"] == "Not part of these talks"

    raw = anon.get(URL, {"raw": "true", "page_size": 100}).json()["results"]
    assert len(raw) == EVENTS + 2
    assert raw[PAUSE - 1]["expected_resumption_on"] == "2016-02-25"
    assert [e["type"] for e in raw[-2:]] == ["event_corrected", "event_retracted"]
    status = anon.get(f"/api/v1/processes/{GENEVA}/status/", {"as_of": "2016-02-10"}).json()
    assert status["expected_resumption_on"] == "2016-02-26"
    # The global feed shows events as recorded.
    feed = anon.get("/api/v1/events/", {"limit": 1000}).json()["results"]
    assert feed[-1]["type"] == "event_retracted"
    assert feed[-1]["retracts"] == 3


def test_known_at_over_http(anon, editor_api, geneva):
    pause_recorded_at = anon.get(URL, {"raw": "true", "page_size": 100}).json()["results"][
        PAUSE - 1
    ]["recorded_at"]
    correction = correction_of(PAUSE, expected_resumption_on="2016-02-26")
    recorded(editor_api, GENEVA, "event_corrected", "2016-02-05", **correction)
    then = anon.get(
        f"/api/v1/processes/{GENEVA}/status/",
        {"as_of": "2016-02-10", "known_at": pause_recorded_at},
    ).json()
    assert then["expected_resumption_on"] == "2016-02-25"
    assert then["version"] == PAUSE


def test_an_amendment_of_an_amendment_is_refused_in_words(editor_api, geneva):
    """It said "#4 is itself a event_corrected", the type's code (an analyst's test)."""
    from tests.api.recording import refused

    correction = correction_of(CORRECTIONS[0], "Again", note="Again")
    status, error = refused(editor_api, GENEVA, "event_corrected", "2016-02-05", **correction)
    assert status == 400
    assert error["errors"]["corrects"] == [
        "#4 is itself a correction: amend the event it corrects."
    ]
    retraction = {"retracts": 3, "reason": "Not part of these talks", "sources": []}
    recorded(editor_api, GENEVA, "event_retracted", "2016-02-05", **retraction)
    status, error = refused(
        editor_api, GENEVA, "event_retracted", "2016-02-05", retracts=EVENTS + 1, reason="x"
    )
    assert error["errors"]["retracts"] == [
        f"#{EVENTS + 1} is itself a retraction: amend the event it retracts."
    ]
