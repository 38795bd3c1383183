"""Importing in a test, and moving a tracker: an empty event store beside the one the test
filled."""

from django.core.management import call_command
from django.db import connections

from negotiations.write import runtime


def switch_to_an_empty_event_store(settings) -> None:
    """On PostgreSQL a second schema (the test's teardown drops both); on SQLite, where the
    store is a table of the database, the table is dropped (the test's rollback restores it)."""
    settings.EVENT_STORE = {
        **settings.EVENT_STORE,
        "POSTGRES_SCHEMA": settings.EVENT_STORE["POSTGRES_SCHEMA"] + "_b",
    }
    runtime.reset_application()
    if connections["default"].vendor == "sqlite":
        with connections["default"].cursor() as cursor:
            cursor.execute("DROP TABLE stored_events")


def run_import(path, *args) -> None:
    """`manage.py import_events PATH` without progress, its output discarded."""
    with open("/dev/null", "w") as out:
        call_command("import_events", str(path), "--no-progress", *args, stdout=out, stderr=out)
