"""The status-change log polled by store position (`after`) misses no row, whatever the
record times say: two writers take their record times before they commit, and the later
commit can carry the earlier time. An outside reader's test found it under four writers on
PostgreSQL (2 of 3,029 rows never seen by a poller asking from the last `recorded_at`, times
inverted by up to 7 ms). Here the inversion is made by the clock: a row committed second
with the earlier time."""

from __future__ import annotations

import time_machine

from tests.api.recording import opened_over_http, recorded
from tests.factories import cause

LOG = "/api/v1/status-changes/"


def test_a_later_commit_with_an_earlier_time_is_met_by_position(anon, editor_api, actors):
    first = opened_over_http(editor_api, slug="first-talks", name="First talks")
    second = opened_over_http(editor_api, slug="second-talks", name="Second talks")
    with time_machine.travel("2026-03-01T10:00:00.500000Z", tick=False):
        recorded(editor_api, first, "talks_convened", "2016-02-01")
    seen = anon.get(LOG, {"after": 0}).json()["results"]
    assert [r["process_slug"] for r in seen] == ["first-talks"]
    last = seen[-1]
    # Committed after the poller's read, stamped a little earlier.
    with time_machine.travel("2026-03-01T10:00:00.493000Z", tick=False):
        recorded(editor_api, second, "talks_convened", "2016-02-01")

    by_time = anon.get(LOG, {"since": last["recorded_at"]}).json()["results"]
    assert [r["process_slug"] for r in by_time] == ["first-talks"]  # what `since` cannot see
    by_position = anon.get(LOG, {"after": last["position"]}).json()["results"]
    assert [r["process_slug"] for r in by_position] == ["second-talks"]
    assert by_position[0]["position"] > last["position"]


def test_rows_come_in_store_order_and_a_cursor_past_the_store_is_refused(anon, editor_api, actors):
    slug = opened_over_http(editor_api)
    recorded(editor_api, slug, "talks_convened", "2016-02-01")
    recorded(editor_api, slug, "talks_suspended", "2016-02-03", causes=[cause()])
    rows = anon.get(LOG, {"after": 0}).json()["results"]
    assert [r["to_status"] for r in rows] == ["active", "suspended"]
    positions = [r["position"] for r in rows]
    assert positions == sorted(positions)
    assert len(set(positions)) == 2
    assert anon.get(LOG, {"after": positions[-1]}).json()["results"] == []

    past = anon.get(LOG, {"after": 10_000})
    assert past.status_code == 400
    assert "last position is" in past.json()["errors"]["after"][0]
    for bad in ("-1", "x", "1.5"):
        assert anon.get(LOG, {"after": bad}).status_code == 400, bad
