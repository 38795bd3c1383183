"""Resolving a webhook's host within a deadline.

The system's resolver has no timeout of its own: a resolver that does not answer holds
`getaddrinfo` for its retries, tens of seconds, and with it a worker's sending thread, past
the request's deadline and the claim's lease (`outbound.Sender.post`). Each lookup runs in a
thread of its own and is given up after WEBHOOK_CONNECT_SECONDS. A host's lookup under way is
shared: whoever asks for the same host meanwhile waits on it (with their own deadline)
rather than starting another, so a host whose resolver never answers holds one thread, however
often its deliveries are retried. A given-up lookup keeps its place among the LOOKUPS a process
may have under way until the resolver lets go of it: hosts beyond that wait for a place,
within the same deadline."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time

from django.conf import settings

log = logging.getLogger(__name__)

LOOKUPS = 8  # hosts being looked up at once in a process, given-up lookups included
# A lookup that waited for a place and was given up is the tracker's failure (Busy) when its
# resolver had less than this share of WEBHOOK_CONNECT_SECONDS; with more, the host's. A
# dispatch sends to more endpoints at once than there are places, so short waits are usual.
RESOLVER_SHARE = 0.9


class Busy(Exception):
    """No place for a lookup within the deadline: other hosts' lookups hold all LOOKUPS.
    The tracker's failure, not the endpoint's (`reasons.OURS`)."""


class _Lookup:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.began: float | None = None  # when the resolver was asked (it had a place)
        self.waited = False  # for a place, before that
        self.addresses: list[str] = []
        self.failed: BaseException | None = None


_lock = threading.Lock()
_places = threading.BoundedSemaphore(LOOKUPS)
_under_way: dict[tuple[str, int], _Lookup] = {}


def _forget_lookups() -> None:
    """A forked worker has none of its parent's lookup threads."""
    global _lock, _places, _under_way
    _lock = threading.Lock()
    _places = threading.BoundedSemaphore(LOOKUPS)
    _under_way = {}


os.register_at_fork(after_in_child=_forget_lookups)


def resolve(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to (the system's resolver), within
    WEBHOOK_CONNECT_SECONDS: TimeoutError past that, Busy when no place for its lookup came
    free in time for the resolver to have all of it (the tracker's failure, not the host's).
    Tests replace `outbound.resolve` to simulate DNS; everything after it is the real
    check."""
    within = settings.WEBHOOK_CONNECT_SECONDS
    ends = time.monotonic() + within
    key = (host, port)
    with _lock:
        lookup = _under_way.get(key)
        starting = lookup is None
        if lookup is None:
            lookup = _under_way[key] = _Lookup()
    if starting:
        _start(key, lookup, within)
    if not lookup.done.wait(max(ends - time.monotonic(), 0)):
        began = lookup.began
        if began is None or (lookup.waited and ends - began < within * RESOLVER_SHARE):
            # It waited for a place, and the resolver had too little of its time to answer.
            log.warning("The lookup of %s had no place for part of its %s s.", host, within)
            raise Busy(f"no place for the lookup of {host} in time")
        log.warning("The lookup of %s was given up after %s s.", host, within)
        raise TimeoutError(f"{host} did not resolve within {within} s")
    if lookup.failed is not None:
        raise lookup.failed
    return lookup.addresses


def _start(key: tuple[str, int], lookup: _Lookup, within: float) -> None:
    places = _places
    lookup.waited = not places.acquire(blocking=False)
    if lookup.waited and not places.acquire(timeout=within):  # every place held meanwhile
        log.warning(
            "No place to look up %s within %s s: %s lookups under way.",
            key[0],
            within,
            LOOKUPS,
        )
        _finish(key, lookup, Busy(f"no place for the lookup of {key[0]} within {within} s"))
        return

    lookup.began = time.monotonic()

    def look_up() -> None:
        failed: BaseException | None = None
        try:
            infos = socket.getaddrinfo(key[0], key[1], type=socket.SOCK_STREAM)
            lookup.addresses = [str(info[4][0]) for info in infos]
        except Exception as error:  # noqa: BLE001 - handed to whoever waits on the lookup
            failed = error
        finally:
            places.release()
            _finish(key, lookup, failed)

    try:
        threading.Thread(target=look_up, name="webhook-dns", daemon=True).start()
    except BaseException as error:  # no thread: the place goes back, the askers are told
        places.release()
        _finish(key, lookup, error)
        raise


def _finish(key: tuple[str, int], lookup: _Lookup, failed: BaseException | None) -> None:
    lookup.failed = failed
    with _lock:
        if _under_way.get(key) is lookup:
            del _under_way[key]
    lookup.done.set()
