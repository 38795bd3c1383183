"""Importing in a test, and moving a tracker: an empty event store beside the one the test
filled."""

import json
from typing import Any

from django.core.management import call_command
from django.db import connections

from negotiations.read.rebuild import rows_checksum, wipe_read_models
from negotiations.write import runtime


def switch_to_an_empty_event_store(settings) -> None:
    """On PostgreSQL a second schema (the test's teardown drops both); on SQLite, where the
    store is a table of the database, the table is dropped (the test's rollback restores it)."""
    settings.EVENT_STORE = {
        **settings.EVENT_STORE,
        "POSTGRES_SCHEMA": settings.EVENT_STORE["POSTGRES_SCHEMA"] + "_b",
        "CREATE_TABLE": True,
    }
    runtime.reset_application()
    if connections["default"].vendor == "sqlite":
        with connections["default"].cursor() as cursor:
            cursor.execute("DROP TABLE stored_events")


def run_import(path, *args) -> None:
    """`manage.py import_events PATH` without progress, its output discarded."""
    with open("/dev/null", "w") as out:
        call_command("import_events", str(path), "--no-progress", *args, stdout=out, stderr=out)


def export(path, *args) -> list[dict[str, Any]]:
    """`manage.py export_events -o PATH ARGS`, its lines read back."""
    with open("/dev/null", "w") as err:
        call_command("export_events", "-o", str(path), *args, stderr=err)
    return [json.loads(line) for line in path.read_text().splitlines()]


def assert_reimported_alike(settings, tmp_path, exported: list[dict[str, Any]]) -> None:
    """Wipe the read models, switch to an empty event store and import `tmp_path/all.ndjson`
    (the export `exported`): the rebuilt rows are those before, and exporting again gives
    `exported` again."""
    before = rows_checksum(positions=False)
    wipe_read_models()
    switch_to_an_empty_event_store(settings)
    run_import(tmp_path / "all.ndjson")
    assert rows_checksum(positions=False) == before
    assert export(tmp_path / "again.ndjson") == exported
