"""The rebuild's load on PostgreSQL: the projection's batches with each batch's writes sent
from a thread of their own while the next batch is folded.

A batch written by `catch_up` keeps its client waiting while the server takes its COPYs,
updates and commit (about 16 s of a 49-s rebuild of 1,000,000 events: docs/performance.md,
"B3, fourth pass"). Here the main thread folds batch n+1 while a writer thread, on a
connection of its own, writes batch n in its own transaction with the tracking position,
exactly as `catch_up` would (the same rows, the same statements, in order: the writer runs
one batch at a time). The events are read from the store on the main thread and decoded on
a third, as `catch_up`'s read-ahead does.

The fold keeps each process's state in memory from batch to batch (`Batch`), so it needs the
database only for a process it has not seen, an agreement of a process read from its row, or
an amendment (which re-derives its process from the stored rows). A batch with any of these
waits for the writer and is applied by `catch_up`'s own way, on this thread, before the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager

from django.db import IntegrityError, connection, transaction

from negotiations.domain.history import AMENDMENTS
from negotiations.domain.registry import OPENING
from negotiations.read.models import ProjectionPosition
from negotiations.read.projections import (
    CARRIED_PROCESSES,
    PROJECTION,
    Batch,
    apply_entry,
    catch_up,
    last_applied,
    store_history,
)
from negotiations.read.store_reads import Read, decoded, select
from negotiations.write.application import PeaceProcesses


def _needs_the_database(read: Read, batch: Batch) -> bool:
    """Whether folding `read` reads rows (which must then hold every batch before it)."""
    if len(batch.processes) > CARRIED_PROCESSES:
        return True
    for _, entry, process_id in read.decoded:
        if entry.type in AMENDMENTS or process_id in batch.agreement_changes.unread:
            return True
        if entry.type != OPENING and process_id not in batch.processes:
            return True
    return False


def _written(write: Callable[[], None], read: Read, after: int) -> None:
    """One batch's rows (`write`) and the tracking position, in the caller's transaction, as
    `catch_up` writes them: refused before any row if the position is not where this load
    left it."""
    tracking = ProjectionPosition.objects.select_for_update().get(name=PROJECTION)
    if tracking.position != after or last_applied() >= read.first:
        raise IntegrityError("Events from this position are applied already.")
    write()
    tracking.position = read.last
    tracking.save(update_fields=["position"])


def _write(
    write: Callable[[], None],
    read: Read,
    after: int,
    on_next: Callable[[], AbstractContextManager[None]],
) -> None:
    """The writer thread's work for one batch: one transaction, on this thread's connection
    pointed at the next tables (`on_next`)."""
    with transaction.atomic(), on_next():
        _written(write, read, after)


def _apply_here(read: Read, batch: Batch, after: int) -> None:
    """Fold and write one batch on this thread, reading rows as the fold needs them."""

    def fold_and_write() -> None:
        for at, entry, process_id in read.decoded:
            apply_entry(entry, process_id, at, batch)
        batch.flush()

    with transaction.atomic():
        _written(fold_and_write, read, after)


def _close_connection() -> None:
    connection.close()  # the writer thread's own


@contextmanager
def _threads() -> Iterator[tuple[ThreadPoolExecutor, ThreadPoolExecutor]]:
    reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="read-ahead")
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="writer")
    try:
        yield reader, writer
    finally:
        reader.shutdown(wait=True, cancel_futures=True)
        writer.submit(_close_connection)
        writer.shutdown(wait=True)


def load(
    app: PeaceProcesses,
    *,
    batch_size: int,
    on_next: Callable[[], AbstractContextManager[None]],
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Apply every event not yet applied, as `catch_up` (see the module's docstring); return
    how many. `on_next` points a connection at the tables being loaded, for one transaction
    (the writer's). Inside a transaction (another connection would not see its tables) this
    is `catch_up` itself."""
    if connection.in_atomic_block:
        return catch_up(app, batch_size=batch_size, on_batch=on_batch, read_ahead=True)
    tracking, _ = ProjectionPosition.objects.get_or_create(name=PROJECTION)
    position = tracking.position
    applied = 0
    batch = Batch(store_history(app))
    written: Future[None] | None = None
    with _threads() as (reader, writer):
        ahead = reader.submit(decoded, select(app, position + 1, batch_size), position + 1, app)
        while True:
            read = ahead.result()
            if not read.count:
                break
            following = read.last + 1
            ahead = reader.submit(decoded, select(app, following, batch_size), following, app)
            if _needs_the_database(read, batch):
                if written is not None:  # the rows it reads must hold every batch before
                    written.result()
                    written = None
                if len(batch.processes) > CARRIED_PROCESSES:  # memory stays flat
                    batch = Batch(store_history(app))
                _apply_here(read, batch, position)
            else:
                for at, entry, process_id in read.decoded:
                    apply_entry(entry, process_id, at, batch)
                write = batch.gathered()
                if written is not None:
                    written.result()
                written = writer.submit(_write, write, read, position, on_next)
            position = read.last
            applied += read.count
            if on_batch:
                on_batch(read.count)
        if written is not None:
            written.result()
    return applied
