"""The `geneva` fixture copies the demo's events into each test's store (tests/demo_copy.py)
instead of recording them through the import path: what it records must be what `load_demo`
records, event for event, and the read models it leaves must be those `load_demo` leaves, row
for row."""

from __future__ import annotations

import io

from django.core.management import call_command
from eventsourcing.persistence import StoredEvent

from negotiations.interchange import demo
from negotiations.read.checksum import rows_checksum, wipe_read_models
from negotiations.read.models import Process
from negotiations.write import runtime
from tests import demo_copy
from tests.interchange.helpers import switch_to_an_empty_event_store


def stored(app) -> list[StoredEvent]:
    notifications = app.recorder.select_notifications(start=1, limit=10_000)
    return [
        StoredEvent(n.originator_id, n.originator_version, n.topic, n.state) for n in notifications
    ]


def test_the_copy_stores_the_events_load_demo_stores(app, actors):
    copy = demo_copy.demo_record(app).events  # planned on this empty store, or one like it

    call_command("load_demo", verbosity=0, stdout=io.StringIO())

    assert stored(app) == copy
    assert len(copy) > 150  # both demos, every event
    assert {p.slug for p in Process.objects.all()} >= {demo.GENEVA_SLUG, demo.HAVANA_SLUG}


def test_the_copy_leaves_the_read_models_load_demo_leaves(app, actors, settings):
    demo_copy.record(app)
    copied = rows_checksum()
    assert Process.objects.count() >= 2

    # load_demo itself into a second, empty store, from empty read models.
    switch_to_an_empty_event_store(settings)
    wipe_read_models()
    assert not Process.objects.exists()
    call_command("load_demo", verbosity=0, stdout=io.StringIO())

    assert len(stored(runtime.get_application())) > 150  # recorded here, every event
    assert rows_checksum() == copied
