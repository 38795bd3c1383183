"""An event that an older rule accepted is read as it was recorded: projected, amended
around, answered "as known at" and exported, even though today's validation refuses it."""

import json
from datetime import date

import pytest
from django.core.management import call_command

from negotiations.domain.errors import InvalidEvent
from negotiations.domain.process import PeaceProcess
from negotiations.domain.specs import parse_body
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from negotiations.write.runtime import get_application
from tests.factories import SOURCE
from tests.interchange.helpers import export, run_import, switch_to_an_empty_event_store

# Stored under an older vocabulary: a stance and a cause category today's rules do not know.
OLD_STATEMENT = {
    "occurred_on": date(2016, 2, 2),
    "date_precision": "day",
    "sources": [SOURCE],
    "note": "",
    "actor": "turkey",
    "stance": "furious",
    "summary": "No point to talks while Russia bombs.",
    "quote": "",
    "joint_with": [],
    "causes": [
        {
            "category": "air_strikes",
            "description": "Russian bombing.",
            "stated_by": "turkey",
            "source": None,
        }
    ],
}


@pytest.fixture
def with_an_old_event(app, editor_api, opened):
    with pytest.raises(InvalidEvent):
        parse_body(
            "statement_made", {**OLD_STATEMENT, "occurred_on": "2016-02-02"}
        )  # refused by today's rules
    process = app.get_process(app.process_id_for_slug(opened["slug"]))
    process.trigger_event(PeaceProcess.StatementMade, recorded_by="2016-analyst", **OLD_STATEMENT)
    app.save(process)  # straight to the store, as an older version of the tracker did
    catch_up(app)
    return opened["slug"]


def test_it_is_projected_and_shown(editor_api, with_an_old_event):
    events = editor_api.get(f"/api/v1/processes/{with_an_old_event}/events/").json()["results"]
    assert events[-1]["stance"] == "furious"
    assert events[-1]["causes"][0]["category"] == "air_strikes"


def test_an_amendment_after_it_re_derives_the_process_from_the_store(
    app, editor_api, with_an_old_event
):
    url = f"/api/v1/processes/{with_an_old_event}/events/"
    convened = editor_api.post(
        url,
        {"type": "talks_convened", "occurred_on": "2016-02-03", "sources": [SOURCE]},
        format="json",
    )
    assert convened.status_code == 201, convened.json()
    retracted = editor_api.post(
        url,
        {"type": "event_retracted", "occurred_on": "2016-02-04", "retracts": 3, "reason": "Wrong."},
        format="json",
    )
    assert retracted.status_code == 201, retracted.json()
    assert editor_api.get(f"/api/v1/processes/{with_an_old_event}/").json()["status"] == "planned"


def test_it_is_answered_as_known_at_a_past_time(app, editor_api, with_an_old_event):
    process = app.get_process(app.process_id_for_slug(with_an_old_event))
    known_at = process.entries[-1].recorded_at.isoformat().replace("+00:00", "Z")
    response = editor_api.get(
        f"/api/v1/processes/{with_an_old_event}/status/",
        {"as_of": "2016-02-05", "known_at": known_at},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2


def test_it_is_exported_as_recorded(tmp_path, with_an_old_event):
    out = tmp_path / "export.ndjson"
    call_command("export_events", "-o", str(out), stderr=open("/dev/null", "w"))
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines[-1]["stance"] == "furious"
    assert lines[-1]["recorded_by"] == "2016-analyst"


def stored_correction(app, slug: str, event_type: str, corrects: int, changes: dict) -> None:
    """A correction of event `corrects` (of `event_type`) whose `changes` today's rules
    refuse, stored straight to the store as an older version of the tracker did."""
    with pytest.raises(InvalidEvent):
        parse_body(event_type, changes, partial=True)  # refused by today's rules
    process = app.get_process(app.process_id_for_slug(slug))
    process.trigger_event(
        PeaceProcess.EventCorrected,
        recorded_by="2016-analyst",
        occurred_on=date(2016, 2, 10),
        date_precision="day",
        sources=[],
        note="",
        corrects=corrects,
        changes=changes,
        reason="Checked again.",
    )
    app.save(process)
    catch_up(app)


def test_a_stored_correction_a_newer_rule_refuses_is_still_applied(app, editor_api, opened):
    """A correction's `changes` are read on every replay; one an older rule accepted (here a
    cause category today's vocabulary lacks) still corrects its event and is never refused."""
    url = f"/api/v1/processes/{opened['slug']}/events/"
    paused = [
        {"type": "talks_convened", "occurred_on": "2016-02-01", "sources": [SOURCE]},
        {
            "type": "talks_paused",
            "occurred_on": "2016-02-03",
            "expected_resumption_on": "2016-02-25",
            "sources": [SOURCE],
        },
    ]
    for body in paused:
        assert editor_api.post(url, body, format="json").status_code == 201
    changes = {
        "expected_resumption_on": "2016-03-07",
        "causes": [{"category": "air_strikes", "description": "Bombing.", "stated_by": "turkey"}],
    }
    stored_correction(app, opened["slug"], "talks_paused", 3, changes)

    detail = editor_api.get(f"/api/v1/processes/{opened['slug']}/").json()
    assert detail["expected_resumption_on"] == "2016-03-07"
    assert detail["status_causes"][0]["category"] == "air_strikes"
    resumed = editor_api.post(
        url,
        {"type": "talks_resumed", "occurred_on": "2016-03-07", "sources": [SOURCE]},
        format="json",
    )  # a new command replays the history, the stored correction included
    assert resumed.status_code == 201, resumed.json()


def test_a_stored_correction_s_empty_precision_reads_as_the_day_it_was(
    app, editor_api, opened, tmp_path, settings
):
    """A review: a precision of another kind is refused in a new body since this round, but
    a correction stored before with `date_precision: false` (the value an attacker's
    outside test sent, then recorded as the day) was read as sent, no longer as the day:
    the rebuild changed its rows, a new correction of the event was refused for a field it
    did not send, and the export no longer imported."""
    url = f"/api/v1/processes/{opened['slug']}/events/"
    said = {"actor": "turkey", "stance": "critical", "summary": "No point."}
    statement = {"type": "statement_made", "occurred_on": "2016-02-02", "sources": [SOURCE]}
    assert editor_api.post(url, {**statement, **said}, format="json").status_code == 201
    changes = {"date_precision": False, "summary": "  Padded.  "}
    stored_correction(app, opened["slug"], "statement_made", 2, changes)

    events = editor_api.get(url).json()["results"]
    assert (events[1]["date_precision"], events[1]["summary"]) == ("day", "Padded.")
    before = rows_checksum()
    wipe_read_models()
    catch_up(app)
    assert rows_checksum() == before  # a rebuild gives the same rows
    noted = {"type": "event_corrected", "occurred_on": "2016-02-11", "corrects": 2}
    body = {**noted, "changes": {"note": "Checked."}, "reason": "Note."}
    again = editor_api.post(url, body, format="json")
    assert again.status_code == 201, again.json()
    lines = export(tmp_path / "export.ndjson")
    assert any(line.get("changes", {}).get("date_precision") is False for line in lines)
    # and an empty tracker imports it, its rows the same
    rows = rows_checksum()
    wipe_read_models()
    switch_to_an_empty_event_store(settings)
    run_import(tmp_path / "export.ndjson")
    catch_up(get_application())
    assert rows_checksum() == rows
