"""The demo is recorded as it was reported, not "now": each event carries the time its source
was published, so `known_at` on the demo tells the story as it was known then."""

import json
from datetime import UTC, datetime
from io import StringIO

from django.core.management import call_command
from django.db import connection

from negotiations.interchange import demo
from negotiations.read.models import TimelineEntry
from tests.factories import body_for


def test_every_demo_event_is_recorded_when_it_was_first_reported(geneva):
    lines = [
        json.loads(line)
        for path in (demo.DATA, demo.NAMES)  # the names are recorded after every other event
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    reported = sorted(
        datetime.fromisoformat(line["recorded_at"]) for line in lines if line["type"] != "actor"
    )

    recorded = list(
        TimelineEntry.objects.order_by("position").values_list("recorded_at", flat=True)
    )

    assert recorded == reported  # store order is the order in which it was reported
    assert max(recorded) < datetime(2024, 1, 1, tzinfo=UTC)  # Sudan, December 2023
    pause = TimelineEntry.objects.get(process=geneva, type="talks_paused", occurred_on="2016-02-03")
    assert pause.recorded_at == datetime(2016, 2, 3, 12, 0, tzinfo=UTC)
    assert pause.recorded["sources"][0]["published_on"] == "2016-02-03"


def test_known_at_on_the_demo_answers_what_was_known_then(geneva, client):
    url = f"/api/v1/processes/{geneva.slug}/status/"

    def status(as_of, known_at):
        return client.get(url, {"as_of": as_of, "known_at": known_at}).json()

    # On 2 February the talks were active, and nobody knew of a pause yet.
    assert status("2016-02-05", "2016-02-02T23:00:00Z")["status"] == "active"
    # Known on the evening of the 3rd: paused, with the envoy's and a UN official's causes.
    evening = status("2016-02-05", "2016-02-03T23:00:00Z")
    assert evening["status"] == "paused"
    assert evening["expected_resumption_on"] == "2016-02-25"
    assert [c["stated_by"] for c in evening["causes"]] == [
        "staffan-de-mistura",
        "staffan-de-mistura",
        "staffan-de-mistura",
        "un-official",
    ]
    # Ban Ki-moon stated his cause in London on the 4th.
    assert status("2016-02-05", "2016-02-04T23:00:00Z")["causes"][-1]["stated_by"] == "ban-ki-moon"


def test_loading_the_demo_again_records_nothing(geneva):
    before = TimelineEntry.objects.count()

    call_command("load_demo", stdout=open("/dev/null", "w"))

    assert TimelineEntry.objects.count() == before


def test_loading_it_again_after_an_analysts_event_counts_no_negative(app, geneva):
    """The report counted the demo's events minus those stored: an event recorded on Geneva
    after the demo made it "-1 events recorded"."""
    demo_events = geneva.version
    app.record_event(
        geneva.id,
        event_type="statement_made",
        body=body_for("statement_made", "2016-03-01"),
        recorded_by="x",
    )
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert f"Intra-Syrian talks (Geneva): 0 events recorded, {demo_events} of the demo's" in (
        out.getvalue()
    )


def test_a_database_holding_another_version_of_the_demo_is_left_as_it_is(app, actors):

    from tests.factories import opening

    # An older demo recorded Geneva "now", with other events.
    app.open_process(
        opening(name="Intra-Syrian talks (Geneva)", slug=demo.GENEVA_SLUG), recorded_by="demo"
    )
    stored = app.recorder.max_notification_id()
    err = StringIO()

    call_command("load_demo", stdout=StringIO(), stderr=err)

    said = err.getvalue()
    assert "another version of the demo" in said
    # And where that database is, for a developer to start again from an empty one.
    assert str(connection.settings_dict["NAME"]) in said
    assert app.recorder.max_notification_id() == stored  # nothing recorded, Havana neither
