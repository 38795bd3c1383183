"""R7: many nodes on PostgreSQL. Two gunicorn servers on two ports (plus, in the async mode,
one `run_projections` process); 16 clients write with Idempotency-Keys and read their own
writes with `?min_position=`. One server is SIGKILLed mid-load and restarted, then the
projection runner. Every 201 is in the store exactly once, no read with `min_position` shows
a state older than its position, no answer is a 500, and the read models equal a rebuild."""

from __future__ import annotations

import http.client
import json
import random
import signal
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connections

from negotiations.read.models import TimelineEntry
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from negotiations.write.runtime import get_application
from tests.api_fixtures import key_for
from tests.factories import body_for
from tests.reliability.conftest import LONG, scale
from tests.reliability.test_concurrent_writers import free_port
from tests.subprocess_env import ROOT, gunicorn_command, manage_command, subprocess_env

pytestmark = [pytest.mark.django_db(transaction=True), LONG]
CLIENTS = 16
PER_CLIENT = scale(60, 8)
PROCESSES = 8
# A node killed mid-answer breaks the connection: refused, reset, or a body cut short.
BROKEN = (OSError, http.client.HTTPException)


class Node:
    """One web node: gunicorn on its own port, restartable."""

    def __init__(self, tmp: Path, name: str, env: dict[str, str]) -> None:
        self.port, self.env, self.log_path = free_port(), env, tmp / f"{name}.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        log = open(self.log_path, "a")
        self.proc = subprocess.Popen(
            gunicorn_command(self.port, workers=2),
            cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        pytest.fail(f"gunicorn did not start: {self.log_path.read_text()[-2000:]}")

    def kill(self) -> None:
        """SIGKILL the whole server, master and workers, mid-request."""
        import os

        if self.proc is not None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


class Runner:
    def __init__(self, tmp: Path, env: dict[str, str]) -> None:
        self.env, self.log_path, self.proc = env, tmp / "runner.log", None

    def start(self) -> None:
        log = open(self.log_path, "a")
        self.proc = subprocess.Popen(
            manage_command("run_projections", "--interval", "0.2"),
            cwd=ROOT, env=self.env, stdout=log, stderr=log,
        )  # fmt: skip

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


def request(port, method, path, token, body=None, key=None):
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    if key:
        headers["Idempotency-Key"] = key
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = conn.getresponse()
        raw = response.read()
        return response.status, (json.loads(raw) if raw else {}), response
    finally:
        conn.close()


@pytest.fixture
def cluster(editor, actors, tmp_path, request):
    if connections["default"].vendor != "postgresql":
        pytest.skip("R7 runs on PostgreSQL (many nodes on one database server)")
    inline = request.param == "inline"
    env = subprocess_env(
        PROJECT_AFTER_WRITE="true" if inline else "false", MIN_POSITION_WAIT_SECONDS="2"
    )
    nodes = [Node(tmp_path, "a", env), Node(tmp_path, "b", env)]
    runner = None if inline else Runner(tmp_path, env)
    get_application()  # the event store's schema and tables, before the nodes start
    for node in nodes:
        node.start()
    if runner:
        runner.start()
    token = key_for(editor)
    yield nodes, runner, token
    for node in nodes:
        node.stop()
    if runner:
        runner.stop()


@pytest.mark.parametrize("cluster", ["async", "inline"], indirect=True)
def test_two_nodes_a_killed_node_and_a_killed_runner_lose_and_double_nothing(cluster):
    nodes, runner, token = cluster
    slugs = []
    for i in range(PROCESSES):
        status, data, _ = request(
            nodes[0].port, "POST", "/api/v1/processes/", token,
            # Opened before the statements' dates (no event may be dated before its opening).
            {"name": f"Node talks {i}", "conflict": "X", "mediators": [],
             "occurred_on": "2016-01-25"},
        )  # fmt: skip
        assert status == 201, data
        slugs.append(data["slug"])

    outcomes: Counter = Counter()
    created: dict[str, tuple[str, int]] = {}  # idempotency key -> (slug, sequence)
    stale: list = []
    lock = threading.Lock()
    up = [True, True]

    def port_for(rng) -> int:
        choices = [n.port for n, alive in zip(nodes, up, strict=True) if alive]
        return rng.choice(choices or [nodes[1].port])

    def client(n: int) -> None:
        try:
            write_and_read(n)
        except Exception as e:  # counted, so that the assertions below name it
            with lock:
                outcomes[("client error", repr(e)[:200])] += 1

    def write_and_read(n: int) -> None:
        rng = random.Random(n)
        for i in range(PER_CLIENT):
            slug = rng.choice(slugs)
            key = f"c{n}-{i}"
            body = {"type": "statement_made", **body_for("statement_made", summary=key)}
            for _attempt in range(40):  # the same request, the same key, until it is answered
                try:
                    status, data, _ = request(
                        port_for(rng), "POST", f"/api/v1/processes/{slug}/events/", token,
                        body, key,
                    )  # fmt: skip
                except BROKEN:
                    time.sleep(0.1)  # the node died under us: retry on whichever is up
                    continue
                with lock:
                    outcomes[status] += 1
                if status == 201:
                    break
                time.sleep(0.05)
            else:
                with lock:
                    outcomes["gave up"] += 1
                continue
            sequence, position = data["event"]["sequence"], data["position"]
            with lock:
                created[key] = (slug, sequence)
            for _attempt in range(40):  # read my own write
                try:
                    status, shown, response = request(
                        port_for(rng), "GET", f"/api/v1/processes/{slug}/?min_position={position}",
                        token,
                    )  # fmt: skip
                except BROKEN:
                    time.sleep(0.1)
                    continue
                with lock:
                    outcomes[f"read {status}"] += 1
                if status == 200:
                    if shown["version"] < sequence:
                        with lock:
                            stale.append((key, position, shown["version"], sequence))
                    break
                assert status == 503, (status, shown)
                assert shown["code"] == "projection_behind", (status, shown)
                time.sleep(min(1.0, float(response.headers.get("Retry-After", "1"))))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()

    # Faults mid-load: a node dies with requests in flight and comes back; then the runner.
    total = CLIENTS * PER_CLIENT

    def when_written(share: float) -> None:
        deadline = time.monotonic() + 300
        while len(created) < total * share and time.monotonic() < deadline:
            time.sleep(0.05)

    when_written(0.25)
    killed_at = len(created)
    up[0] = False
    nodes[0].kill()
    time.sleep(0.5)
    nodes[0].start()
    up[0] = True
    if runner:
        when_written(0.6)
        runner.kill()
        time.sleep(0.5)
        runner.start()

    for t in threads:
        t.join(timeout=900)
    assert not any(t.is_alive() for t in threads), "a client hung"

    assert 500 not in outcomes, outcomes
    assert "read 500" not in outcomes, outcomes
    assert outcomes["gave up"] == 0, outcomes
    assert not [k for k in outcomes if isinstance(k, tuple)], outcomes
    assert stale == [], f"reads older than their min_position: {stale[:5]}"
    assert len(created) == total
    assert 0 < killed_at < total, "the node was killed mid-load"

    # Every 201 is in the store exactly once: one statement per key, at the answered sequence.
    app = get_application()
    for slug in slugs:
        process = app.get_process(app.process_id_for_slug(slug))
        summaries = [e.values.get("summary") for e in process.entries[1:]]
        assert len(summaries) == len(set(summaries)), f"a write stored twice on {slug}"
        for key, (where, sequence) in created.items():
            if where == slug:
                assert process.entries[sequence - 1].values["summary"] == key
    assert sum(app.get_process(app.process_id_for_slug(s)).version - 1 for s in slugs) == len(
        created
    )

    # The read models caught up equal a clean rebuild, row for row.
    for node in nodes:
        node.stop()
    if runner:
        runner.stop()
    catch_up(app)
    assert TimelineEntry.objects.count() == len(created) + PROCESSES
    incremental = rows_checksum()
    wipe_read_models()
    catch_up(app)
    assert rows_checksum() == incremental
