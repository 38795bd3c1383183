"""A catch-up keeps the processes it has read from one batch to the next, but reads them
again when another runner has applied events in between (its copy would be stale)."""

from negotiations.read.rebuild import rows_checksum
from tests.projections.helpers import rebuilt_with_another_runner_between


def test_another_runner_between_two_batches_leaves_the_same_read_models(geneva, app):
    clean = rows_checksum()

    _, interleaved = rebuilt_with_another_runner_between(app, 5)

    assert interleaved == [5]
    assert rows_checksum() == clean
