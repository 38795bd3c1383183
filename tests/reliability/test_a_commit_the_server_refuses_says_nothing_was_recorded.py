"""An operator's finding: a COMMIT the server refused with "no space left on device"
(SQLSTATE 53100, from a deferred trigger) answered 503 "the connection to the database was
lost… it may have been recorded": the connection was not lost, and nothing was recorded.
An error the server reports for the COMMIT means it rolled the transaction back; a class 53
error (insufficient resources: disk full, out of memory) now says so, as a deferred
constraint's (23) and a serialization failure's (40) did.

PostgreSQL only: the trigger is PostgreSQL's (SQLite has no deferred triggers)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection

from negotiations.read.models import Process
from tests.api.recording import post_event

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def disk_full_at_commit(opened):
    if connection.vendor != "postgresql":
        pytest.skip("a deferred trigger at the COMMIT is PostgreSQL's (run with DATABASE_URL)")
    schema = settings.EVENT_STORE["POSTGRES_SCHEMA"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tablename LIKE %s",
            [schema, "%\\_events"],
        )
        (table,) = cursor.fetchone()
        cursor.execute(
            "CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS "
            "$$BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' "
            "USING ERRCODE = '53100'; END$$"
        )
        cursor.execute(
            f'CREATE CONSTRAINT TRIGGER disk_full AFTER INSERT ON "{schema}"."{table}" '
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION disk_full()"
        )
    yield opened["slug"]
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TRIGGER disk_full ON "{schema}"."{table}"')
        cursor.execute("DROP FUNCTION disk_full()")


def test_a_commit_refused_for_a_full_disk_says_nothing_was_recorded(
    editor_api, disk_full_at_commit
):
    slug = disk_full_at_commit
    answer = post_event(editor_api, slug, "talks_convened", venue="Geneva", key="k-1")

    assert answer.status_code == 500, answer.content
    assert answer.json()["code"] == "server_error"
    assert "nothing was recorded" in answer.json()["detail"]
    assert Process.objects.get(slug=slug).version == 1
