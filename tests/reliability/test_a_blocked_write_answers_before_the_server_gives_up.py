"""The operator's finding: a write blocked behind another's lock (the event store's table
locked from psql for 45 s) waited until gunicorn's worker timeout (30 s) killed it, and the
client got gunicorn's bare HTML 500: no code, no detail, no outcome. A write now waits for
the lock writers take in turn at most DATABASE_LOCK_TIMEOUT_SECONDS (10 by default: the
event store's table lock on PostgreSQL, through the library's `POSTGRES_LOCK_TIMEOUT`, which
was 0, for ever; SQLite's one write lock, its busy timeout), and the request answers in the
tracker's own words: JSON, nothing stored, safe to retry. On both databases; here with the
timeout at 1 s and the lock held by a connection of its own."""

from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager

import psycopg
import pytest
from django.conf import settings
from django.db import connections

from negotiations.write import runtime
from negotiations.write.eventstore import postgres_conninfo
from negotiations.write.runtime import event_store_env
from tests.api.recording import post_event

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def lock_timeout_of_one_second(settings):
    """The application made again with a 1 s lock timeout (and back afterwards)."""
    db = connections["default"]
    saved = dict(db.settings_dict["OPTIONS"])
    settings.DATABASE_LOCK_TIMEOUT_SECONDS = 1
    runtime.reset_application()
    runtime.get_application()  # made now: its schema check would wait on the lock below
    db.close()
    if db.vendor == "postgresql":
        # A statement timeout on this connection alone, so that a lock wait the setting
        # failed to bound ends the test in 6 s instead of hanging it (its lock is held by
        # this same thread).
        db.settings_dict["OPTIONS"]["options"] = "-c statement_timeout=6s"
    else:
        db.settings_dict["OPTIONS"]["timeout"] = 1
    try:
        yield
    finally:
        db.close()
        db.settings_dict["OPTIONS"] = saved
        runtime.reset_application()


@contextmanager
def locked_by_another():
    """The lock writers take in turn, held by another connection's transaction: the event
    store's table (EXCLUSIVE, as the library's insert takes it) or SQLite's write lock."""
    db = connections["default"]
    if db.vendor == "postgresql":
        schema = settings.EVENT_STORE["POSTGRES_SCHEMA"]
        with psycopg.connect(postgres_conninfo(db.settings_dict)) as other:
            (table,) = other.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tablename LIKE "
                "'%%\\_events'",
                (schema,),
            ).fetchone()
            other.execute(f'LOCK TABLE "{schema}"."{table}" IN EXCLUSIVE MODE')
            yield
            other.rollback()
    else:
        other = sqlite3.connect(db.settings_dict["NAME"], isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # SQLite's one write lock
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()


def test_the_settings_bound_every_lock_wait():
    db = connections["default"]
    if db.vendor == "postgresql":
        assert event_store_env()["POSTGRES_LOCK_TIMEOUT"] == "10"
        # Nothing sent at the connection's start: a pooler may refuse startup options.
        assert "lock_timeout" not in db.settings_dict["OPTIONS"].get("options", "")
    else:
        assert db.settings_dict["OPTIONS"]["timeout"] == 10
    assert settings.DATABASE_LOCK_TIMEOUT_SECONDS == 10


def test_a_write_blocked_behind_a_lock_answers_json_in_time_and_stores_nothing(
    editor_api, opened, settings
):
    from negotiations.read.models import Process

    slug = opened["slug"]
    with lock_timeout_of_one_second(settings), locked_by_another():
        started = time.monotonic()
        blocked = post_event(editor_api, slug, "talks_convened", venue="Geneva", key="k-1")
        took = time.monotonic() - started

    assert blocked.status_code == 500, blocked.content
    assert blocked["Content-Type"] == "application/json"
    assert blocked.json()["code"] == "server_error"
    assert "nothing was recorded" in blocked.json()["detail"]
    assert took < 5, took  # the lock's 1 s, not the worker's 30
    assert Process.objects.get(slug=slug).version == 1

    again = post_event(editor_api, slug, "talks_convened", venue="Geneva", key="k-1")
    assert again.status_code == 201, again.json()
    assert "Idempotent-Replayed" not in again
