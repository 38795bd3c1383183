"""New rules bind new commands only. Events an older rule accepted (here appended with the
library directly, as the older code did) are read, projected, rebuilt and exported as they
were recorded, and the process still takes new events."""

import datetime
import json

from rest_framework.test import APIClient

from negotiations.domain.process import EVENT_CLASSES, _complete
from negotiations.domain.specs import parse_body
from negotiations.interchange.formats import export_lines
from negotiations.read.models import Process
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from tests.factories import body_for, correct, opening


def append_as_older_code_did(app, process_id, event_type, body):
    """Append an event with no check but the body's own, bypassing today's rules."""
    process = app.get_process(process_id)
    values = _complete(event_type, parse_body(event_type, body))
    process.trigger_event(EVENT_CLASSES[event_type], recorded_by="older-code", **values)
    app.save(process)  # straight to the store: no command, so no inline projection
    catch_up(app)


def test_events_older_rules_accepted_are_read_projected_rebuilt_and_exported(app, actors):
    pid = app.open_process(opening(), recorded_by="analyst").process_id
    app.convene_talks(pid, recorded_by="analyst", **body_for("talks_convened", "2016-02-01"))
    # A pause expected to end before it began (3), a statement dated in 2031 (4), a statement
    # on the 12th (5) given month precision by a correction (6).
    append_as_older_code_did(
        app,
        pid,
        "talks_paused",
        body_for("talks_paused", "2016-02-03", expected_resumption_on="2016-01-15"),
    )
    append_as_older_code_did(app, pid, "statement_made", body_for("statement_made", "2031-01-01"))
    append_as_older_code_did(app, pid, "statement_made", body_for("statement_made", "2016-02-12"))
    append_as_older_code_did(
        app,
        pid,
        "event_corrected",
        {
            "occurred_on": "2016-02-13",
            "corrects": 5,
            "changes": {"date_precision": "month"},
            "reason": "r",
        },
    )
    process = Process.objects.get(id=pid)
    assert (process.version, process.status, process.last_event_on) == (
        6,
        "paused",
        datetime.date(2031, 1, 1),
    )

    api, slug = APIClient(), process.slug
    events = api.get(f"/api/v1/processes/{slug}/events/").json()["results"]
    assert events[2]["expected_resumption_on"] == "2016-01-15"
    assert events[4]["date_precision"] == "month"
    assert events[4]["occurred_on"] == "2016-02-12"
    then = api.get(
        f"/api/v1/processes/{slug}/status/",
        {
            "as_of": "2016-02-10",
            "known_at": f"{datetime.datetime.now(datetime.UTC):%Y-%m-%dT%H:%M:%S.%fZ}",
        },
    ).json()
    assert (then["status"], then["expected_resumption_on"], then["overdue"]) == (
        "paused",
        "2016-01-15",
        True,
    )
    assert len(api.get("/api/v1/status-changes/", {"process": slug}).json()["results"]) == 2
    assert len(api.get("/api/v1/events/").json()["results"]) == 6
    exported = [json.loads(line) for line in export_lines(process_slug=slug)]
    assert [e["type"] for e in exported][-2:] == ["statement_made", "event_corrected"]

    before = rows_checksum()
    wipe_read_models()
    catch_up(app)
    assert rows_checksum() == before

    # New commands are checked by today's rules, and the old events do not stand in the way.
    app.resume_talks(pid, recorded_by="analyst", **body_for("talks_resumed", "2016-02-20"))
    correct(
        app,
        pid,
        2,
        "2016-02-21",
        by="analyst",
        reason="Detail",
        note="Opened in the Palais des Nations.",
    )
    assert Process.objects.get(id=pid).status == "active"
