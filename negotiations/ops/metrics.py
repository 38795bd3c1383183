"""What an operator watches: Prometheus metrics and the health check.

Counters and histograms are kept per process; with several gunicorn workers set
`PROMETHEUS_MULTIPROC_DIR` (an empty folder, the same for every worker) and `/metrics` adds
them up. Gauges of the shared state (projection lag, digest backlog) are read from the
database when `/metrics` is scraped, so every node reports the same truth.
"""

from __future__ import annotations

import hmac
import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector

# The instruments live where they are observed; imported here so /metrics always lists them.
from negotiations.read import consistency
from negotiations.write import runtime  # noqa: F401
from tracker.broker import broker_health

log = logging.getLogger(__name__)


def projection_lag() -> tuple[int, float]:
    """Events recorded but not yet in the read models, and the age in seconds of the oldest."""
    from negotiations.read.consistency import projected_position
    from negotiations.write.runtime import get_application

    app = get_application()
    position = projected_position()
    last = app.recorder.max_notification_id() or 0
    if last <= position:
        return 0, 0.0
    first = app.recorder.select_notifications(start=position + 1, limit=1)
    age = 0.0
    if first:
        event = app.mapper.to_domain_event(first[0])
        recorded_at: datetime = event.timestamp  # type: ignore[attr-defined]  # every event of ours has one
        age = max(0.0, (datetime.now(UTC) - recorded_at).total_seconds())
    return last - position, age


class SharedStateCollector(Collector):
    """Gauges read from the database at scrape time."""

    def collect(self):
        events, seconds = projection_lag()
        yield GaugeMetricFamily(
            "tracker_projection_lag_events",
            "Events in the store that the read models do not include yet.",
            value=events,
        )
        yield GaugeMetricFamily(
            "tracker_projection_lag_seconds",
            "Age of the oldest event the read models do not include yet.",
            value=seconds,
        )
        yield from backlog_gauges()


def backlog_gauges():
    from negotiations.digests.models import Delivery

    backlog = GaugeMetricFamily(
        "tracker_digest_backlog",
        "Digest deliveries not yet sent, by state.",
        labels=["state"],
    )
    for state in ("pending", "sending"):
        backlog.add_metric([state], Delivery.objects.filter(status=state).count())
    yield backlog


def may_scrape(request: HttpRequest) -> bool:
    """Public while reads are and no METRICS_TOKEN is set; otherwise only with
    `Authorization: Bearer <METRICS_TOKEN>` (never without a token set)."""
    token = settings.METRICS_TOKEN
    if not token:
        return bool(settings.PUBLIC_READS)
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode()
    )


@consistency.never_waits
def metrics_view(request: HttpRequest) -> HttpResponse:
    if not may_scrape(request):
        return HttpResponse(
            "The metrics need Authorization: Bearer <METRICS_TOKEN>.\n",
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY  # this process's own metrics (default process/platform too)
    shared = CollectorRegistry()
    shared.register(SharedStateCollector())
    body = generate_latest(registry) + generate_latest(shared)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)


@consistency.never_waits
def healthz_view(request: HttpRequest) -> JsonResponse:
    """Whether this node can answer: its database, the event store and the read models reply,
    and, when one is configured, whether the Celery broker takes a connection (bounded and
    cached for a few seconds: `tracker.broker.broker_health`).
    Any failure is a 503 naming what failed, never a 500: a database that is down, or one
    not migrated yet (no read-model tables), is what a load balancer asks about."""
    checks: dict[str, str] = {"database": _answer(_ask_the_database)}
    if checks["database"] == "ok":
        checks["event_store"] = _answer(_ask_the_event_store)
    else:  # the same database: asking its store too waited out the pool's 30 s
        checks["event_store"] = "not asked: the database did not answer"
    body: dict = {"status": "ok", **checks}
    if all(v == "ok" for v in checks.values()):
        try:
            body["projection_lag_events"] = projection_lag()[0]
            body["read_models"] = read_models_health()
        except Exception as e:  # noqa: BLE001 - the read models' tables missing, for one
            body["read_models"] = _failed("read_models", e)
            body["status"] = "unavailable"
        else:
            if body["read_models"] not in ("ok", "a rebuild is running"):
                body["status"] = "degraded"
    else:
        body["status"] = "unavailable"
    broker = broker_health()  # None: no broker configured, tasks run in the caller
    if broker is not None:
        body["broker"] = broker
        if broker != "ok" and body["status"] == "ok":
            body["status"] = "degraded"  # writes go on; webhooks and digests wait for it
    # Degraded is still 200: the serving read models are whole and answer (a rebuild that
    # died never touched them), and every node shares the one database, so a 503 would take
    # them all out of the load balancer at once for something that only an operator fixes.
    return JsonResponse(body, status=503 if body["status"] == "unavailable" else 200)


def _answer(ask: Callable[[], object]) -> str:
    try:
        ask()
    except Exception as e:  # noqa: BLE001 - any failure is the answer here
        return _failed(ask.__name__.removeprefix("_ask_the_"), e)
    return "ok"


def _failed(part: str, error: Exception) -> str:
    """The public answer names the kind of failure; its message, which may name the
    database's host, port and user, goes to the log."""
    log.warning("healthz: the %s did not answer: %s", part, error)
    return f"error: {type(error).__name__}"


def _ask_the_database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")


def _ask_the_event_store() -> None:
    from negotiations.write.runtime import get_application

    get_application().recorder.max_notification_id()


def read_models_health() -> str:
    """ "ok", "a rebuild is running", or what needs a rebuild (degraded): what an
    interrupted rebuild left, read models of an older or unknown layout."""
    from negotiations.read.layout import layout_status
    from negotiations.read.rebuild_state import rebuild_status

    rebuilding = rebuild_status().describe()
    if rebuilding == "a rebuild is running":
        return rebuilding  # it will leave them whole and of this layout
    layout = layout_status()
    parts = [p for p in (rebuilding, layout.describe()) if p != "ok"]
    return "; ".join(parts) or "ok"
