"""Names given in the six languages go out in an export and come back from an import (NDJSON
and CSV) as they were, corrections included; the rebuilt rows are the same (issue 26)."""

import csv
import json

from django.core.management import call_command

from negotiations.read.models import Process
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from tests.factories import correct, opening, record
from tests.interchange.helpers import run_import, switch_to_an_empty_event_store

NAMING = "name_given"


def export(path):
    call_command("export_events", "-o", str(path), stderr=open("/dev/null", "w"))
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_an_export_and_import_keep_the_names(app, actors, tmp_path, settings):
    pid = app.open_process(opening(name="Minsk talks"), recorded_by="analyst").process_id
    record(app, pid, NAMING, "2016-02-01", language="ru", name="Минские переговоры")
    record(app, pid, NAMING, "2016-02-01", language="es", name="Conversaciones")
    record(app, pid, NAMING, "2016-02-01", language="ar", name="الهيئة العليا", actor="hnc")
    correct(app, pid, 3, "2016-02-02", reason="The source's own form", name="Diálogos de Minsk")
    exported = export(tmp_path / "all.ndjson")
    names = [line for line in exported if line["type"] == NAMING]
    assert [(n["language"], n["name"], n["actor"]) for n in names] == [
        ("ru", "Минские переговоры", ""),
        ("es", "Conversaciones", ""),
        ("ar", "الهيئة العليا", "hnc"),
    ]
    before = rows_checksum(positions=False)

    wipe_read_models()
    switch_to_an_empty_event_store(settings)
    run_import(tmp_path / "all.ndjson")

    assert rows_checksum(positions=False) == before
    assert export(tmp_path / "again.ndjson") == exported
    process = Process.objects.get()
    assert process.names == {"ru": "Минские переговоры", "es": "Diálogos de Minsk"}
    assert process.actor_names == {"hnc": {"ar": "الهيئة العليا"}}


def test_a_csv_import_reads_the_language_columns(app, actors, tmp_path):
    columns = ["process", "type", "occurred_on", "name", "conflict", "mediators"]
    columns += ["language", "actor", "source1_url", "source1_outlet"]
    opened = {"type": "process_opened", "occurred_on": "2016-04-01", "name": "CSV talks"}
    opened |= {"conflict": "Test", "mediators": "united-nations"}
    rows = [
        opened,
        {"process": "csv-talks", "type": NAMING, "language": "fr", "name": "Pourparlers CSV"},
        {"process": "csv-talks", "type": NAMING, "language": "zh-hans", "name": "会谈"},
        {"process": "csv-talks", "type": NAMING, "language": "ru", "name": "ХНК", "actor": "hnc"},
    ]
    path = tmp_path / "history.csv"
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({"source1_url": "https://example.org/a", "source1_outlet": "W", **row})
    run_import(path)
    process = Process.objects.get(slug="csv-talks")
    assert process.names == {"fr": "Pourparlers CSV", "zh-hans": "会谈"}
    assert process.actor_names == {"hnc": {"ru": "ХНК"}}
