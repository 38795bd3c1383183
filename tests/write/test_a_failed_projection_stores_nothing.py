"""Inline mode: the events, the idempotency receipt, the read-model rows and the tracking
position commit together. A projection that fails stores nothing, and says so."""

import pytest
from django.db import connection

from negotiations.read import projections
from negotiations.read.models import ProjectionPosition
from negotiations.read.rows import TIMELINE_COLUMNS
from tests.api.recording import post_event
from tests.projections.helpers import store_and_read_models


class ProjectionBroke(Exception):
    pass


@pytest.fixture(params=["in Python", "in the database", "a row the database refuses"])
def broken_projection(request, monkeypatch):
    """The projection fails while it makes its rows, or the database refuses them once the
    event is inserted (on PostgreSQL they travel with the insert, in its pipeline): a
    statement of their own, or one of the rows themselves (a timeline row whose sequence
    breaks its column's check: on PostgreSQL, inside the one statement that writes them)."""

    def broken(*args, **kwargs):
        raise ProjectionBroke("the read models could not be written")

    def refused(rows):
        # A constraint the rows break: the kind of error a lost race also raises, which
        # must not be taken for one (and retried) once the event is in. Refused whether or
        # not the tracking row exists yet (before the first event ever, it does not).
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO negotiations_projectionposition (name, position) "
                "VALUES ('read_models', 0), ('read_models', 0)"
            )

    real_values = projections.timeline_values

    def clashing(process_id, entry, position):
        row = list(real_values(process_id, entry, position))
        row[TIMELINE_COLUMNS.index("sequence")] = -1
        return tuple(row)

    if request.param == "in Python":
        monkeypatch.setattr(projections, "apply_entry", broken)
    elif request.param == "in the database":
        monkeypatch.setattr(projections, "insert_timeline", refused)
    else:
        monkeypatch.setattr(projections, "timeline_values", clashing)


def test_a_write_whose_projection_fails_stores_no_event_and_no_key(
    app, editor_api, opened, broken_projection, monkeypatch
):
    before = store_and_read_models(app)
    tracked = ProjectionPosition.objects.get(name="read_models").position

    # An analyst records the convening; the read models cannot be written.
    response = post_event(
        editor_api, opened["slug"], "talks_convened", venue="Geneva", key="convene-1"
    )

    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert "nothing was recorded" in response.json()["detail"]
    # Neither the event nor its receipt nor any row: the store is where it was.
    assert store_and_read_models(app) == before
    assert ProjectionPosition.objects.get(name="read_models").position == tracked

    # Once the projection works again, the same retry records the event once.
    monkeypatch.undo()
    retry = post_event(
        editor_api, opened["slug"], "talks_convened", venue="Geneva", key="convene-1"
    )
    assert retry.status_code == 201, retry.json()
    assert "Idempotent-Replayed" not in retry
    assert retry.json()["event"]["sequence"] == 2
    # The opening, then this event and its receipt: once each (PostgreSQL's sequence may have
    # skipped the numbers of the failed attempt).
    stored = app.recorder.select_notifications(start=1, limit=100)
    assert len(stored) == 3
    assert app.get_process(app.process_id_for_slug(opened["slug"])).version == 2


def test_opening_a_process_whose_projection_fails_leaves_the_slug_free(
    app, editor_api, actors, broken_projection, monkeypatch
):
    from tests.factories import opening

    before = store_and_read_models(app)
    response = editor_api.post("/api/v1/processes/", opening(), format="json")
    assert response.status_code == 500
    assert store_and_read_models(app) == before

    monkeypatch.undo()
    # Not "duplicate slug": nothing of the failed attempt was kept.
    assert editor_api.post("/api/v1/processes/", opening(), format="json").status_code == 201
