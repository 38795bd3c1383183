"""A whole deadline for each webhook request. urllib3's read timeout bounds each read of the
socket, not the request: a receiver that answers a byte at a time kept a request (and a
worker's sending thread) open for as long as it liked, past WEBHOOK_TIMEOUT_SECONDS, and the
runs after it stacked up behind it (a security review, 2026-12-06).

The pools' connections are urllib3's own classes, extended through the pools' documented
`ConnectionCls`: each request arms a timer when it is sent, and the timer shuts the socket
down if the request is still in flight when its time is up; the request then fails as a
timeout. A connection kept alive for the next request is disarmed first, so a timer never
cuts a later request."""

from __future__ import annotations

import socket
import threading
from typing import Any

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection


class Watch:
    """One request's deadline: `cut` says whether it ran out (set by the timer's thread)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.cut = False


_current = threading.local()  # the Watch of the request this thread is sending


def watching(watch: Watch | None) -> None:
    """The deadline of the next request this thread sends (None: no deadline)."""
    _current.watch = watch


class _Cutting:
    """A connection that shuts its socket down when the request it carries outlives its
    deadline."""

    _armed: tuple[Watch, threading.Timer] | None = None
    # The socket it opened last: http.client lets go of it (`sock = None`) once an answer
    # says "Connection: close", while the answer is still being read from it.
    _opened: socket.socket | None = None

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        self._opened = self.sock  # type: ignore[attr-defined]

    def request(self, *args: Any, **kwargs: Any) -> None:
        self.disarm()
        watch = getattr(_current, "watch", None)
        if watch is not None:
            timer = threading.Timer(watch.seconds, self._cut, args=(watch,))
            timer.daemon = True
            self._armed = (watch, timer)
            timer.start()
        super().request(*args, **kwargs)  # type: ignore[misc]

    def disarm(self) -> None:
        armed, self._armed = self._armed, None
        if armed is not None:
            armed[1].cancel()

    def _cut(self, watch: Watch) -> None:
        armed = self._armed
        if armed is None or armed[0] is not watch:
            return  # that request is over (and the connection may carry another)
        watch.cut = True
        sock = getattr(self, "sock", None) or self._opened
        if sock is not None:
            try:
                # The plain socket's shutdown, also under TLS: the reading thread sees the
                # end of the stream (SSLSocket's own would drop its TLS state under it).
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
            except OSError:
                pass  # already closed


class CuttingHTTPConnection(_Cutting, HTTPConnection):
    pass


class CuttingHTTPSConnection(_Cutting, HTTPSConnection):
    pass


class HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = CuttingHTTPConnection


class HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = CuttingHTTPSConnection
