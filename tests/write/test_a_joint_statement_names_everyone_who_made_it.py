"""A joint statement (the Havana joint communiqués, the US-Saudi statements on the Jeddah
talks) is one event naming everyone who made it: its actor, then `joint_with`. The API, the
CSV import, the board, the digest and the webhooks name them all; a statement stored before
the field existed reads as its actor's alone."""

import json
from datetime import date

import pytest

from negotiations.digests.compose import compose_digest, render_digest
from negotiations.digests.models import FollowedProcess, Subscription
from negotiations.domain.process import EVENT_CLASSES, _complete
from negotiations.read.models import TimelineEntry
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from negotiations.webhooks.payloads import actor_names
from tests.api.recording import events_url, recorded, refused
from tests.digests.conftest import load_geneva_until, record_at_noon
from tests.factories import body_for, cause, parsed
from tests.interchange.helpers import run_import

JOINT = {
    "actor": "saudi-arabia",
    "joint_with": ["united-states"],
    "stance": "supportive",
    "summary": "The facilitators welcome the start of pre-negotiation talks.",
}


def test_the_api_takes_it_and_the_board_names_both(client, editor_api, opened):
    made = recorded(editor_api, opened["slug"], "statement_made", "2016-02-01", **JOINT)
    assert made["joint_with"] == ["united-states"]
    timeline = editor_api.get(events_url(opened["slug"])).json()["results"]
    assert timeline[-1]["joint_with"] == ["united-states"]

    page = client.get(f"/processes/{opened['slug']}/").content.decode()
    # The timeline's line names both, in the order recorded.
    line = next(t for t in page.split("<li") if "pre-negotiation talks" in t)
    assert "Saudi Arabia" in line, line
    assert line.index("Saudi Arabia") < line.index("United States"), line


@pytest.mark.parametrize(
    ("joint_with", "field", "words"),
    [
        (["saudi-arabia"], "joint_with", "Name the statement's actor once"),
        (["no-such-actor"], "joint_with[0]", "no-such-actor"),
        (["united-states", "united-states"], "joint_with", "listed twice"),
    ],
)
def test_a_bad_list_is_refused_and_nothing_is_stored(editor_api, opened, joint_with, field, words):
    status, error = refused(
        editor_api,
        opened["slug"],
        "statement_made",
        "2016-02-01",
        **{**JOINT, "joint_with": joint_with},
    )
    assert status == 400
    assert words in " ".join(error["errors"][field]), error


def test_the_digest_titles_it_with_everyone(app, actors):
    geneva = load_geneva_until(app, "2016-02-03")
    subscription = Subscription.objects.create(email="d@example.org", frequency="daily")
    FollowedProcess.objects.create(subscription=subscription, process=geneva)
    record_at_noon(
        app,
        geneva.id,
        "2016-02-10",
        "statement_made",
        actor="russia",
        joint_with=["united-states"],
        stance="supportive",
        summary="The co-chairs call for a cessation of hostilities.",
    )
    digest = compose_digest(subscription, date(2016, 2, 10), date(2016, 2, 10))
    (statement,) = digest.reports[0].statements
    assert statement.title == "Russia, United States (supportive)"
    _, text, html = render_digest(digest, unsubscribe_url="http://x/u/t/")
    assert "Russia, United States (supportive)" in text


def test_the_webhook_names_everyone(app, actors, opened):
    made = app.record_event(
        app.process_id_for_slug(opened["slug"]),
        event_type="statement_made",
        body=body_for("statement_made", **JOINT, causes=[cause(stated_by="riad-hijab")]),
        recorded_by="x",
    )
    names = actor_names(made.entry.values)
    assert names == {
        "saudi-arabia": "Saudi Arabia",
        "united-states": "United States",
        "riad-hijab": actors["riad-hijab"].name,
    }


def test_a_csv_row_lists_them_separated_by_semicolons(app, actors, opened, tmp_path):
    path = tmp_path / "joint.csv"
    path.write_text(
        "process,type,occurred_on,source1_url,source1_outlet,actor,joint_with,stance,summary\n"
        f"{opened['slug']},statement_made,2016-02-02,https://example.org/j,Wire,"
        "colombian-government,farc-ep; cuba,supportive,Joint communiqué.\n"
    )
    run_import(path)
    row = TimelineEntry.objects.filter(type="statement_made").get()
    assert row.recorded["joint_with"] == ["farc-ep", "cuba"]


def test_one_stored_before_the_field_reads_as_its_actor_s_alone(app, actors, opened, monkeypatch):
    """Stored at class version 1, no `joint_with` in its state: the library upcasts it."""
    pid = app.process_id_for_slug(opened["slug"])
    process = app.get_process(pid)
    values = _complete("statement_made", parsed("statement_made"))
    values.pop("joint_with")
    event_class = EVENT_CLASSES["statement_made"]
    with monkeypatch.context() as m:
        # The class as it was: no such field, version 1.
        m.setattr(event_class, "class_version", 1)
        process.trigger_event(event_class, recorded_by="older-code", **values, joint_with=[])
        vars(process.pending_events[-1]).pop("joint_with")
        app.save(process)
    (stored,) = [e for e in app.recorder.select_events(pid) if e.topic.endswith("StatementMade")]
    assert "joint_with" not in json.loads(stored.state)
    assert app.get_process(pid).entries[-1].values["joint_with"] == []
    catch_up(app)
    row = TimelineEntry.objects.get(process_id=pid, type="statement_made")
    assert row.recorded["joint_with"] == []
    before = rows_checksum(positions=False)
    wipe_read_models()
    catch_up(app)
    assert rows_checksum(positions=False) == before
