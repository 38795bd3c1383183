"""Talks postponed with no new date (no `scheduled_for`) go out in an export as null and come
back from an import as they were, the pause they leave expecting no date included."""

from negotiations.read.models import Process
from tests.factories import opening, record
from tests.interchange.helpers import assert_reimported_alike, export


def test_an_export_and_import_keep_the_missing_date(app, actors, tmp_path, settings):
    pid = app.open_process(opening(), recorded_by="analyst").process_id
    record(app, pid, "talks_convened", "2016-04-13")
    record(app, pid, "talks_paused", "2016-04-27", expected_resumption_on="2016-05-10")
    record(app, pid, "talks_scheduled", "2016-05-02", scheduled_for=None, venue="Geneva")
    exported = export(tmp_path / "all.ndjson")
    postponed = next(line for line in exported if line["type"] == "talks_scheduled")
    assert postponed["scheduled_for"] is None

    assert_reimported_alike(settings, tmp_path, exported)
    process = Process.objects.get()
    assert (process.status, process.expected_resumption_on) == ("paused", None)
