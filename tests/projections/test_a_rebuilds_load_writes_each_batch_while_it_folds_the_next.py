"""The rebuild's load on PostgreSQL writes each batch from a thread of its own while the next
is folded (`load.load`): the same rows as the projection applying the batches one after the
other, in batches of any size, amendments and processes read back from their rows included
(those batches are applied on the load's own thread once the writer has caught up)."""

from contextlib import nullcontext

import pytest
from django.db import IntegrityError

from negotiations.read import load as load_module
from negotiations.read.load import load
from negotiations.read.models import ProjectionPosition
from negotiations.read.rebuild import rows_checksum, wipe_read_models


@pytest.mark.parametrize("batch_size", [1, 7, 500])
@pytest.mark.django_db(transaction=True)
def test_the_load_writes_the_rows_batch_by_batch_application_writes(
    geneva, app, monkeypatch, batch_size
):
    clean = rows_checksum()
    wipe_read_models()
    by_the_writer, here = [], []
    write, apply_here = load_module._write, load_module._apply_here

    def counted_write(*args):
        by_the_writer.append(args[1].count)
        write(*args)

    def counted_here(read, *args):
        here.append(read.count)
        apply_here(read, *args)

    monkeypatch.setattr(load_module, "_write", counted_write)
    monkeypatch.setattr(load_module, "_apply_here", counted_here)

    applied = load(app, batch_size=batch_size, on_next=nullcontext)

    assert applied == sum(by_the_writer) + sum(here) == app.recorder.max_notification_id()
    assert here  # the amendments' batches, after the writer's
    if batch_size < 500:  # (500: the whole store is one batch, with amendments)
        assert by_the_writer  # batches written beside the fold
    assert rows_checksum() == clean


@pytest.mark.django_db(transaction=True)
def test_a_batch_refused_by_the_writer_stops_the_load(geneva, app):
    wipe_read_models()
    load(app, batch_size=50, on_next=nullcontext)

    # The tracking position says nothing is applied; the rows say otherwise.
    ProjectionPosition.objects.update(position=0)
    before = rows_checksum()
    with pytest.raises(IntegrityError, match="applied already"):
        load(app, batch_size=50, on_next=nullcontext)
    assert rows_checksum() == before
