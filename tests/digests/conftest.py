"""The Geneva story recorded as it happened: each event entered at noon UTC on its world
date (the clock frozen with time-machine), so that "recorded in the period" means what it
would have meant in February 2016."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
import time_machine

from negotiations import demo
from negotiations.digests.models import FollowedProcess, Frequency, Subscription
from negotiations.models import Process


def noon(day: str | date) -> datetime:
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return datetime.combine(day, time(12), tzinfo=UTC)


def record_on_world_dates(app, opening, events, *, until: str | None = None):
    """Record a demo process, each event on its own day; stop after `until` (a world date)."""
    with time_machine.travel(noon(opening["occurred_on"]), tick=False):
        opened = app.open_process(opening, recorded_by="analyst")
    for event_type, body in events:
        if until and body["occurred_on"] > until:
            break
        with time_machine.travel(noon(body["occurred_on"]), tick=False):
            app.record_event(
                opened.process_id, event_type=event_type, body=body, recorded_by="analyst"
            )
    return Process.objects.get(id=opened.process_id)


@pytest.fixture
def geneva_2016(app, actors):
    """Geneva 2016, every event recorded on the day it happened (through 27 April)."""
    return record_on_world_dates(app, demo.GENEVA_OPENING, demo.GENEVA_EVENTS)


@pytest.fixture
def subscribe(db):
    def make(email="diplomat@example.org", *, follow=(), **fields) -> Subscription:
        fields.setdefault("frequency", Frequency.WEEKLY)
        subscription = Subscription.objects.create(email=email, **fields)
        for process in follow:
            FollowedProcess.objects.create(subscription=subscription, process=process)
        return subscription

    return make
