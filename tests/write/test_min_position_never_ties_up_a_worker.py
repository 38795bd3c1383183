"""R10 (min_position), in the process: a read with `?min_position=` cannot hold a worker for
long. A position no write can have answers 400 `position_unknown` at once; at most
MIN_POSITION_MAX_WAITERS reads wait at once in a process, the next answers 503 at once;
`/healthz` and `/metrics` ignore the parameter."""

import time

import pytest

from negotiations.read import consistency
from negotiations.write.runtime import get_application
from tests.api.recording import post_event
from tests.factories import opening

# Long enough that a read that waits (at least WAIT) is told apart from one answered at once
# even on a loaded two-core machine (which answers a /healthz in up to ~0.8 s).
WAIT = 2.0


@pytest.fixture
def async_mode(settings):
    settings.PROJECT_AFTER_WRITE = False
    settings.MIN_POSITION_WAIT_SECONDS = WAIT
    settings.MIN_POSITION_MAX_WAITERS = 1
    from negotiations.write import runtime

    runtime.reset_application()
    yield
    runtime.reset_application()


def timed_get(client, path, **params):
    started = time.monotonic()
    response = client.get(path, params)
    return response, time.monotonic() - started


@pytest.fixture
def unprojected(async_mode, editor_api, actors):
    """A process opened and an event recorded that the read models do not have yet (no
    projection runs): its position, and the process's slug."""
    slug = editor_api.post("/api/v1/processes/", opening(), format="json").json()["slug"]
    position = post_event(editor_api, slug, "talks_convened", venue="Geneva").json()["position"]
    return position, slug


@pytest.mark.parametrize("mode", ["inline", "async"])
def test_a_position_past_the_store_s_end_answers_position_unknown_at_once(
    mode, request, settings, anon, editor_api, actors
):
    if mode == "async":
        request.getfixturevalue("async_mode")
    settings.MIN_POSITION_WAIT_SECONDS = 30
    editor_api.post("/api/v1/processes/", opening(), format="json")
    last = get_application().recorder.max_notification_id()

    response, took = timed_get(anon, "/api/v1/processes/", min_position=last + 1)

    assert took < 1
    assert response.status_code == 400
    assert response.json()["code"] == "position_unknown"
    assert response.json()["position"] == last
    assert "min_position" in response.json()["errors"]


def test_the_waiting_reads_of_a_process_are_capped(unprojected, anon):
    position, slug = unprojected

    # A free place: the read waits its bounded time, then answers 503.
    response, took = timed_get(anon, f"/api/v1/processes/{slug}/", min_position=position)
    assert response.status_code == 503
    assert took >= WAIT

    # Every place taken (another read waiting in this process): 503 at once.
    with consistency.waiting_slot() as taken:
        assert taken
        response, took = timed_get(anon, f"/api/v1/processes/{slug}/", min_position=position)
    assert response.status_code == 503
    assert response.json()["code"] == "projection_behind"
    assert int(response["Retry-After"]) >= 1
    assert took < WAIT


def test_no_waiting_at_all_with_max_waiters_zero(unprojected, anon, settings):
    position, slug = unprojected
    settings.MIN_POSITION_MAX_WAITERS = 0
    response, took = timed_get(anon, f"/api/v1/processes/{slug}/", min_position=position)
    assert response.status_code == 503
    assert took < WAIT


@pytest.mark.parametrize("path", ["/healthz", "/metrics"])
def test_health_and_metrics_never_wait(unprojected, anon, path):
    position, _slug = unprojected
    for asked in (position, 10**9):
        response, took = timed_get(anon, path, min_position=asked)
        assert response.status_code == 200
        assert took < WAIT
