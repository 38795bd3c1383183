"""A record time is written with its microseconds wherever it is shown: a cut one ("as known at
10:00:00.123") would miss the event recorded at 10:00:00.123456 that it names. The read models'
JSON columns (a correction's time inside the timeline row), the API's answers, the board's
Atom feed and the export all write it through the one encoder (write.records)."""

import json

import time_machine
from django.core.management import call_command

from tests.api.recording import correction_of, events_url, opened_over_http, recorded

RECORDED = "2026-03-01T10:00:00.123456Z"
CORRECTED = "2026-03-01T11:00:00.654321Z"


def test_microseconds_survive_the_api_the_feeds_and_the_export(actors, anon, editor_api, tmp_path):
    with time_machine.travel(RECORDED, tick=False):
        slug = opened_over_http(editor_api, occurred_on="2016-01-25")
        convened = recorded(editor_api, slug, "talks_convened", "2016-02-01")
    assert convened["recorded_at"] == RECORDED  # the 201
    with time_machine.travel(CORRECTED, tick=False):
        recorded(
            editor_api,
            slug,
            "event_corrected",
            "2016-02-05",
            **correction_of(convened["sequence"], occurred_on="2016-02-02"),
        )

    # The API: the timeline, the correction inside the event's row, the process, the feeds.
    timeline = anon.get(events_url(slug)).json()["results"]
    shown = next(e for e in timeline if e["sequence"] == convened["sequence"])
    assert shown["recorded_at"] == RECORDED
    assert [c["recorded_at"] for c in shown["corrections"]] == [CORRECTED]
    assert anon.get(f"/api/v1/processes/{slug}/").json()["updated_at"] == CORRECTED
    listed = anon.get("/api/v1/processes/").json()["results"]
    assert [p["updated_at"] for p in listed] == [CORRECTED]
    changes = anon.get("/api/v1/status-changes/").json()["results"]
    assert RECORDED in {c["recorded_at"] for c in changes}
    events = anon.get("/api/v1/events/").json()["results"]
    assert {e["recorded_at"] for e in events} == {RECORDED, CORRECTED}

    # The board's Atom feed (RFC 3339 keeps the fraction).
    atom = anon.get(f"/processes/{slug}/feed.atom").content.decode()
    assert "2026-03-01T10:00:00.123456" in atom
    assert "2026-03-01T11:00:00.654321" in atom

    # The export, read from the store.
    path = tmp_path / "all.ndjson"
    call_command("export_events", "-o", str(path), stderr=open("/dev/null", "w"))
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    times = {line["recorded_at"] for line in lines if line.get("process") == slug}
    assert times == {RECORDED, CORRECTED}
