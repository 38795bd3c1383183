"""B7: the public board against the API's JSON for the same data (the process list, and a
process page against the process's detail and events), and webhook delivery latency from
commit to receipt with 100 endpoints, through a real Celery worker and Redis."""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench import data, harness
from bench.loopback import QuietHandler, serve_in_a_thread, stop_worker

ROOT = Path(__file__).resolve().parents[2]
REDIS = ("127.0.0.1", 6379)
# A machine shared by several runs gives each its own Redis database.
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "14"))
BROKER = f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}"


def available() -> str | None:
    """None when webhook latency can be measured, else why not."""
    try:
        with socket.create_connection(REDIS, timeout=1):
            return None
    except OSError:
        return f"Redis is not reachable on {REDIS[0]}:{REDIS[1]}"


def _get(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)


def _measure(client, urls: list[str], repeat: int, *, rendered: bool = False) -> dict[str, Any]:
    """Medians of asking `urls`; `rendered`: the board's kept pages dropped before each."""
    from django.core.cache import cache

    def run() -> None:
        for url in urls:
            if rendered:
                cache.clear()
            _get(client, url)

    return {
        "ms": round(harness.median_ms(run, repeat=repeat), 3),
        "queries": harness.count_queries(run),
    }


def pages(params: dict[str, Any]) -> dict[str, Any]:
    from django.test import Client

    from negotiations.read.models import Process
    from negotiations.read.projections import catch_up

    harness.fresh_store()
    app = harness.writer_app()
    harness.seed(app, data.interleaved(params["processes"], params["events_each"], seed=7))
    catch_up(app, batch_size=1000)
    slug = Process.objects.order_by("name").values_list("slug", flat=True)[0]
    client, repeat = Client(), params["repeat"]
    out = {
        "board_list": _measure(client, ["/"], repeat),
        "api_list": _measure(client, ["/api/v1/processes/"], repeat),
        "board_page": _measure(client, [f"/processes/{slug}/"], repeat),
        "api_page": _measure(
            client, [f"/api/v1/processes/{slug}/", f"/api/v1/processes/{slug}/events/"], repeat
        ),
    }
    # The same pages made afresh each time (issue 22: what a page costs when no kept copy
    # serves it, the first reader after each write).
    out["board_list_rendered"] = _measure(client, ["/"], repeat, rendered=True)
    out["board_page_rendered"] = _measure(client, [f"/processes/{slug}/"], repeat, rendered=True)
    out["list_ratio"] = out["board_list"]["ms"] / out["api_list"]["ms"]
    out["page_ratio"] = out["board_page"]["ms"] / out["api_page"]["ms"]
    out["list_rendered_ratio"] = out["board_list_rendered"]["ms"] / out["api_list"]["ms"]
    out["page_rendered_ratio"] = out["board_page_rendered"]["ms"] / out["api_page"]["ms"]
    return out


class _Receipts:
    def __init__(self) -> None:
        self.times: list[tuple[int, float, str]] = []  # (event's sequence, arrival, path)
        self.lock = threading.Lock()


def _receiver(receipts: _Receipts) -> ThreadingHTTPServer:
    class Handler(QuietHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):  # noqa: N802
            arrived = time.time()
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            with receipts.lock:
                receipts.times.append((body["data"]["event"]["sequence"], arrived, self.path))
            self.answer_empty(204)

    return serve_in_a_thread(Handler)


def webhooks(params: dict[str, Any], *, project_after_write: bool = True) -> dict[str, Any]:
    """Commit to receipt; `project_after_write=False` writes in the async mode (no inline
    projection), where the commit's kick must enqueue the dispatch all the same."""
    from django.conf import settings

    from negotiations.webhooks import services
    from negotiations.write import runtime
    from tracker.celery import app as celery_app

    harness.fresh_store()
    settings.PROJECT_AFTER_WRITE = project_after_write
    receipts = _Receipts()
    server = _receiver(receipts)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    queue = f"bench-webhooks-{uuid.uuid4().hex[:8]}"
    # This interpreter writes like a web node with a broker: each write enqueues a dispatch.
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.update(broker_url=BROKER, task_always_eager=False, task_default_queue=queue)
    app = runtime.get_application()
    opened = app.open_process(data.opening("w-0000000"), recorded_by="bench")
    for i in range(params["endpoints"]):
        services.endpoint_create(url=f"{url}/{i}", processes=[], kinds=["event"])
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "CELERY_BROKER_URL": BROKER,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "WEBHOOK_DISPATCH_SECONDS": "5",
        "PROJECT_AFTER_WRITE": "true" if project_after_write else "false",
    }
    log_path = Path(settings.BENCH_DIR) / f"{queue}.log"
    log = open(log_path, "w")
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tracker", "worker", "-B"]
        + ["-s", str(Path(settings.BENCH_DIR) / f"{queue}-beat")]
        + ["-Q", queue, "-P", params.get("pool", "threads"), "-c", str(params["concurrency"])]
        + ["--without-gossip", "--without-mingle", "-l", "info"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        # The clock starts once the worker listens (its start is not a delivery's latency).
        deadline = time.monotonic() + 60
        while " ready." not in log_path.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(params["warmup_s"])
        committed: dict[int, float] = {}
        for n in range(params["events"]):
            result = app.record_event(
                opened.process_id,
                event_type="statement_made",
                body=data.statement(data.START, n),
                recorded_by="bench",
            )
            committed[result.sequence] = _recorded_at(app, opened.process_id, result.sequence)
            time.sleep(params["gap_s"])
        want = params["events"] * params["endpoints"]
        deadline = time.monotonic() + params["timeout_s"]
        while len(receipts.times) < want and time.monotonic() < deadline:
            time.sleep(0.2)
        # Each (event, endpoint) once: its first arrival (the payload names the event; the
        # one process is the bench's).
        first: dict[tuple[int, str], float] = {}
        for sequence, arrived, path in receipts.times:
            first.setdefault((sequence, path), arrived)
        latencies = sorted(
            (arrived - committed[sequence]) * 1000
            for (sequence, _), arrived in first.items()
            if sequence in committed
        )
    finally:
        stop_worker(worker, redis=REDIS, db=REDIS_DB, queue=queue, timeout=30)
        server.shutdown()
    return {
        "mode": "inline" if project_after_write else "async",
        "endpoints": params["endpoints"],
        "events": params["events"],
        "expected": want,
        "received": len(latencies),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 1) if latencies else None,
        "max_ms": round(latencies[-1], 1) if latencies else None,
    }


def _recorded_at(app, process_id, sequence: int) -> float:
    """When the event was recorded (just before its commit): the clock starts there."""
    stored = app.recorder.select_events(process_id, gt=sequence - 1, lte=sequence, limit=1)
    return app.mapper.to_domain_event(stored[0]).timestamp.timestamp()


def step(name: str, params: dict[str, Any]) -> dict[str, Any]:
    if name == "pages":
        return pages(params)
    if name == "webhooks":
        return webhooks(params)
    if name == "webhooks_async":
        return webhooks(params, project_after_write=False)
    raise ValueError(name)
