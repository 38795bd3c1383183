"""An import builds its events on its own fast path (no per-event trigger/mutate round trip,
the store's `put` without `save`): what it stores must be what the commands store, byte for
byte, and the aggregate it leaves must be the one the store replays."""

from django.core.management import call_command

from negotiations.domain.process import PeaceProcess, process_id_for
from negotiations.write import runtime
from tests.factories import body_for, cause, correct, opening, record
from tests.interchange.helpers import run_import, switch_to_an_empty_event_store


def stored_history(app):
    """(originator, version, topic, state) of every stored process event, in store order."""
    rows = []
    for n in app.recorder.select_notifications(start=1, limit=10_000):
        if n.topic.startswith(PeaceProcess.__module__ + ":PeaceProcess"):
            rows.append((n.originator_id, n.originator_version, n.topic, bytes(n.state)))
    return rows


def record_every_kind_of_event(app):
    """A history through the commands: every event type, lists, causes, nested sources, a
    correction and a retraction."""
    opened = app.open_process(opening(description="About it."), recorded_by="alice")
    pid = opened.process_id
    record(app, pid, "talks_scheduled", "2016-01-26")
    record(app, pid, "talks_convened", "2016-01-29", venue="Geneva", format="proximity")
    record(app, pid, "mediator_appointed", "2016-01-30", by="bob")
    record(app, pid, "party_joined", "2016-01-31")
    record(app, pid, "statement_made", "2016-02-01", quote="Said.", causes=[cause()])
    record(
        app, pid, "talks_paused", "2016-02-03", causes=[cause(source=body_for("x")["sources"][0])]
    )
    record(app, pid, "party_withdrew", "2016-02-04")
    record(app, pid, "mediator_stepped_down", "2016-02-05")
    record(app, pid, "talks_resumed", "2016-02-25", venue="Vienna")
    record(app, pid, "talks_suspended", "2016-03-01", date_precision="month")
    correct(app, pid, 10, "2016-03-02", reason="Checked", venue="Geneva")
    app.retract_event(pid, recorded_by="editor", retracts=6, reason="Not said.")
    record(app, pid, "talks_collapsed", "2016-04-01")
    record(app, pid, "talks_convened", "2016-05-01")
    record(app, pid, "talks_concluded", "2016-06-01", outcome="agreement", agreement_title="Deal")
    return pid


def test_an_import_stores_byte_for_byte_what_the_commands_stored(
    app, actors, tmp_path, settings, monkeypatch
):
    pid = record_every_kind_of_event(app)
    by_commands = stored_history(app)
    assert len(by_commands) == 16
    replayed = app.get_process(pid)
    call_command("export_events", "-o", str(tmp_path / "h.ndjson"), stderr=open("/dev/null", "w"))

    switch_to_an_empty_event_store(settings)
    fresh = runtime.get_application()
    plan_check = []
    real_record = PeaceProcess.record

    def record_and_keep(self, *args, **kwargs):  # the entries the import's aggregate took
        entry = real_record(self, *args, **kwargs)
        plan_check.append(entry)
        return entry

    monkeypatch.setattr(PeaceProcess, "record", record_and_keep)
    run_import(tmp_path / "h.ndjson")

    assert stored_history(fresh) == by_commands
    # The entries the import recorded are the ones the store gives back, field for field
    # and in the same key order (answers and exports list the values in it).
    assert [(e, list(e.values)) for e in plan_check] == [
        (e, list(e.values)) for e in replayed.entries[1:]
    ]
    again = fresh.get_process(process_id_for("test-talks"))
    assert again.entries == replayed.entries
    assert again.situation == replayed.situation
    assert again.version == replayed.version == 16
