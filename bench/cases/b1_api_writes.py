"""B1: events recorded per second over real HTTP (gunicorn, sync workers), the tracker
against the CRUD baseline (DRF + django-simple-history) on the same database.

Each client thread owns its processes (so that no two clients race on one process) and
cycles statement, pause, statement, resume on each: status changes and plain events alike.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench import data, harness

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2020, 1, 1)  # after the seeded histories, and not in the future
CYCLE = ["statement_made", "talks_paused", "statement_made", "talks_resumed"]


def event_body(kind: str, n: int) -> dict[str, Any]:
    if kind == "statement_made":
        return {"type": kind, **data.statement(DAY, n)}
    out = {"type": kind, "occurred_on": DAY.isoformat(), "sources": [data.SOURCE]}
    if kind == "talks_paused":
        out["expected_resumption_on"] = "2020-01-21"
    return out


def seed(processes: int, history: int) -> str:
    """Both systems get `processes` processes of `history` events each, ending active;
    returns an editor's API token."""
    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from bench.baseline.models import TimelineRow, TrackedProcess
    from negotiations.read.projections import catch_up
    from tracker import tokens

    harness.fresh_store()
    app = harness.writer_app()
    items = []
    convened = {"occurred_on": "1990-01-02", "sources": [data.SOURCE], "venue": "Geneva"}
    for slug in data.slugs(processes, "w"):
        items.append((slug, "process_opened", data.opening(slug)))
        items.append((slug, "talks_convened", convened))
        items += [
            (slug, "statement_made", data.statement(date(1990, 1, 3), i))
            for i in range(history - 2)
        ]
    harness.seed(app, items)
    catch_up(app, batch_size=1000)
    app.close()
    for slug in data.slugs(processes, "w"):
        process = TrackedProcess(slug=slug, name=slug, conflict="c", updated_at=timezone.now())
        for version in range(1, history + 1):  # one history row per event, as live writes make
            process.version = version
            if version == 2:
                process.status = "active"
                process.status_since = process.latest_change_on = date(1990, 1, 2)
            process.save()
        TimelineRow.objects.bulk_create(
            TimelineRow(
                process=process,
                sequence=s,
                type="statement_made",
                occurred_on=date(1990, 1, 3),
                recorded_at=process.updated_at,
                recorded_by="bench",
                body={},
            )
            for s in range(1, history + 1)
        )
    user = User.objects.create_user("bench-editor", password="bench-pass-123")
    user.groups.add(Group.objects.get(name="Editors"))
    return tokens.issue(user) or ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, workers: int, **extra_env: str) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", **extra_env}
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "tracker.wsgi:application",
            f"--workers={workers}",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
            "--timeout=60",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


class Load:
    """Client threads posting events for `seconds`; each owns every `clients`-th process."""

    def __init__(self, port: int, token: str, processes: int, clients: int) -> None:
        self.port, self.token = port, token
        self.slugs = data.slugs(processes, "w")
        self.clients = clients
        self.phase = {("tracker", s): 0 for s in self.slugs}
        self.phase.update({("baseline", s): 0 for s in self.slugs})
        self.n = 0

    def url(self, system: str, slug: str) -> str:
        if system == "tracker":
            return f"/api/v1/processes/{slug}/events/"
        return f"/baseline/processes/{slug}/events/"

    def run(self, system: str, seconds: float, max_requests: int) -> dict[str, Any]:
        ok, errors, lock = [0], {}, threading.Lock()
        stop_at = time.perf_counter() + seconds
        budget = [max_requests]

        def client(i: int) -> None:
            mine = self.slugs[i :: self.clients]
            k = 0
            while time.perf_counter() < stop_at:
                with lock:
                    if budget[0] <= 0:
                        return
                    budget[0] -= 1
                    self.n += 1
                    n = self.n
                slug = mine[k % len(mine)]
                k += 1
                key = (system, slug)
                kind = CYCLE[self.phase[key] % len(CYCLE)]
                status = self.post(system, slug, event_body(kind, n))
                with lock:
                    if status == 201:
                        ok[0] += 1
                        self.phase[key] += 1
                    else:
                        errors[status] = errors.get(status, 0) + 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(self.clients)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
        return {"ok": ok[0], "errors": errors, "seconds": elapsed}

    def post(self, system: str, slug: str, body: dict[str, Any]) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(
                "POST",
                self.url(system, slug),
                body=json.dumps(body),
                headers={
                    "Content-Type": "application/json",
                    "Authorization": f"Token {self.token}",
                },
            )
            response = conn.getresponse()
            response.read()
            return response.status
        except OSError:
            return 0
        finally:
            conn.close()


def step(name: str, params: dict[str, Any]) -> dict[str, Any]:
    from django.db import connections

    token = seed(params["processes"], params["history"])
    connections.close_all()
    server = start_gunicorn(free_port(), params["workers"])
    try:
        port = int(server.args[4].rsplit(":", 1)[1])
        load = Load(port, token, params["processes"], params["clients"])
        # Warm both (imports, connections, aggregate caches), then alternate the two
        # systems, each first in every other round, so that drift on a shared machine hits
        # both alike.
        systems = ("tracker", "baseline")
        for system in systems:
            load.run(system, params["warmup_s"], 10_000)
        totals = {s: {"ok": 0, "seconds": 0.0, "errors": {}} for s in systems}
        for round_ in range(params["rounds"]):
            for system in systems if round_ % 2 == 0 else systems[::-1]:
                r = load.run(system, params["seconds"], params["max_requests"])
                totals[system]["ok"] += r["ok"]
                totals[system]["seconds"] += r["seconds"]
                for code, count in r["errors"].items():
                    totals[system]["errors"][str(code)] = (
                        totals[system]["errors"].get(str(code), 0) + count
                    )
    finally:
        server.terminate()
        server.wait(timeout=30)
    # The async mode: the same load, writes committing their events only (the read models
    # follow in run_projections, not measured here: this is the write rate many nodes get).
    server = start_gunicorn(free_port(), params["workers"], PROJECT_AFTER_WRITE="false")
    try:
        load.port = int(server.args[4].rsplit(":", 1)[1])
        load.run("tracker", params["warmup_s"], 10_000)
        totals["tracker_async"] = {"ok": 0, "seconds": 0.0, "errors": {}}
        for _ in range(params["rounds"]):
            r = load.run("tracker", params["seconds"], params["max_requests"])
            totals["tracker_async"]["ok"] += r["ok"]
            totals["tracker_async"]["seconds"] += r["seconds"]
    finally:
        server.terminate()
        server.wait(timeout=30)
    out: dict[str, Any] = {"params": params}
    for system, t in totals.items():
        out[system] = {**t, "events_per_s": t["ok"] / t["seconds"] if t["seconds"] else 0.0}
    base = out["baseline"]["events_per_s"]
    out["ratio"] = out["tracker"]["events_per_s"] / base if base else None
    out["ratio_async"] = out["tracker_async"]["events_per_s"] / base if base else None
    return out
