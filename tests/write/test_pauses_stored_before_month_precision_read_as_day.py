"""Pauses and scheduled talks stored before `expected_resumption_precision` and
`scheduled_for_precision` existed (class version 1, no such field in the stored state) still
load, fold, project, rebuild and export, read as day-precise: the library upcasts them as it
reads them, and nothing stored is rewritten (issue 23, item 14). So are agreements signed
before `concluded` existed: signed, as each of them was recorded."""

import json

import pytest
from django.core.management import call_command

from negotiations.domain.process import EVENT_CLASSES, _complete
from negotiations.read.models import Process
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from tests.factories import opening, parsed, record

OLD_FIELDS = {
    "talks_paused": "expected_resumption_precision",
    "talks_scheduled": "scheduled_for_precision",
    "agreement_signed": "concluded",
}


def append_as_version_1(app, monkeypatch, process_id, event_type, occurred_on, **fields):
    """Append an event as the code before month precision stored it: class version 1 and no
    precision field in its state."""
    process = app.get_process(process_id)
    values = _complete(event_type, parsed(event_type, occurred_on, **fields))
    process.trigger_event(EVENT_CLASSES[event_type], recorded_by="older-code", **values)
    vars(process.pending_events[-1]).pop(OLD_FIELDS[event_type])
    with monkeypatch.context() as m:
        m.setattr(EVENT_CLASSES[event_type], "class_version", 1)
        app.save(process)


@pytest.fixture
def stored_at_version_1(app, actors, monkeypatch):
    pid = app.open_process(opening(), recorded_by="analyst").process_id
    record(app, pid, "talks_convened", "2016-02-01")
    append_as_version_1(
        app, monkeypatch, pid, "talks_paused", "2016-02-03", expected_resumption_on="2016-02-25"
    )
    append_as_version_1(
        app,
        monkeypatch,
        pid,
        "talks_scheduled",
        "2016-02-26",
        scheduled_for="2016-03-07",
        venue="Geneva",
    )
    catch_up(app)
    return pid


def test_the_stored_state_has_no_precision_and_reads_as_day(app, stored_at_version_1):
    stored = app.recorder.select_events(stored_at_version_1)
    states = {e.topic.rsplit(".", 1)[1]: json.loads(e.state) for e in stored}
    assert "expected_resumption_precision" not in states["TalksPaused"]
    assert "class_version" not in states["TalksPaused"]
    assert "scheduled_for_precision" not in states["TalksScheduled"]

    entries = app.get_process_at(stored_at_version_1, 4).entries  # read from the store
    assert entries[2].values["expected_resumption_precision"] == "day"
    assert entries[3].values["scheduled_for_precision"] == "day"
    process = Process.objects.get(id=stored_at_version_1)
    assert (process.expected_resumption_on.isoformat(), process.expected_resumption_precision) == (
        "2016-03-07",
        "day",
    )


def test_they_rebuild_and_export_as_day(app, stored_at_version_1, tmp_path):
    before = rows_checksum(positions=False)
    wipe_read_models()
    call_command("rebuild_projections", stdout=open("/dev/null", "w"))
    assert rows_checksum(positions=False) == before
    path = tmp_path / "out.ndjson"
    call_command("export_events", "-o", str(path), stderr=open("/dev/null", "w"))
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    paused = next(line for line in lines if line["type"] == "talks_paused")
    assert paused["expected_resumption_precision"] == "day"


def test_an_agreement_stored_before_concluded_existed_reads_as_signed(app, actors, monkeypatch):
    from negotiations.read.models import Agreement

    pid = app.open_process(opening(), recorded_by="analyst").process_id
    record(app, pid, "talks_convened", "2016-02-01")
    # The factories' signing: the cessation of hostilities, a ceasefire signed by two.
    append_as_version_1(app, monkeypatch, pid, "agreement_signed", "2016-02-22")
    catch_up(app)
    [stored] = [e for e in app.recorder.select_events(pid) if e.topic.endswith("AgreementSigned")]
    assert "concluded" not in json.loads(stored.state)
    assert app.get_process(pid).entries[-1].values["concluded"] == "signed"
    assert Agreement.objects.get(slug="cessation").concluded == "signed"
