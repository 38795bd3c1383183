"""The rebuild's load reads the next batch ahead and decodes it in a thread while a batch is
applied; a read-ahead is used only if the next batch starts where it began: not after
another runner has moved the tracking position, and not when it found the head of the
store (an event recorded since is read then)."""

from negotiations.domain.process import process_id_for
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from tests.factories import body_for
from tests.projections.helpers import rebuilt_with_another_runner_between

GENEVA = "intra-syrian-talks-geneva"


def test_a_read_ahead_is_dropped_after_another_runner_applied_its_events(geneva, app):
    clean = rows_checksum()

    total, interleaved = rebuilt_with_another_runner_between(app, 2, read_ahead=True)

    assert interleaved == [2]
    assert total + 2 == app.recorder.max_notification_id()
    assert rows_checksum() == clean


def test_an_event_recorded_after_the_read_ahead_found_the_head_is_applied(geneva, app):
    stored = app.recorder.max_notification_id()
    wipe_read_models()
    recorded = []

    def a_write_after_the_last_batch(applied: int) -> None:
        # Stored, not projected (as an async node writes): only a catch-up applies it.
        if not recorded:
            inline, app.projection = app.projection, None
            try:
                recorded.append(
                    app.record_event(
                        process_id_for(GENEVA),
                        event_type="statement_made",
                        body=body_for("statement_made", "2016-04-01"),
                        recorded_by="analyst",
                    )
                )
            finally:
                app.projection = inline

    total = catch_up(app, batch_size=stored, on_batch=a_write_after_the_last_batch, read_ahead=True)

    assert total == stored + 1 == app.recorder.max_notification_id()
    with_read_ahead = rows_checksum()
    wipe_read_models()
    catch_up(app)
    assert rows_checksum() == with_read_ahead
