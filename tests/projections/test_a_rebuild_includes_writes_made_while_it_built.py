"""Writes go on during a rebuild, projected into the serving tables; the switch catches the
next tables up to the head of the store with writers locked out, so the read models it
switches to hold every event committed before it, equal to a clean build row for row."""

from negotiations.domain.process import process_id_for
from negotiations.read import rebuild as rebuild_module
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from negotiations.write import runtime
from tests.factories import body_for

GENEVA = "intra-syrian-talks-geneva"


def test_events_recorded_after_the_build_are_in_the_switched_read_models(geneva, monkeypatch):
    app = runtime.get_application()
    finish = rebuild_module._finish_next_tables

    def a_write_lands_before_the_switch(ddl):
        finish(ddl)
        app.record_event(
            process_id_for(GENEVA),
            event_type="statement_made",
            body=body_for("statement_made", "2016-04-01"),
            recorded_by="analyst",
        )

    monkeypatch.setattr(rebuild_module, "_finish_next_tables", a_write_lands_before_the_switch)
    done = rebuild_module.rebuild(app, batch_size=10)

    assert done.at_switch == 1
    assert done.events == app.recorder.max_notification_id()
    switched = rows_checksum()
    wipe_read_models()
    catch_up(app)
    assert rows_checksum() == switched
