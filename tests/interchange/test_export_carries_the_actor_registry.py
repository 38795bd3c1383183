"""Moving a tracker: an export holds the actor registry and every event; imported into an empty
database with no flag, it gives back the same events and the same actors (names and kinds)."""

import json

from negotiations.read.rebuild import rows_checksum, wipe_read_models
from negotiations.write.models import Actor
from tests.interchange.helpers import export, switch_to_an_empty_event_store
from tests.interchange.test_import_events import run_import


def registry():
    return sorted(Actor.objects.values_list("slug", "name", "kind", "description"))


def test_an_export_imported_into_an_empty_database_gives_back_events_and_actors(
    geneva, app, tmp_path, settings
):
    Actor.objects.filter(slug="ban-ki-moon").update(description="UN Secretary-General 2007-16")
    exported = export(tmp_path / "all.ndjson")
    actors_before, rows_before = registry(), rows_checksum(positions=False)

    # The registry comes first, one line per actor, with its own name and kind.
    actor_lines = [line for line in exported if line["type"] == "actor"]
    assert exported[: len(actor_lines)] == actor_lines
    assert len(actor_lines) == len(actors_before)
    assert {
        "type": "actor",
        "slug": "ban-ki-moon",
        "name": Actor.objects.get(slug="ban-ki-moon").name,
        "kind": "person",
        "description": "UN Secretary-General 2007-16",
    } in actor_lines
    # Record times keep their microseconds.
    events = exported[len(actor_lines) :]
    assert all(len(line["recorded_at"]) == len("2016-02-03T12:00:00.000000Z") for line in events)

    # An empty database: no events, no read models, no actors.
    wipe_read_models()
    Actor.objects.all().delete()
    switch_to_an_empty_event_store(settings)
    run_import(tmp_path / "all.ndjson")  # no --create-actors
    assert registry() == actors_before
    assert rows_checksum(positions=False) == rows_before
    assert export(tmp_path / "again.ndjson") == exported


def test_an_actor_line_that_is_not_an_actor_is_refused_and_nothing_is_recorded(app, tmp_path):
    import pytest
    from django.core.management import CommandError

    from negotiations.read.models import Process

    path = tmp_path / "bad.ndjson"
    path.write_text(
        json.dumps({"type": "actor", "slug": "un", "name": "United Nations", "kind": "club"})
        + "\n"
        + json.dumps(
            {
                "type": "process_opened",
                "name": "Talks",
                "conflict": "X",
                "mediators": ["un"],
                "occurred_on": "2015-01-01",
            }
        )
        + "\n"
    )
    with pytest.raises(CommandError, match="bad line"):
        run_import(path)
    assert not Actor.objects.exists()
    assert not Process.objects.exists()
