"""Export, wipe, import: the same histories and the same read models."""

from negotiations.read.models import TimelineEntry
from negotiations.write.models import Actor
from tests.factories import correct_the_geneva_pause
from tests.interchange.helpers import assert_reimported_alike, export


def test_round_trip_keeps_every_event_and_read_model(geneva, app, tmp_path, settings):
    correct_the_geneva_pause(app, geneva, expected_resumption_on="2016-02-26")
    exported = export(tmp_path / "all.ndjson")
    events = [line for line in exported if line["type"] != "actor"]
    assert len(events) == TimelineEntry.objects.count()
    assert events[0]["recorded_by"] == "demo"
    assert events[-1]["recorded_by"] == "editor"

    # Wipe: a new, empty event store and empty read models; actors stay (reference data).
    assert_reimported_alike(settings, tmp_path, exported)
    assert Actor.objects.exists()


def test_export_filters(geneva, tmp_path):
    only = export(tmp_path / "geneva.ndjson", "--process", "intra-syrian-talks-geneva")
    events = [line for line in only if line["type"] != "actor"]
    assert {line["process"] for line in events} == {"intra-syrian-talks-geneva"}
    later = export(tmp_path / "none.ndjson", "--since", "2999-01-01T00:00:00Z")
    assert [line["type"] for line in later] == ["actor"] * Actor.objects.count()
