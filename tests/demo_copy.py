"""The demo (Geneva 2016 and Havana 2012-16) recorded into a test's empty store by one insert
and one catch-up.

About 200 tests start from the demo (the `geneva` fixture). `load_demo` records it through
the import path: it reads the file, checks its 161 lines against the domain (parsing, every
rule of a new event) and encodes each event, then appends them and catches the read models
up. Every test recorded the same 161 stored events. Here the import path's own plan and the
application's own mapper make them once a worker, and each test appends them with the
store's recorder in one unit of work and catches the read models up, as `save_import` does.
What this records and what `load_demo` records are compared event for event
(tests/interchange/test_the_demo_copy_is_what_load_demo_records.py); the tests of the import
path itself still run `load_demo`.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventsourcing.persistence import StoredEvent

from negotiations.interchange import demo
from negotiations.write import actors, imports
from negotiations.write.actors import NewActor
from negotiations.write.application import PeaceProcesses
from negotiations.write.models import Actor


@dataclass(frozen=True)
class DemoRecord:
    actors: list[NewActor]
    events: list[StoredEvent]


# This worker's, made by the first `record` (the settings that encode events are the same in
# every test: no test sets a cipher or a compressor).
MADE: list[DemoRecord] = []


def store_is_empty(app: PeaceProcesses) -> bool:
    return not app.recorder.max_notification_id()


def demo_record(app: PeaceProcesses) -> DemoRecord:
    """The demo's actors and the stored events the import path appends into an empty store,
    planned by `imports.plan_import` and encoded by `app`'s mapper (once a worker: the first
    call adds the demo's actors and asks `app`, whose store must be empty, that none of its
    processes exists)."""
    if not MADE:
        if not store_is_empty(app):
            raise ValueError("The demo's events are planned against an empty store.")
        data = demo.read()
        actors.add_missing(data.actors)
        known = set(Actor.objects.values_list("slug", flat=True))
        plan = imports.plan_import(app, data.items, known_actors=known)
        if plan.errors:
            raise ValueError(f"The demo: {plan.errors}")
        MADE.append(DemoRecord(data.actors, [app.mapper.to_stored_event(e) for e in plan.events]))
    return MADE[0]


def record(app: PeaceProcesses) -> None:
    """Record the demo into `app`'s empty store: its actors, its events in one insert, the
    read models caught up in the same unit of work (as `imports.save_import` does)."""
    made = demo_record(app)
    if not store_is_empty(app):
        raise ValueError("The demo is copied into an empty store only: use load_demo.")
    actors.add_missing(made.actors)
    with app.unit_of_work():
        app.recorder.insert_events(made.events)
        if app.projection is not None:
            app.projection.after_import(app)
