"""The rules of issue 23 bind new commands only. Events that older code accepted and that
break them (appended here with the library directly, as that code did) are read, folded,
projected, rebuilt and exported as recorded; the process still takes new events."""

import datetime
import json

from rest_framework.test import APIClient

from negotiations.domain.process import EVENT_CLASSES, _complete
from negotiations.domain.specs import parse_body
from negotiations.interchange.formats import export_lines
from negotiations.read.models import Process
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from tests.factories import body_for, opening


def append_as_older_code_did(app, process_id, event_type, body):
    """Append an event with no check but the body's own, bypassing today's rules."""
    process = app.get_process(process_id)
    values = _complete(event_type, parse_body(event_type, body))
    process.trigger_event(EVENT_CLASSES[event_type], recorded_by="older-code", **values)
    app.save(process)
    catch_up(app)


def test_events_breaking_the_rules_of_issue_23_still_fold_and_rebuild(app, actors):
    pid = app.open_process(opening(occurred_on="2016-03-01"), recorded_by="analyst").process_id
    D = datetime.date
    # Convened before the opening (2), talks announced after their date (3), concluded on
    # the 31st (4) and resumed "in October" after it (5), under a name with U+202E (6).
    append_as_older_code_did(app, pid, "talks_convened", body_for("talks_convened", "2016-02-01"))
    append_as_older_code_did(
        app,
        pid,
        "talks_scheduled",
        body_for("talks_scheduled", "2016-03-10", scheduled_for="2016-03-05"),
    )
    append_as_older_code_did(
        app, pid, "talks_concluded", body_for("talks_concluded", "2016-10-31", outcome="agreement")
    )
    append_as_older_code_did(
        app, pid, "talks_resumed", body_for("talks_resumed", "2016-10-01", date_precision="month")
    )
    renamed = {**body_for("event_corrected", "2016-11-02"), "corrects": 1, "reason": "r"}
    renamed["changes"] = {"name": "Talks \u202eevil"}
    append_as_older_code_did(app, pid, "event_corrected", renamed)

    process = Process.objects.get(id=pid)
    assert (process.version, process.status, process.name) == (6, "active", "Talks \u202eevil")
    assert (process.status_since, process.status_since_precision) == (D(2016, 10, 1), "month")
    api, slug = APIClient(), process.slug
    # With no day of October left after the 31st, the stored resumption takes that day.
    answer = api.get(f"/api/v1/processes/{slug}/status/", {"as_of": "2016-10-31"}).json()
    assert answer["status"] == "active"
    assert (
        api.get(f"/api/v1/processes/{slug}/status/", {"as_of": "2016-02-10"}).json()["status"]
        == "active"
    )
    exported = [json.loads(line) for line in export_lines(process_slug=slug)]
    assert [e["type"] for e in exported][-5:] == [
        "talks_convened",
        "talks_scheduled",
        "talks_concluded",
        "talks_resumed",
        "event_corrected",
    ]
    before = rows_checksum()
    wipe_read_models()
    catch_up(app)
    assert rows_checksum() == before

    # A new command passes today's rules; the old events do not stand in the way.
    app.make_statement(
        pid, recorded_by="analyst", **body_for("statement_made", "2016-11-03", summary="Still on.")
    )
    assert Process.objects.get(id=pid).version == 7
