"""Resolving a webhook's host within a deadline.

The system's resolver has no timeout of its own: a resolver that does not answer holds
`getaddrinfo` for its retries, tens of seconds, and with it a worker's sending thread, past
the request's deadline and the claim's lease (`outbound.Sender.post`). Each lookup runs in a
thread of its own and is given up after WEBHOOK_CONNECT_SECONDS; a given-up lookup keeps its
place among the LOOKUPS a process may have under way until the resolver lets go of it, so
a resolver that never answers costs LOOKUPS threads, not one a delivery."""

from __future__ import annotations

import os
import socket
import threading
import time

from django.conf import settings

# Lookups under way at once in this process, given-up ones included.
LOOKUPS = 8
_lookups = threading.BoundedSemaphore(LOOKUPS)


def _forget_lookups() -> None:  # a forked worker has none of its parent's lookup threads
    global _lookups
    _lookups = threading.BoundedSemaphore(LOOKUPS)


os.register_at_fork(after_in_child=_forget_lookups)


def resolve(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to (the system's resolver), within
    WEBHOOK_CONNECT_SECONDS: TimeoutError past that. Tests replace `outbound.resolve` to
    simulate DNS; everything after it is the real check."""
    within = settings.WEBHOOK_CONNECT_SECONDS
    ends = time.monotonic() + within
    given_up = TimeoutError(f"{host} did not resolve within {within} s")
    slots = _lookups
    if not slots.acquire(timeout=within):  # every place taken by lookups given up
        raise given_up
    answer: list = []
    done = threading.Event()

    def look_up() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as failed:
            answer.append(failed)
        finally:
            slots.release()
            done.set()

    threading.Thread(target=look_up, name="webhook-dns", daemon=True).start()
    if not done.wait(max(ends - time.monotonic(), 0)):
        raise given_up
    if isinstance(answer[0], Exception):
        raise answer[0]
    return [str(info[4][0]) for info in answer[0]]
