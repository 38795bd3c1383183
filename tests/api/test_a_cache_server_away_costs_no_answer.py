"""An operator's finding: with Redis (CACHE_URL) down, a wrong token answered 500 instead of
401 (the failed-token throttle counts in the cache), and with Redis silent (accepting, never
answering) each board page took 10 s and a wrong token 5 s, then 500. The throttle counts
nothing while the cache is away, and a cache operation waits at most half a second.

A real Redis client against a port where nothing listens, and against a server that accepts
and never answers: no mock stands in for the cache."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import pytest

from tests.services import free_port
from tracker.cache_guard import caches


def redis_cache(port: int) -> dict:
    """The tracker's own cache setting (tracker/settings.py's), on another address."""
    return caches(f"redis://127.0.0.1:{port}/0")


@contextmanager
def silent_server():
    """A server that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for connection in [*held, listener]:
            connection.close()


@pytest.fixture
def wrong_token():
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    return client


def test_a_wrong_token_is_a_401_while_the_cache_is_down(settings, wrong_token, geneva):
    settings.CACHES = redis_cache(free_port())  # nothing listens there
    answer = wrong_token.get("/api/v1/processes/")
    assert answer.status_code == 401, answer.content
    assert answer.json()["code"] == "not_authenticated"


def test_a_silent_cache_costs_one_request_half_a_second_and_is_then_left_aside(
    settings, wrong_token, client, geneva
):
    """The first operation waits out its 0.5 s socket timeout; the cache is then left aside
    for 30 s in this process, so the next requests do not wait on it at all."""
    with silent_server() as port:
        settings.CACHES = redis_cache(port)
        took = []
        for answer_of in (
            lambda: wrong_token.get("/api/v1/processes/"),
            lambda: client.get(f"/processes/{geneva.slug}/"),
            lambda: wrong_token.get("/api/v1/processes/"),
        ):
            started = time.monotonic()
            answer = answer_of()
            took.append(time.monotonic() - started)
            assert answer.status_code in (200, 401), answer.content
        assert took[0] < 1.5, took  # one operation's 0.5 s, and the page's own work
        assert took[2] < 0.5, took  # left aside: no wait at all
