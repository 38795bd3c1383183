"""How the rebuild's load runs on its connection: commits that need not reach the disk one by
one, a larger page cache (SQLite), fewer cyclic garbage collections. Used by the rebuilding
process and by each process of a parallel load (`parallel_load`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from negotiations.read.next_tables import postgres


def execute(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


# SQLite: the page cache of the rebuild's connection while it loads (KiB, as a negative
# cache_size): the next tables' unique indexes stay in memory instead of being read back.
LOAD_CACHE_KIB = 65536
# SQLite: the load's WAL is checkpointed every this many pages (64 MB) instead of SQLite's
# 1,000: a page the load rewrites (an index's) is copied into the database once per
# checkpoint, and fewer checkpoints sync the file fewer times (24 commits at 100,000
# events: 1.3-1.5 s in them against 2.1-3.0 s, profiled on a busy machine).
LOAD_CHECKPOINT_PAGES = 16384


@contextmanager
def loading(share: int = 1) -> Iterator[None]:
    """The load's commits need not reach the disk one by one: a crash loses at most the last
    batches of next tables that a crash leaves aside anyway. This connection only, and
    restored before the switch, whose commit is durable as every write's is.

    PostgreSQL: `synchronous_commit` off for the session. SQLite (WAL): `synchronous =
    NORMAL`, not OFF: the WAL is still synced before a checkpoint writes it into the database
    file, so a power cut can lose the load's last commits but cannot corrupt the serving
    tables in the same file, which other connections keep writing (their own `synchronous`
    stands). And a larger page cache, for the next tables' unique indexes (`share`: the
    number of processes loading at once, each given its share of LOAD_CACHE_KIB, so that the
    load's memory does not grow with them), and a larger WAL between checkpoints."""
    if postgres():
        execute(["SET synchronous_commit TO off"])
        try:
            yield
        finally:
            execute(["RESET synchronous_commit"])
        return
    if connection.in_atomic_block:  # SQLite refuses to change them inside a transaction
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        wal = str(cursor.fetchone()[0]).lower() == "wal"
        cursor.execute("PRAGMA synchronous")
        synchronous = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA cache_size")
        cache_size = int(cursor.fetchone()[0])
        # Without WAL, NORMAL could leave a corrupt database after a power cut: keep it.
        if wal:
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute(f"PRAGMA cache_size = {-(LOAD_CACHE_KIB // share)}")
        cursor.execute("PRAGMA wal_autocheckpoint")
        autocheckpoint = int(cursor.fetchone()[0])
        if wal:
            cursor.execute(f"PRAGMA wal_autocheckpoint = {LOAD_CHECKPOINT_PAGES}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous = {synchronous}")
            cursor.execute(f"PRAGMA cache_size = {cache_size}")
            cursor.execute(f"PRAGMA wal_autocheckpoint = {autocheckpoint}")
            if wal:  # the load's last pages, checkpointed here rather than by a writer
                cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")


# The load's cyclic garbage collections: one when this many more container objects are alive
# than at the last (Python's default is 700).
LOAD_GC_THRESHOLD = 100_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The load makes millions of short-lived objects (events, entries, rows), freed by
    reference counting as each batch ends; it makes almost no cycles (334 objects found by the
    collector in a rebuild of 100,000 events). At Python's default threshold (a collection
    each time 700 more container objects are alive), the batch's live objects still set off
    full collections, which scan every object of the process: 17 of them, 1.2-1.5 s of a
    6 s load's CPU on SQLite (docs/performance.md, "B3, third pass"). At 100,000 they are 2,
    and memory stays bounded should cycles appear. The thresholds are restored after."""
    thresholds = gc.get_threshold()
    gc.set_threshold(LOAD_GC_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
