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
SLOW = ".example.test"  # the names the slow resolver answers


class SlowResolver:
    """`getaddrinfo` that answers every name ending in `SLOW` with loopback after `delay`
    seconds (None: not until `released` is set); every other name as the system does."""

    def __init__(self, delay: float | None) -> None:
        self.delay = delay
        self.released = threading.Event()
        self.waiting = 0
        self.asked: list[str] = []
        self.counting = threading.Lock()
        self.real = socket.getaddrinfo

    def __call__(self, host, port, *args, **kwargs):
        if not host.endswith(SLOW):
            return self.real(host, port, *args, **kwargs)
        with self.counting:
            self.asked.append(host)
            self.waiting += 1
        try:
            self.released.wait(self.delay)
        finally:
            with self.counting:
                self.waiting -= 1
        return self.real("127.0.0.1", port, *args, **kwargs)


@pytest.fixture(autouse=True)
def no_lookup_under_way(monkeypatch):
    """This test's lookups start from none under way (the places are the process's)."""
    monkeypatch.setattr(lookup, "_lock", threading.Lock())
    monkeypatch.setattr(lookup, "_places", threading.BoundedSemaphore(lookup.LOOKUPS))
    monkeypatch.setattr(lookup, "_under_way", {})


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


def failing_post(port: int, failure: type[Exception]) -> float:
    """Send to NAME on loopback `port`, which must fail with `failure`; how long it took."""
    sender = outbound.Sender()
    began = time.monotonic()
    with pytest.raises(failure):
        sender.post(f"http://{NAME}:{port}/hook", b"{}", {})
    took = time.monotonic() - began
    sender.close()
    return took


def test_the_lookup_s_time_counts_against_the_request_s_deadline(
    deadline_of_1_5_s, settings, monkeypatch
):
    """1.4 s to resolve, then a receiver that drips its answer: cut 3 s after the send
    began, not 3 s after the connection (4.4 s)."""
    settings.WEBHOOK_CONNECT_SECONDS = 1.5
    settings.WEBHOOK_TIMEOUT_SECONDS = 1.5
    monkeypatch.setattr(socket, "getaddrinfo", SlowResolver(1.4))
    with dripping(ANSWER.index(b"\r\n\r\n") + 4) as url:
        port = int(url.split(":")[2].split("/")[0])
        took = failing_post(port, urllib3.exceptions.ReadTimeoutError)
    assert 2.9 <= took < 3.9, took


def test_the_connection_is_made_within_what_the_lookup_left(
    deadline_of_1_5_s, settings, monkeypatch
):
    """With more time to connect than to answer (CONNECT 2 s, TIMEOUT 0.5 s), a 1.8 s lookup
    leaves 0.7 s of the request's 2.5: a receiver that never takes the connection fails the
    request then, not after 2 s more of connecting."""
    settings.WEBHOOK_CONNECT_SECONDS = 2
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.5
    monkeypatch.setattr(socket, "getaddrinfo", SlowResolver(1.8))
    # A listening socket whose one place in the kernel's queue is taken: a connection to it
    # waits, unanswered, as to a host whose firewall drops it.
    with socket.create_server(("127.0.0.1", 0), backlog=0) as full:
        port = full.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            took = failing_post(port, urllib3.exceptions.ConnectTimeoutError)
    assert 2.4 <= took < 3.2, took


def test_a_host_s_lookup_is_shared_and_lookups_hold_a_bounded_number_of_threads(
    deadline_of_1_5_s, silent_resolver, settings
):
    settings.WEBHOOK_CONNECT_SECONDS = 0.1
    # One host asked five times (a delivery retried): one lookup reaches the resolver.
    for _ in range(5):
        with pytest.raises(TimeoutError):
            lookup.resolve(NAME, 443)
    assert silent_resolver.asked == [NAME]
    # Twelve hosts: LOOKUPS lookups reach the resolver, the others find no place in time.
    hosts = [f"h{n}{SLOW}" for n in range(lookup.LOOKUPS + 4)]
    for n, host in enumerate(hosts):
        with pytest.raises(TimeoutError if n < lookup.LOOKUPS - 1 else lookup.Busy):
            lookup.resolve(host, 443)
    assert silent_resolver.asked == [NAME, *hosts[: lookup.LOOKUPS - 1]]
    silent_resolver.released.set()  # the resolver answers again
    deadline = time.monotonic() + 5
    while silent_resolver.waiting and time.monotonic() < deadline:
        time.sleep(0.01)
    settings.WEBHOOK_CONNECT_SECONDS = 2
    assert lookup.resolve(hosts[-1], 443) == ["127.0.0.1"]


def test_a_place_that_comes_free_too_late_is_the_tracker_s_failure(
    deadline_of_1_5_s, settings, monkeypatch
):
    """Eight hosts whose resolver never answers hold every place; one lets go 0.7 s into a
    healthy host's 1 s. Its resolver, which answers in 0.5 s, then has 0.3 s: the lookup
    fails for want of a place (Busy, not counted against its endpoint), not as a host that
    does not resolve."""
    settings.WEBHOOK_CONNECT_SECONDS = 1
    let_go = {f"dead{n}{SLOW}": threading.Event() for n in range(lookup.LOOKUPS)}
    real = socket.getaddrinfo

    def resolver(host, port, *args, **kwargs):
        if host in let_go:
            let_go[host].wait(10)
            raise socket.gaierror("no answer")
        time.sleep(0.5)
        return real("127.0.0.1", port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    try:
        settings.WEBHOOK_CONNECT_SECONDS = 0.05
        for host in let_go:
            with pytest.raises(TimeoutError):
                lookup.resolve(host, 443)
        settings.WEBHOOK_CONNECT_SECONDS = 1
        threading.Timer(0.7, let_go[f"dead0{SLOW}"].set).start()
        with pytest.raises(lookup.Busy):
            lookup.resolve(f"healthy{SLOW}", 443)
        time.sleep(0.4)  # its lookup ends: the place is free again
        # With its whole time, the same resolver answers.
        assert lookup.resolve(f"healthy{SLOW}", 443) == ["127.0.0.1"]
    finally:
        for event in let_go.values():
            event.set()


def test_a_dead_resolver_is_its_host_s_failure_after_a_short_wait_for_a_place(
    deadline_of_1_5_s, settings, monkeypatch
):
    """A dispatch sends to more endpoints at once than there are places: a host that waited a
    moment for one and whose resolver then never answered had (nearly) its whole time, and
    its failure is its own."""
    settings.WEBHOOK_CONNECT_SECONDS = 1
    real = socket.getaddrinfo
    never = threading.Event()
    asked = threading.Semaphore(0)

    def resolver(host, port, *args, **kwargs):
        if host.startswith("dead"):
            never.wait(10)
            raise socket.gaierror("no answer")
        asked.release()
        time.sleep(0.05)  # the others answer at once, nearly
        return real("127.0.0.1", port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    quick = [
        threading.Thread(target=lookup.resolve, args=(f"quick{n}{SLOW}", 443))
        for n in range(lookup.LOOKUPS)
    ]
    try:
        for thread in quick:
            thread.start()
        for _ in quick:  # every place is held when the dead host asks
            assert asked.acquire(timeout=5)
        with pytest.raises(TimeoutError):  # not Busy
            lookup.resolve(f"dead{SLOW}", 443)
    finally:
        never.set()
        for thread in quick:
            thread.join(5)
