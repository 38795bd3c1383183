"""Small builders for event bodies, so tests state only what they are about."""

from __future__ import annotations

from typing import Any

SOURCE = {"url": "https://example.org/report", "outlet": "Example Wire"}


def opening(**over: Any) -> dict[str, Any]:
    body = {
        "name": "Test talks",
        "conflict": "Test conflict",
        "mediators": ["united-nations"],
        "parties": ["syrian-government", "hnc"],
        "occurred_on": "2016-01-25",
        "sources": [SOURCE],
    }
    body.update(over)
    return body


def cause(
    category: str = "military_escalation", stated_by: str = "ban-ki-moon", **over: Any
) -> dict[str, Any]:
    return {"category": category, "description": "Stated reason.", "stated_by": stated_by, **over}


def sourced(occurred_on: str = "2016-02-01", **fields: Any) -> dict[str, Any]:
    """A body with its date and one source, and `fields`: what every event body starts from."""
    return {"occurred_on": occurred_on, "sources": [SOURCE], **fields}


def event(type_: str, occurred_on: str = "2016-02-01", **fields: Any) -> dict[str, Any]:
    """The API's body for recording an event of `type_`: its type, date, a source and `fields`."""
    return {"type": type_, **sourced(occurred_on, **fields)}


def editors_group():
    """The Editors group the data migration creates (again, after a transactional test's
    flush has emptied the tables), with its permission to record events."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        Permission.objects.get(codename="record_event", content_type__app_label="negotiations")
    )
    return group


def user(name: str, *, editor: bool = False, staff: bool = False, superuser: bool = False):
    """A user called `name` (name@example.org, password `name`-pass-123): an editor (in the
    Editors group), staff, a superuser, or none of these (a reader)."""
    from django.contrib.auth.models import User

    create = User.objects.create_superuser if superuser else User.objects.create_user
    made = create(name, f"{name}@example.org", f"{name}-pass-123", is_staff=staff or superuser)
    if editor:
        made.groups.add(editors_group())
    return made


def signing(**over: Any) -> dict[str, Any]:
    """An `agreement_signed`'s own fields: the cessation of hostilities, a ceasefire signed
    by two (Munich, February 2016), changed by `over`."""
    return {
        "agreement": "cessation",
        "title": "Cessation of hostilities",
        "stage": "ceasefire",
        "signatories": ["united-states", "russia"],
        **over,
    }


def body_for(event_type: str, occurred_on: str = "2016-02-01", **over: Any) -> dict[str, Any]:
    """A minimal valid body for `event_type`."""
    body = sourced(occurred_on)
    body.update(
        {
            "talks_scheduled": {"scheduled_for": "2016-03-01", "venue": "Geneva"},
            "talks_paused": {"expected_resumption_on": "2016-02-25"},
            "talks_suspended": {"causes": [cause()]},
            "talks_collapsed": {"causes": [cause()]},
            "talks_concluded": {"outcome": "agreement"},
            "party_joined": {"actor": "turkey"},
            "party_withdrew": {"actor": "hnc", "causes": [cause("preconditions", "riad-hijab")]},
            "mediator_appointed": {"actor": "staffan-de-mistura"},
            "mediator_stepped_down": {"actor": "united-nations"},
            "statement_made": {"actor": "turkey", "stance": "critical", "summary": "No point."},
            "name_given": {"language": "ar", "name": "محادثات جنيف"},
            "agreement_signed": signing(),
            "agreement_took_effect": {"agreement": "cessation"},
            "agreement_ratified": {
                "agreement": "cessation",
                "body": "UN Security Council",
                "result": "approved",
            },
            "referendum_held": {"agreement": "cessation", "result": "approved"},
            "agreement_breach_alleged": {
                "agreement": "cessation",
                "alleged_by": ["hnc"],
                "causes": [cause(stated_by="hnc")],
            },
            "agreement_ended": {"agreement": "cessation", "end_reason": "expired"},
            "third_party_joined": {"actor": "turkey", "role": "observer"},
        }.get(event_type, {})
    )
    body.update(over)
    return body


def parsed(event_type: str, occurred_on: str = "2016-02-01", **over: Any) -> dict[str, Any]:
    """The values the domain parses from `body_for(event_type, occurred_on, **over)`."""
    from negotiations.domain.specs import parse_body

    return parse_body(event_type, body_for(event_type, occurred_on, **over))


def record(app, process_id, event_type: str, occurred_on: str, *, by: str = "x", **over: Any):
    """Record `body_for(event_type, occurred_on, **over)` through the application's write path."""
    body = body_for(event_type, occurred_on, **over)
    return app.record_event(process_id, event_type=event_type, body=body, recorded_by=by)


def statements(app, process_id, *days: str) -> None:
    """Record a statement (Turkey's, critical) on each of `days`: events for a receiver."""
    for day in days:
        record(app, process_id, "statement_made", day)


def correct(
    app,
    process_id,
    sequence: int,
    occurred_on: str,
    *,
    reason: str,
    by: str = "editor",
    changes: dict[str, Any] | None = None,
    **more: Any,
):
    """Record an `event_corrected` of event number `sequence` through the write path, on
    `occurred_on`, changing `changes` and `more` (`changes` holds a change of the corrected
    event's own `occurred_on`, a keyword the correction's date takes)."""
    return app.correct_event(
        process_id,
        recorded_by=by,
        occurred_on=occurred_on,
        corrects=sequence,
        changes={**(changes or {}), **more},
        reason=reason,
    )


def correct_the_geneva_pause(app, geneva, *, reason: str = "Checked", **changes: Any):
    """As an editor on 5 February 2016, correct the Geneva demo's pause of the 3rd."""
    from negotiations.read.models import TimelineEntry

    pause = TimelineEntry.objects.get(
        process=geneva.id, type="talks_paused", occurred_on="2016-02-03"
    )
    return correct(app, geneva.id, pause.sequence, "2016-02-05", reason=reason, **changes)


def crowded_history(n: int, *, every: int, back_after: int) -> list:
    """Unsaved status periods from 1 January 2020 for a picture: active, then `n` transitions
    `every` days apart, pausing and resuming in turn; each pause expects the talks back
    `back_after` days after it."""
    from datetime import date, timedelta

    from negotiations.read.models import StatusPeriod

    first = date(2020, 1, 1)
    periods = [StatusPeriod(sequence=1, status="active", starts_on=first, occurred_on=first)]
    for i in range(1, n + 1):
        day = first + timedelta(days=every * i)
        periods[-1].ends_on = day
        paused = i % 2 == 1
        periods.append(
            StatusPeriod(
                sequence=i + 1,
                status="paused" if paused else "active",
                from_status="active" if paused else "paused",
                starts_on=day,
                occurred_on=day,
                expected_resumption_on=day + timedelta(days=back_after) if paused else None,
            )
        )
    return periods


def logged_attempt(endpoint, **over: Any):
    """A failed delivery attempt of `endpoint`'s, logged: the first position, a talks_convened
    of process `x`, when the endpoint was created; `over` changes any field."""
    from negotiations.webhooks.models import Attempt

    fields = {
        "endpoint": endpoint,
        "position": 1,
        "webhook_id": "msg_1",
        "event_type": "talks_convened",
        "process_slug": "x",
        "attempted_at": endpoint.created_at,
    }
    return Attempt.objects.create(**{**fields, **over})


def process_row(**over: Any):
    """A process's read-model row written directly, with no event: "Test talks", active at
    version 1, created and last changed on 5 February 2016 at noon (UTC); `over` changes any
    field."""
    import uuid
    from datetime import UTC, datetime

    from negotiations.read.models import Process

    moment = datetime(2016, 2, 5, 12, tzinfo=UTC)
    fields = {
        "id": uuid.uuid4(),
        "slug": "test-talks",
        "name": "Test talks",
        "conflict": "Test conflict",
        "status": "active",
        "version": 1,
        "created_at": moment,
        "updated_at": moment,
    }
    return Process.objects.create(**{**fields, **over})
