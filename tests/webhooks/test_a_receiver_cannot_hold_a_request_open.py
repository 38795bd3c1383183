"""A receiver that answers a byte at a time cannot hold a delivery open: the whole request
ends within its deadline (WEBHOOK_CONNECT_SECONDS + WEBHOOK_TIMEOUT_SECONDS), however slowly the
bytes come, and fails as "no answer within N s". Before, urllib3's read timeout bounded each
read only: a security review held one request 24 s with a 3 s timeout, and two delivery
runs stacked up behind it. The receivers here are real sockets on loopback; the sender is
the one deliveries use."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import urllib3

from negotiations.webhooks import outbound, reasons

ANSWER = b"HTTP/1.1 200 OK\r\nContent-Length: 25\r\nConnection: close\r\n\r\n" + b"x" * 25


@contextmanager
def dripping(start: int, every: float = 0.25) -> Iterator[str]:
    """A receiver that reads the request, sends the first `start` bytes of a 200 answer at
    once, then one more byte every `every` seconds (each read of the sender's gets a byte
    well within its read timeout). Its URL."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.settimeout(10)
            conn.recv(65536)
            try:
                conn.sendall(ANSWER[:start])
                for i in range(start, len(ANSWER)):
                    if stop.wait(every):
                        return
                    conn.sendall(ANSWER[i : i + 1])
            except OSError:
                return  # the sender cut the connection

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/hook"
    finally:
        stop.set()
        server.close()
        thread.join(5)


@pytest.fixture
def deadline_of_1_5_s(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True  # the receivers listen on loopback
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    settings.WEBHOOK_CONNECT_SECONDS = 0.5


@pytest.mark.parametrize(
    ("where", "start"),
    [("the body", ANSWER.index(b"\r\n\r\n") + 4), ("the status line", 3)],
)
def test_an_answer_dripped_a_byte_at_a_time_is_cut_at_the_deadline(deadline_of_1_5_s, where, start):
    sender = outbound.Sender()
    with dripping(start) as url:
        began = time.monotonic()
        with pytest.raises(urllib3.exceptions.ReadTimeoutError) as failed:
            sender.post(url, b"{}", {"Content-Type": "application/json"})
        took = time.monotonic() - began
    sender.close()
    # 25 more bytes at 0.25 s would take over 6 s: cut at 1.5 s, with room for a slow CI.
    assert 1.4 <= took < 3.5, (where, took)
    # Said as such: an answer that began and never ended within the whole deadline (it was
    # "No answer within 1 s.", as for a receiver that never answered: an attacker's test).
    assert reasons.failure_reason(failed.value) == "No whole answer within 1.5 s."


def test_a_kept_alive_connection_is_never_cut_by_an_earlier_request_s_deadline(
    deadline_of_1_5_s, receiver
):
    """The first request's timer must not fire into the second on the same connection."""
    sender = outbound.Sender()
    assert sender.post(receiver.url + "/a", b"{}", {}) == 204
    time.sleep(1.0)
    # Ends 1.6 s after the first request began, past that one's deadline, and 0.9 s inside
    # its own: room for a busy machine.
    receiver.delay = 0.6
    assert sender.post(receiver.url + "/b", b"{}", {}) == 204
    sender.close()
    assert [r.path for r in receiver.received] == ["/a", "/b"]


def test_no_deadline_timer_outlives_its_request(deadline_of_1_5_s, receiver):
    """Each request's timer is cancelled when it is over: a timer left asleep per request
    (a review found the disarm never ran) meant thousands of threads in a busy worker, and a
    stale one could shut a connection another request had taken since."""
    sender = outbound.Sender()
    for n in range(10):
        assert sender.post(f"{receiver.url}/{n}", b"{}", {}) == 204
    deadline = time.monotonic() + 1.0  # well before the 1.5 s a forgotten timer sleeps
    while any(isinstance(t, threading.Timer) for t in threading.enumerate()):
        assert time.monotonic() < deadline, [t for t in threading.enumerate()]
        time.sleep(0.02)
    sender.close()
