"""A whole deadline for each webhook request. urllib3's read timeout bounds each read of the
socket, not the request: a receiver that answers a byte at a time kept a request (and a
worker's sending thread) open for as long as it liked, past WEBHOOK_TIMEOUT_SECONDS, and the
runs after it stacked up behind it (a security review, 2026-12-06).

A `Watch` is one request's deadline: the sender makes it, names it for its thread
(`watching`), and finishes it when the request is over, whatever came of it; finishing
cancels its timer, so no timer outlives its request. The pools' connections (urllib3's own
classes, extended through the pools' documented `ConnectionCls`) start the thread's watch
when they connect (a TLS handshake included) and when they send; when its time is up before
it is finished, the watch shuts the socket of the connection carrying it, unless that
connection has since taken another request."""

from __future__ import annotations

import socket
import threading
from typing import Any

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection


class Cut(urllib3.exceptions.ReadTimeoutError):
    """A request its watch cut: begun, perhaps answered in part, and not over by its
    deadline (a read timeout is an answer that never began)."""


class Watch:
    """One request's deadline: `cut` says whether it ran out before the request was over."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.cut = False
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._carrier: _Cutting | None = None
        self._over = False

    def start(self, carrier: _Cutting) -> None:
        """The request is on `carrier` (its timer starts once, at its first step)."""
        with self._lock:
            if self._over:
                return
            self._carrier = carrier
            carrier.carrying = self
            if self._timer is None:
                self._timer = threading.Timer(self.seconds, self._run_out)
                self._timer.daemon = True
                self._timer.start()

    def finish(self) -> None:
        with self._lock:
            self._over = True
            if self._timer is not None:
                self._timer.cancel()

    def _run_out(self) -> None:
        with self._lock:
            carrier = self._carrier
            if self._over or carrier is None or carrier.carrying is not self:
                return  # over, or its connection carries another request now
            self.cut = True
            carrier.shut()


_current = threading.local()  # the Watch of the request this thread is sending


def watching(watch: Watch | None) -> None:
    """The deadline of the request this thread sends next (None: no deadline)."""
    _current.watch = watch


def _watch() -> Watch | None:
    return getattr(_current, "watch", None)


class _Cutting:
    """A connection that carries a watched request and can be shut under it."""

    carrying: Watch | None = None
    # The socket it opened last: http.client lets go of it (`sock = None`) once an answer
    # says "Connection: close", while the answer is still being read from it.
    _opened: socket.socket | None = None

    def connect(self) -> None:
        watch = _watch()
        if watch is not None:
            watch.start(self)
        super().connect()  # type: ignore[misc]
        self._opened = self.sock  # type: ignore[attr-defined]
        if watch is not None and watch.cut:
            self.shut()  # the time ran out while connecting, when there was no socket to shut

    def request(self, *args: Any, **kwargs: Any) -> None:
        watch = _watch()
        if watch is not None:
            watch.start(self)
        else:
            self.carrying = None
        super().request(*args, **kwargs)  # type: ignore[misc]

    def shut(self) -> None:
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
