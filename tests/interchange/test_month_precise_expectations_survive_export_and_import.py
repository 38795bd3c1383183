"""A month-precise expected resumption and month-precise talks go out in an export and come
back from an import (NDJSON and CSV) as they were (issue 23, item 14)."""

import csv

from negotiations.read.models import Process
from tests.factories import SOURCE, opening, record
from tests.interchange.helpers import assert_reimported_alike, export, run_import

MAY = {"expected_resumption_on": "2016-05-01", "expected_resumption_precision": "month"}
AUGUST = {"scheduled_for": "2016-08-01", "scheduled_for_precision": "month", "venue": "Geneva"}


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

    assert_reimported_alike(settings, tmp_path, exported)
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
