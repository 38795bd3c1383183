"""A month-precise expected resumption and month-precise talks go out in an export and come
back from an import (NDJSON and CSV) as they were (issue 23, item 14)."""

import csv
import json

from django.core.management import call_command

from negotiations.read.models import Process
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from tests.factories import SOURCE, opening, record
from tests.interchange.helpers import run_import, switch_to_an_empty_event_store

MAY = {"expected_resumption_on": "2016-05-01", "expected_resumption_precision": "month"}
AUGUST = {"scheduled_for": "2016-08-01", "scheduled_for_precision": "month", "venue": "Geneva"}


def export(path):
    call_command("export_events", "-o", str(path), stderr=open("/dev/null", "w"))
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_an_export_and_import_keep_the_month(app, actors, tmp_path, settings):
    pid = app.open_process(opening(), recorded_by="analyst").process_id
    record(app, pid, "talks_convened", "2016-04-13")
    record(app, pid, "talks_paused", "2016-04-27", **MAY)
    record(app, pid, "talks_scheduled", "2016-07-26", **AUGUST)
    exported = export(tmp_path / "all.ndjson")
    paused = next(line for line in exported if line["type"] == "talks_paused")
    assert {k: paused[k] for k in MAY} == MAY
    scheduled = next(line for line in exported if line["type"] == "talks_scheduled")
    assert {k: scheduled[k] for k in AUGUST} == AUGUST
    before = rows_checksum(positions=False)

    wipe_read_models()
    switch_to_an_empty_event_store(settings)
    run_import(tmp_path / "all.ndjson")

    assert rows_checksum(positions=False) == before
    assert export(tmp_path / "again.ndjson") == exported
    process = Process.objects.get()
    # Talks announced during the pause replace what it expects, with their precision.
    assert (process.expected_resumption_on.isoformat(), process.expected_resumption_precision) == (
        "2016-08-01",
        "month",
    )


def test_a_csv_import_reads_the_precision_columns(app, actors, tmp_path):
    columns = ["process", "type", "occurred_on", "name", "conflict", "mediators"]
    columns += ["expected_resumption_on", "expected_resumption_precision"]
    columns += ["source1_url", "source1_outlet"]
    rows = [
        {"type": "process_opened", "occurred_on": "2016-04-01", "name": "CSV talks"},
        {"process": "csv-talks", "type": "talks_convened", "occurred_on": "2016-04-13"},
        {"process": "csv-talks", "type": "talks_paused", "occurred_on": "2016-04-27", **MAY},
    ]
    path = tmp_path / "history.csv"
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            extra = {"conflict": "Test", "mediators": "united-nations"}
            writer.writerow(
                {
                    **(extra if row["type"] == "process_opened" else {}),
                    "source1_url": SOURCE["url"],
                    "source1_outlet": SOURCE["outlet"],
                    **row,
                }
            )
    run_import(path)
    process = Process.objects.get(slug="csv-talks")
    assert (process.status, process.expected_resumption_precision) == ("paused", "month")
