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
from tests.factories import SOURCE

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
    with pytest.raises(InvalidEvent):
        parse_body("talks_paused", changes, partial=True)  # refused by today's rules
    process = app.get_process(app.process_id_for_slug(opened["slug"]))
    process.trigger_event(
        PeaceProcess.EventCorrected,
        recorded_by="2016-analyst",
        occurred_on=date(2016, 2, 10),
        date_precision="day",
        sources=[],
        note="",
        corrects=3,
        changes=changes,
        reason="The UN moved the date.",
    )
    app.save(process)  # straight to the store, as an older version of the tracker did
    catch_up(app)

    detail = editor_api.get(f"/api/v1/processes/{opened['slug']}/").json()
    assert detail["expected_resumption_on"] == "2016-03-07"
    assert detail["status_causes"][0]["category"] == "air_strikes"
    resumed = editor_api.post(
        url,
        {"type": "talks_resumed", "occurred_on": "2016-03-07", "sources": [SOURCE]},
        format="json",
    )  # a new command replays the history, the stored correction included
    assert resumed.status_code == 201, resumed.json()
