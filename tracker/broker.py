"""The Celery broker, asked without making anyone wait on it.

A write's commit enqueues a small task (the webhooks' `kick`). Celery's own send, with the
broker down, retried its connection for about 6 s in the writer's request (kombu's
`default_channel`, whatever `retry=False` says) and logged a traceback each time; a broker
that accepts connections and never answers held the request for good. So:

- `send_soon(name)` hands the task's name to one thread of this process and returns at once
  (a set and an event: nothing that can block). The thread sends on a connection of its own
  whose every wait is bounded (`SEND_TIMEOUT`, one try, no retry loop). Kicks that come while
  it sends, or while it backs off, are one send: the task delivers whatever is behind.
- A send that fails logs one line (no traceback) and the thread waits before the next try,
  1 s doubling up to `BACKOFF_MAX`: a broker that is down is asked once per back-off, not on
  every write, and its log is a line per back-off. Nothing is lost: beat's periodic dispatch
  delivers from each endpoint's position once the broker is back.
- `broker_health()` for `/healthz`: `None` with no broker configured (tasks run eagerly),
  else "ok" or "unreachable", from one connection attempt bounded by `PROBE_TIMEOUT`, kept
  for `PROBE_CACHE_SECONDS` so that a load balancer's probes cost one attempt every few
  seconds per process.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time
from typing import Any

from celery import current_app
from django.conf import settings

log = logging.getLogger(__name__)

SEND_TIMEOUT = 2.0  # seconds: a broker's connect and publish take milliseconds on a LAN
BACKOFF_MAX = 30.0
PROBE_TIMEOUT = 1.0
PROBE_CACHE_SECONDS = 5.0


def broker_configured() -> bool:
    """With no CELERY_BROKER_URL tasks run eagerly in the caller: there is no broker."""
    return not settings.CELERY_TASK_ALWAYS_EAGER


def bounded_connection(timeout: float) -> Any:
    """A new connection to the app's broker on which no wait exceeds `timeout` seconds and a
    failure is raised at its first try (kombu otherwise retries the connection for seconds)."""
    app = current_app
    options = {
        **(app.conf.broker_transport_options or {}),
        "max_retries": 0,  # kombu's ensure_connection: fail at the first refusal
        "socket_connect_timeout": timeout,  # Redis
        "socket_timeout": timeout,  # Redis: a server that accepts and never answers
    }
    return app.connection_for_write(connect_timeout=timeout, transport_options=options)


def short(error: BaseException) -> str:
    """An error in one line of at most 200 characters, for a log line or an answer."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]


class Sender:
    """This process's sending thread (see the module's docstring)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid = -1
        self._wanted: set[str] = set()
        self._pending = threading.Event()
        self._idle = threading.Event()
        self._connection: Any = None
        self._broker = ""
        self.backoff = 0.0  # seconds before the next try; 0 while the broker answers
        self._closed = False
        self.thread: threading.Thread | None = None

    def send_soon(self, name: str) -> None:
        """Have the task `name` sent by this process's thread; never blocks, never raises."""
        with self._lock:
            if self._pid != os.getpid():  # first use, or a fork (gunicorn --preload)
                self._start()
            self._wanted.add(name)
            self._idle.clear()
        self._pending.set()

    def flush(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the sends asked so far; whether they are done
        (at a process's exit, so that a command's writes are sent before it ends)."""
        if self._pid != os.getpid() or self.backoff:
            return True  # nothing asked here, or the broker is down: beat's sweep will send
        return self._idle.wait(timeout)

    def close(self) -> None:
        """End the thread after its current send (a test's sender)."""
        self._closed = True
        self._pending.set()

    def _start(self) -> None:
        self._pid = os.getpid()
        self._wanted = set()
        self._pending = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._connection = None  # a parent's connection is the parent's socket: never used
        self.backoff = 0.0
        self.thread = threading.Thread(target=self._run, name="broker-sender", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        pending = self._pending
        while True:
            pending.wait()
            pending.clear()
            if self._closed:
                return
            with self._lock:
                names, self._wanted = self._wanted, set()
            if names and not self._send(names):
                with self._lock:
                    self._wanted |= names  # sent at the next try, with any new ones
                time.sleep(self.backoff)
                pending.set()
                continue
            with self._lock:
                if not self._wanted:
                    self._idle.set()

    def _send(self, names: set[str]) -> bool:
        if not broker_configured():
            return True  # no broker any more (a test's settings put back): nothing to send to
        try:
            for name in sorted(names):
                current_app.send_task(name, connection=self._connected(), retry=False)
        except Exception as error:  # noqa: BLE001 - any failure: beat's sweep will deliver
            self._drop_connection()
            self.backoff = min(BACKOFF_MAX, max(1.0, self.backoff * 2))
            log.warning(
                "The broker did not take %s (%s); beat's sweep delivers once it is back. "
                "Next try in %.0f s.",
                ", ".join(sorted(names)),
                short(error),
                self.backoff,
            )
            return False
        if self.backoff:
            log.warning("The broker takes tasks again.")
        self.backoff = 0.0
        return True

    def _connected(self) -> Any:
        broker = str(current_app.conf.broker_write_url)
        if self._connection is not None and broker != self._broker:
            self._drop_connection()  # the settings changed (tests): a connection to the new one
        if self._connection is None:
            self._connection = bounded_connection(SEND_TIMEOUT)
            self._broker = broker
        return self._connection

    def _drop_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.release()
            except Exception:  # noqa: BLE001, S110 - a broken connection may fail to close too
                pass


sender = Sender()


def send_soon(name: str) -> None:
    """`Sender.send_soon` on this process's sender."""
    sender.send_soon(name)


atexit.register(lambda: sender.flush(SEND_TIMEOUT))


_probed: dict[str, tuple[float, str]] = {}  # broker URL -> (when, answer), this process's


def broker_health() -> str | None:
    """None with no broker; "ok" if it accepts a connection, else "unreachable"."""
    if not broker_configured():
        return None
    broker = str(current_app.conf.broker_write_url)
    now = time.monotonic()
    if broker in _probed and now - _probed[broker][0] < PROBE_CACHE_SECONDS:
        return _probed[broker][1]
    connection = bounded_connection(PROBE_TIMEOUT)
    try:
        connection.ensure_connection(max_retries=0, timeout=PROBE_TIMEOUT)
        answer = "ok"
    except Exception:  # noqa: BLE001 - any failure means it cannot take a task now
        answer = "unreachable"
    finally:
        try:
            connection.release()
        except Exception:  # noqa: BLE001, S110 - a broken connection may fail to close too
            pass
    _probed[broker] = (time.monotonic(), answer)
    return answer
