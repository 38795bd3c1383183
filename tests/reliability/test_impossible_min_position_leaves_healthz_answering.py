"""R10 (min_position), from outside: gunicorn with sync workers (as in production), in the
async mode, and 30 anonymous connections asking `?min_position=` far past the store's end
for a while (issue 21 saw every such read wait its 3 s, `/healthz` take 29.5 s and `/` 15 s).
Each is now answered at once (400 `position_unknown`), so `/healthz` and `/` keep answering
in well under a second while they run."""

from __future__ import annotations

import http.client
import json
import subprocess
import threading
import time
from collections import Counter

import pytest

from negotiations.write.runtime import get_application
from tests.reliability.conftest import LONG, scale
from tests.services import free_port
from tests.subprocess_env import ROOT, gunicorn_command, subprocess_env

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True), LONG]
CONNECTIONS = 30
SECONDS = scale(20, 6)
IMPOSSIBLE = 999_999


def get(port: int, path: str, timeout: float) -> tuple[int, dict, float]:
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        raw = response.read()
        shown = (
            json.loads(raw)
            if response.getheader("Content-Type", "").startswith("application/json")
            else {}
        )
        return response.status, shown, time.monotonic() - started
    finally:
        conn.close()


@pytest.fixture
def server(tmp_path, actors):
    get_application()  # the event store's tables, before the workers start
    port = free_port()
    log = open(tmp_path / "gunicorn.log", "w")  # a file: a pipe nobody reads blocks workers
    env = subprocess_env(PROJECT_AFTER_WRITE="false", MIN_POSITION_WAIT_SECONDS="3")
    proc = subprocess.Popen(
        gunicorn_command(port, workers=2),
        cwd=ROOT, env=env, stdout=log, stderr=log,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 40
        while True:
            try:
                if get(port, "/healthz", 5)[0] == 200:
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail((tmp_path / "gunicorn.log").read_text()[-2000:])
                time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_healthz_answers_at_once_while_30_connections_ask_an_impossible_min_position(server):
    port = server
    stop = threading.Event()
    answers: Counter = Counter()
    slowest = [0.0]
    lock = threading.Lock()

    def ask_forever() -> None:
        while not stop.is_set():
            try:
                status, shown, took = get(
                    port, f"/api/v1/processes/?min_position={IMPOSSIBLE}", timeout=30
                )
                answer = f"{status} {shown.get('code')}"
            except OSError as error:
                answer, took = f"error {type(error).__name__}", 30.0
            with lock:
                answers[answer] += 1
                slowest[0] = max(slowest[0], took)

    askers = [threading.Thread(target=ask_forever) for _ in range(CONNECTIONS)]
    for asker in askers:
        asker.start()
    health, board = [], []
    try:
        ends = time.monotonic() + SECONDS
        while time.monotonic() < ends:
            for path, times in (("/healthz", health), ("/", board)):
                try:
                    status, _shown, took = get(port, path, timeout=5)
                except OSError:
                    status, took = 0, 5.0
                times.append((status, took))
            time.sleep(0.25)  # a probe every quarter second, like a load balancer's
    finally:
        stop.set()
        for asker in askers:
            asker.join(timeout=60)

    print(
        f"\nR10: {sum(answers.values())} impossible reads {dict(answers)}, slowest "
        f"{slowest[0]:.3f} s; /healthz max {max(t for _, t in health):.3f} s over "
        f"{len(health)} probes; / max {max(t for _, t in board):.3f} s"
    )
    assert set(answers) == {"400 position_unknown"}, answers
    assert all(status == 200 for status, _ in health), health
    # Under the 3 s a waiting read takes, with room for a loaded two-core machine (CI runs two
    # test workers): the defect answered /healthz in 29.5 s.
    assert max(took for _, took in health) < 2.0, health
    assert all(status == 200 for status, _ in board), board
