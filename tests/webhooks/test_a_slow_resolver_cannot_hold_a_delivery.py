"""A resolver that does not answer cannot hold a delivery (or a registration) open: the
system's `getaddrinfo` has no timeout of its own and waits out its retries, tens of seconds,
while the request's deadline (WEBHOOK_CONNECT_SECONDS + WEBHOOK_TIMEOUT_SECONDS) began only
at the connection, and the claim's lease assumed it bounded the whole request. The lookup is
given up after WEBHOOK_CONNECT_SECONDS, its time counts against the request's deadline, and
lookups given up cannot pile up threads without bound.

The slow resolver stands in for the system's one (`socket.getaddrinfo`, which the tracker
calls); the sender, the receiver and the deadline are the real ones."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import urllib3

from negotiations.webhooks import lookup, outbound
from tests.webhooks.test_a_receiver_cannot_hold_a_request_open import ANSWER, dripping

NAME = "hooks.example.test"


class SlowResolver:
    """`getaddrinfo` that answers `NAME` with loopback after `delay` seconds (None: not
    until `release`); every other name as the system does."""

    def __init__(self, delay: float | None) -> None:
        self.delay = delay
        self.released = threading.Event()
        self.waiting = 0
        self.real = socket.getaddrinfo

    def __call__(self, host, port, *args, **kwargs):
        if host != NAME:
            return self.real(host, port, *args, **kwargs)
        self.waiting += 1
        try:
            self.released.wait(self.delay)
        finally:
            self.waiting -= 1
        return self.real("127.0.0.1", port, *args, **kwargs)


@pytest.fixture
def deadline_of_1_5_s(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True  # NAME resolves to loopback
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    settings.WEBHOOK_CONNECT_SECONDS = 0.5


@pytest.fixture
def silent_resolver(monkeypatch):
    slow = SlowResolver(None)
    monkeypatch.setattr(socket, "getaddrinfo", slow)
    yield slow
    slow.released.set()


def test_a_resolver_that_never_answers_fails_the_delivery_at_the_connect_deadline(
    deadline_of_1_5_s, silent_resolver
):
    sender = outbound.Sender()
    began = time.monotonic()
    with pytest.raises(outbound.Unresolvable):
        sender.post(f"http://{NAME}:9/hook", b"{}", {})
    took = time.monotonic() - began
    sender.close()
    assert 0.45 <= took < 1.5, took


def test_a_registration_is_not_held_by_a_resolver_that_never_answers(
    deadline_of_1_5_s, silent_resolver
):
    began = time.monotonic()
    # A host that does not resolve now is accepted, and checked again at each delivery.
    assert outbound.registration_problem(f"https://{NAME}/hook") is None
    assert time.monotonic() - began < 1.5


def test_the_lookup_s_time_counts_against_the_request_s_deadline(
    deadline_of_1_5_s, settings, monkeypatch
):
    """0.8 s to resolve, then a receiver that drips its answer: cut 1.5 s after the send
    began, not 1.5 s after the connection (2.3 s)."""
    settings.WEBHOOK_CONNECT_SECONDS = 0.9
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.6
    monkeypatch.setattr(socket, "getaddrinfo", SlowResolver(0.8))
    sender = outbound.Sender()
    with dripping(ANSWER.index(b"\r\n\r\n") + 4) as url:
        port = url.split(":")[2].split("/")[0]
        began = time.monotonic()
        with pytest.raises(urllib3.exceptions.ReadTimeoutError):
            sender.post(f"http://{NAME}:{port}/hook", b"{}", {})
        took = time.monotonic() - began
    sender.close()
    assert 1.4 <= took < 2.1, took


def test_lookups_given_up_hold_a_bounded_number_of_threads_and_free_them(
    deadline_of_1_5_s, silent_resolver, settings
):
    settings.WEBHOOK_CONNECT_SECONDS = 0.1
    for _ in range(lookup.LOOKUPS + 4):
        with pytest.raises(TimeoutError):
            lookup.resolve(NAME, 443)
    # Only LOOKUPS lookups ever reached the resolver; the others found no place.
    assert silent_resolver.waiting == lookup.LOOKUPS
    silent_resolver.released.set()  # the resolver answers again
    deadline = time.monotonic() + 5
    while silent_resolver.waiting and time.monotonic() < deadline:
        time.sleep(0.01)
    settings.WEBHOOK_CONNECT_SECONDS = 2
    assert lookup.resolve(NAME, 443) == ["127.0.0.1"]
