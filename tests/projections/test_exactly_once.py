"""The projection applies each event exactly once, whatever crashes in between."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from negotiations.read import projections
from negotiations.read.models import ProjectionPosition, TimelineEntry
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from tests.factories import correct_the_geneva_pause


class Crash(Exception):
    pass


@pytest.fixture
def recorded_without_projection(geneva, app):
    """The Geneva history, with read models emptied so that the projection starts over."""
    clean = rows_checksum()
    wipe_read_models()
    return clean


def crash_on_call(monkeypatch, n):
    real, calls = projections.apply_entry, {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == n:
            raise Crash(f"crash on event {n}")
        return real(*args, **kwargs)

    monkeypatch.setattr(projections, "apply_entry", flaky)


@pytest.mark.parametrize("crash_at", [1, 4, 7, 13])
def test_a_crash_inside_a_batch_and_a_restart_give_the_same_read_models(
    app, recorded_without_projection, monkeypatch, crash_at
):
    crash_on_call(monkeypatch, crash_at)
    with pytest.raises(Crash):
        catch_up(app, batch_size=5)
    # The batches before the crash are applied whole, the crashed one not at all.
    tracked = (
        ProjectionPosition.objects.filter(name="read_models")
        .values_list("position", flat=True)
        .first()
        or 0
    )
    process_events = [
        n.id
        for n in app.recorder.select_notifications(1, 1000)
        if "PeaceProcess" in n.topic and n.id <= tracked
    ]
    assert (
        list(TimelineEntry.objects.order_by("position").values_list("position", flat=True))
        == process_events
    )
    monkeypatch.undo()
    catch_up(app, batch_size=5)
    assert rows_checksum() == recorded_without_projection


def test_a_crash_between_batches_and_a_restart_give_the_same_read_models(
    app, recorded_without_projection
):
    catch_up(app, batch_size=3, max_batches=2)
    assert 0 < TimelineEntry.objects.count() < 13
    catch_up(app, batch_size=3)
    assert rows_checksum() == recorded_without_projection


def test_an_already_tracked_event_is_not_applied_again(geneva, app):
    before = rows_checksum()
    assert catch_up(app) == 0
    # Even when the tracking position is read stale, the event is not applied twice: the
    # timeline's unique position refuses it and the whole batch rolls back.
    tracked = ProjectionPosition.objects.get(name="read_models").position
    last_event = TimelineEntry.objects.order_by("position").last().position
    ProjectionPosition.objects.filter(name="read_models").update(position=last_event - 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        catch_up(app)
    ProjectionPosition.objects.filter(name="read_models").update(position=tracked)
    assert rows_checksum() == before


def test_rebuild_equals_incremental_projection_row_for_row(geneva, app, editor):
    # Add corrections and a retraction so that the rebuild has more than appends to redo.
    correct_the_geneva_pause(app, geneva, expected_resumption_on="2016-02-26")
    app.retract_event(
        geneva.id, recorded_by="editor", occurred_on="2016-02-05", retracts=3, reason="Duplicate"
    )
    incremental = rows_checksum()
    call_command(
        "rebuild_projections", "--no-progress", "--batch-size", "4", stdout=open("/dev/null", "w")
    )
    assert rows_checksum() == incremental
