"""A catch-up keeps the processes it has read from one batch to the next, but reads them
again when another runner has applied events in between (its copy would be stale)."""

from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models


def test_another_runner_between_two_batches_leaves_the_same_read_models(geneva, app):
    clean = rows_checksum()
    wipe_read_models()
    interleaved = []

    def another_runner_applies_the_next_batch(applied: int) -> None:
        # After our first batch commits, another runner (a second `run_projections`, or a
        # write whose claim failed) applies the next one before we continue.
        if not interleaved:
            interleaved.append(catch_up(app, batch_size=5, max_batches=1))

    catch_up(app, batch_size=5, on_batch=another_runner_applies_the_next_batch)

    assert interleaved == [5]
    assert rows_checksum() == clean
