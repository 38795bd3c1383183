"""The rebuild's load need not wait for each batch's commit to reach the disk (a crash loses
only next tables a crash leaves aside anyway): PostgreSQL's `synchronous_commit` off, SQLite's
`synchronous` NORMAL in WAL mode, for the rebuild's connection, and restored before the
switch, whose commit is as durable as every write's. On SQLite the load's WAL is also
checkpointed less often, and the connection's own interval restored after it."""

import pytest
from django.db import connection

from negotiations.read.loading import LOAD_CHECKPOINT_PAGES
from negotiations.read.rebuild import rebuild


def durability() -> object:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous")
        return int(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_the_load_commits_without_a_sync_each_and_the_switch_with_one(geneva, app):
    before = durability()
    during = []

    rebuild(app, batch_size=10, on_batch=lambda applied: during.append(durability()))

    assert during
    relaxed = "off" if connection.vendor == "postgresql" else 1  # NORMAL
    assert set(during) == {relaxed} != {before}
    assert durability() == before


def checkpoint_pages() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        return int(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_the_sqlite_load_checkpoints_less_often_then_restores_it(geneva, app):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL has no WAL checkpoints of a connection's own")
    before = checkpoint_pages()
    during = []

    rebuild(app, batch_size=10, on_batch=lambda applied: during.append(checkpoint_pages()))

    assert set(during) == {LOAD_CHECKPOINT_PAGES} != {before}
    assert checkpoint_pages() == before
