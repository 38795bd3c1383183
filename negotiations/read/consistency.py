"""Reading one's own writes in the async mode (`PROJECT_AFTER_WRITE=false`).

A write answers with the store `position` of its event. A read that must see it passes
`?min_position=N`: the read waits, a bounded time, until the projection has applied position
N, or answers 503 `projection_behind` with `Retry-After`. In the inline mode (the default)
every answered write is in the read models already, so nothing waits.
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from prometheus_client import Counter, Histogram

from negotiations.read.models import ProjectionPosition
from negotiations.read.projections import PROJECTION

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
    `timeout` seconds (MIN_POSITION_WAIT_SECONDS by default). Never waits inline."""
    if settings.PROJECT_AFTER_WRITE or projected_position() >= position:
        return True
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


class MinPositionMiddleware:
    """Honours `?min_position=N` on every read (API, admin, pages)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw = request.GET.get("min_position")
        if raw is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        try:
            position = int(raw)
            if position < 0:
                raise ValueError
        except ValueError:
            message = "min_position: Must be a non-negative integer (a write's `position`)."
            return JsonResponse(
                {
                    "code": "invalid",
                    "detail": message,
                    "errors": {"min_position": [message.split(": ", 1)[1]]},
                },
                status=400,
            )
        if not wait_for_position(position):
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
        return self.get_response(request)
