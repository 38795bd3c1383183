"""Reading one's own writes in the async mode (`PROJECT_AFTER_WRITE=false`).

A write answers with the store `position` of its event. A read that must see it passes
`?min_position=N`: the read waits, a bounded time, until the projection has applied position
N, or answers 503 `projection_behind` with `Retry-After`. In the inline mode (the default)
every answered write is in the read models already, so nothing waits.

Waiting is bounded three ways, so that such reads cannot hold every worker (issue 21):
- a position past the store's last committed one answers 400 `position_unknown` at once (no
  acknowledged write can have it: a write answers only after its commit);
- at most `MIN_POSITION_MAX_WAITERS` reads wait at once in a worker process; the next
  answers 503 `projection_behind` at once;
- views marked `never_waits` (`/healthz`, `/metrics`) ignore the parameter.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from prometheus_client import Counter, Histogram

from negotiations.domain.body_fields import digits
from negotiations.read.models import ProjectionPosition
from negotiations.read.projections import PROJECTION
from negotiations.write.runtime import get_application

POLL_SECONDS = 0.05

MIN_POSITION_WAITS = Counter(
    "tracker_min_position_waits", "Reads with ?min_position= that had to wait."
)
MIN_POSITION_WAIT_SECONDS_SPENT = Histogram(
    "tracker_min_position_wait_seconds",
    "How long reads with ?min_position= waited for the projection.",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10),
)
PROJECTION_BEHIND = Counter(
    "tracker_projection_behind",
    "Reads answered 503 projection_behind (the projection did not reach min_position).",
)
POSITION_UNKNOWN = Counter(
    "tracker_min_position_unknown",
    "Reads answered 400 position_unknown (min_position past the store's last position).",
)

_waiters_lock = threading.Lock()
_waiters = 0

View = TypeVar("View", bound=Callable[..., Any])


def never_waits(view: View) -> View:
    """Mark a view that answers at once whatever `?min_position=` says (health, metrics)."""
    view.never_waits = True  # type: ignore[attr-defined]
    return view


@contextmanager
def waiting_slot() -> Iterator[bool]:
    """One of this process's MIN_POSITION_MAX_WAITERS places to wait in: True if taken (and
    given back on exit), False if all are taken."""
    global _waiters
    with _waiters_lock:
        taken = _waiters < settings.MIN_POSITION_MAX_WAITERS
        if taken:
            _waiters += 1
    try:
        yield taken
    finally:
        if taken:
            with _waiters_lock:
                _waiters -= 1


def last_recorded_position() -> int:
    """The store's last committed position: no acknowledged write has a higher one."""
    return get_application().recorder.max_notification_id() or 0


def projected_position() -> int:
    """The last store position the read models include."""
    return (
        ProjectionPosition.objects.filter(name=PROJECTION)
        .values_list("position", flat=True)
        .first()
        or 0
    )


def wait_for_position(position: int, timeout: float | None = None) -> bool:
    """Wait until the read models include `position`; False if they still do not after
    `timeout` seconds (MIN_POSITION_WAIT_SECONDS by default), or at once if this process
    has MIN_POSITION_MAX_WAITERS reads waiting already. Never waits inline."""
    if settings.PROJECT_AFTER_WRITE or projected_position() >= position:
        return True
    with waiting_slot() as taken:
        return taken and _wait(position, timeout)


def _wait(position: int, timeout: float | None) -> bool:
    MIN_POSITION_WAITS.inc()
    started = time.monotonic()
    deadline = started + (settings.MIN_POSITION_WAIT_SECONDS if timeout is None else timeout)
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        if projected_position() >= position:
            MIN_POSITION_WAIT_SECONDS_SPENT.observe(time.monotonic() - started)
            return True
    MIN_POSITION_WAIT_SECONDS_SPENT.observe(time.monotonic() - started)
    return False


def _invalid() -> JsonResponse:
    message = "min_position: Must be a non-negative integer (a write's `position`)."
    return JsonResponse(
        {
            "code": "invalid",
            "detail": message,
            "errors": {"min_position": [message.split(": ", 1)[1]]},
        },
        status=400,
    )


def _unknown(position: int, last: int) -> JsonResponse:
    POSITION_UNKNOWN.inc()
    message = _(
        "No write has position %(position)s: the event store's last position is %(last)s. "
        "Pass the `position` a write answered."
    ) % {"position": position, "last": last}
    return JsonResponse(
        {
            "code": "position_unknown",
            "detail": f"min_position: {message}",
            "errors": {"min_position": [message]},
            "position": last,
        },
        status=400,
    )


def _behind(position: int) -> JsonResponse:
    PROJECTION_BEHIND.inc()
    retry = max(1, math.ceil(settings.MIN_POSITION_WAIT_SECONDS))
    response = JsonResponse(
        {
            "code": "projection_behind",
            "detail": (
                f"The read models have not reached position {position} yet "
                f"(they are at {projected_position()}). Retry in {retry} s."
            ),
            "position": projected_position(),
        },
        status=503,
    )
    response["Retry-After"] = str(retry)
    return response


class MinPositionMiddleware:
    """Honours `?min_position=N` on every read (API, admin, pages) but `never_waits` views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        raw = request.GET.get("min_position")
        # Sent empty, as every optional query parameter may be (`allowEmptyValue` in the
        # schema, an unfilled form field): not sent.
        if raw in (None, "") or request.method not in ("GET", "HEAD"):
            return None
        if getattr(view, "never_waits", False):
            return None
        if not digits(raw):
            return _invalid()
        position = int(raw)
        if projected_position() >= position:
            return None
        last = last_recorded_position()
        if position > last:
            return _unknown(position, last)
        if not wait_for_position(position):
            return _behind(position)
        return None
