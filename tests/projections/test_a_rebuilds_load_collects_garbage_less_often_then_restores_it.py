"""The rebuild's load makes millions of short-lived objects that reference counting frees, and
almost no cycles: Python's cyclic collector runs less often during it (a fifth of the load's
CPU went to its full collections), and the process's own thresholds are restored after it."""

import gc

import pytest

from negotiations.read.loading import LOAD_GC_THRESHOLD
from negotiations.read.rebuild import rebuild


@pytest.mark.django_db(transaction=True)
def test_the_load_collects_less_often_then_restores_the_thresholds(geneva, app):
    before = gc.get_threshold()
    during = []

    rebuild(app, batch_size=10, on_batch=lambda applied: during.append(gc.get_threshold()))

    assert during
    assert set(during) == {(LOAD_GC_THRESHOLD, *before[1:])} != {before}
    assert gc.get_threshold() == before
