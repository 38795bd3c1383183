"""Names given in the six languages go out in an export and come back from an import (NDJSON
and CSV) as they were, corrections included; the rebuilt rows are the same (issue 26)."""

import csv

from negotiations.read.models import Process
from tests.factories import correct, opening, record
from tests.interchange.helpers import assert_reimported_alike, export, run_import

NAMING = "name_given"


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

    assert_reimported_alike(settings, tmp_path, exported)
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
