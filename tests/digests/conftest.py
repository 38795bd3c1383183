"""The Geneva story as it was reported: the demo records each event at the time its source
published it, so that "recorded in the period" means what it would have meant in 2016."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
import time_machine

from negotiations.digests.models import FollowedProcess, Frequency, Subscription
from negotiations.interchange import demo
from negotiations.read.models import Process
from negotiations.write import imports
from tests.factories import opening, record


def noon(day: str | date) -> datetime:
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return datetime.combine(day, time(12), tzinfo=UTC)


def load_geneva_until(app, last_day: str = "2016-12-31", *, slug: str = demo.GENEVA_SLUG):
    """A demo process (Geneva unless `slug` says otherwise), only what was reported by the
    end of `last_day`, through the import path like the demo itself."""
    items = [
        item
        for item in demo.read().items
        if (item.process or item.body.get("slug")) == slug
        and item.recorded_at.date() <= date.fromisoformat(last_day)
    ]
    imports.save_import(
        app, imports.plan_import(app, items, known_actors={s for s, _, _ in demo.ACTORS})
    )
    return Process.objects.get(slug=slug)


def record_at_noon(app, process_id, day: str, event_type: str, **over):
    """Record `body_for(event_type, **over)` at noon on `day` (when it happened, unless it says)."""
    occurred_on = over.pop("occurred_on", day)
    with time_machine.travel(noon(day), tick=False):
        return record(app, process_id, event_type, occurred_on, by="analyst", **over)


def record_each_at_noon(app, opened_on: str, steps, **opened_with) -> Process:
    """Open a test process (`opening(**opened_with)`) and record each (day, type, fields)
    step at noon on its day."""
    with time_machine.travel(noon(opened_on), tick=False):
        body = opening(occurred_on=opened_on, **opened_with)
        opened = app.open_process(body, recorded_by="analyst")
    for day, event_type, over in steps:
        record_at_noon(app, opened.process_id, day, event_type, **over)
    return Process.objects.get(id=opened.process_id)


@pytest.fixture
def geneva_2016(geneva):
    """Geneva 2016 from the demo, every event recorded when it was first reported."""
    return geneva


@pytest.fixture
def subscribe(db):
    def make(email="diplomat@example.org", *, follow=(), **fields) -> Subscription:
        fields.setdefault("frequency", Frequency.WEEKLY)
        subscription = Subscription.objects.create(email=email, **fields)
        for process in follow:
            FollowedProcess.objects.create(subscription=subscription, process=process)
        return subscription

    return make


@pytest.fixture
def geneva_digest(geneva_2016, subscribe):
    """The digest from `start` to `end` (dates) of a subscriber who follows Geneva 2016 and
    nothing else, weekly unless `fields` say otherwise."""
    from negotiations.digests.compose import compose_digest

    def compose(start: date, end: date, **fields):
        return compose_digest(subscribe(follow=[geneva_2016], **fields), start, end)

    return compose
