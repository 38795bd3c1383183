"""Record times carry microseconds everywhere the API shows them, and a `known_at` equal to
an event's `recorded_at` includes that event: a time read from the API can be given back."""

import json
import re

import time_machine

from negotiations.interchange.formats import export_lines
from tests.api.recording import correction_of, events_url, opened_over_http, recorded

MICROSECONDS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")


def test_a_corrections_recorded_at_given_back_as_known_at_sees_the_correction(
    anon, editor_api, actors
):
    with time_machine.travel("2026-03-01T10:00:00Z", tick=False):
        slug = opened_over_http(editor_api)
        recorded(editor_api, slug, "talks_convened", "2016-02-01")
        pause = recorded(
            editor_api, slug, "talks_paused", "2016-02-03", expected_resumption_on="2016-02-25"
        )
    # The correction is recorded half a millisecond into a millisecond: cut to milliseconds,
    # its time would fall before it.
    with time_machine.travel("2026-03-01T10:15:44.466500Z", tick=False):
        correction = correction_of(
            pause["sequence"], "The envoy said the 26th", expected_resumption_on="2016-02-26"
        )
        recorded(editor_api, slug, "event_corrected", "2016-02-05", **correction)
    timeline = anon.get(events_url(slug)).json()["results"]
    correction = timeline[pause["sequence"] - 1]["corrections"][0]
    assert correction["recorded_at"] == "2026-03-01T10:15:44.466500Z"

    status = anon.get(
        f"/api/v1/processes/{slug}/status/",
        {"as_of": "2016-02-10", "known_at": correction["recorded_at"]},
    ).json()
    assert status["expected_resumption_on"] == "2016-02-26"
    assert status["known_at"] == correction["recorded_at"]
    # A microsecond earlier, the correction was not known yet.
    before = anon.get(
        f"/api/v1/processes/{slug}/status/",
        {"as_of": "2016-02-10", "known_at": "2026-03-01T10:15:44.466499Z"},
    ).json()
    assert before["expected_resumption_on"] == "2016-02-25"


def test_every_record_time_shown_has_six_digits_of_microseconds(anon, editor_api, actors):
    # A time on the second exactly is the case Python's isoformat() shortens.
    with time_machine.travel("2026-03-01T10:00:00Z", tick=False):
        slug = opened_over_http(editor_api)
        recorded(editor_api, slug, "talks_convened", "2016-02-01")
        recorded(editor_api, slug, "event_retracted", None, retracts=2, reason="Reported in error")
    shown = []
    for row in anon.get(events_url(slug), {"raw": "true"}).json()["results"]:
        shown.append(row["recorded_at"])
    for row in anon.get(events_url(slug)).json()["results"]:
        shown += [c["recorded_at"] for c in row["corrections"]]
    shown += [r["recorded_at"] for r in anon.get("/api/v1/events/").json()["results"]]
    shown += [r["recorded_at"] for r in anon.get("/api/v1/status-changes/").json()["results"]]
    detail = anon.get(f"/api/v1/processes/{slug}/").json()
    shown += [detail["updated_at"], detail["created_at"]]
    shown += [p["updated_at"] for p in anon.get("/api/v1/processes/").json()["results"]]
    exported = [json.loads(line) for line in export_lines(process_slug=slug)]
    shown += [line["recorded_at"] for line in exported if line["type"] != "actor"]
    assert len(shown) >= 10
    assert [t for t in shown if not MICROSECONDS.match(t)] == []
    assert set(shown) == {"2026-03-01T10:00:00.000000Z"}
