"""R1: gunicorn with several workers, 16 client threads posting to the same 4 processes.
Nothing is lost, nothing doubled, and the losers of a race get a clean 409."""

import http.client
import json
import random
import subprocess
import threading
import time
from collections import Counter

import pytest

from negotiations.read.models import Process, TimelineEntry
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from negotiations.write.runtime import get_application
from tests.api_fixtures import key_for
from tests.factories import body_for
from tests.reliability.conftest import LONG, scale
from tests.services import free_port
from tests.subprocess_env import ROOT, gunicorn_command, subprocess_env

pytestmark = [pytest.mark.django_db(transaction=True), LONG]
THREADS, PROCESSES = 16, 4
PER_THREAD = scale(100, 12)


@pytest.fixture
def server(editor, actors, tmp_path):
    port = free_port()
    # The log goes to a file: a pipe nobody reads fills up and blocks the workers.
    log = open(tmp_path / "gunicorn.log", "w")
    gunicorn = subprocess.Popen(
        gunicorn_command(port, workers=4),
        cwd=ROOT,
        env=subprocess_env(),
        stderr=log,
        stdout=log,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/v1/causes/")
            if conn.getresponse().status == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        gunicorn.kill()
        pytest.fail("gunicorn did not start: " + (tmp_path / "gunicorn.log").read_text()[-2000:])
    yield port, key_for(editor)
    gunicorn.terminate()
    gunicorn.wait(timeout=30)
    log.close()


def open_processes():
    app = get_application()
    return [
        app.open_process(
            {
                "name": f"Contended talks {i}",
                "conflict": "X",
                "mediators": [],
                "occurred_on": "2016-01-25",
            },
            recorded_by="setup",
        ).process_id
        for i in range(PROCESSES)
    ]


def hammer(port, token, processes, *, with_version: bool) -> Counter:
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def client(n):
        try:
            write(n)
        except Exception as e:  # counted, so that the assertions below name it
            with lock:
                outcomes[("client error", repr(e)[:200])] += 1

    def write(n):
        rng = random.Random(n)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
        versions = {}
        for i in range(PER_THREAD):
            process = rng.choice(processes)
            body = {"type": "statement_made", **body_for("statement_made", summary=f"{n}-{i}")}
            if with_version:
                if process not in versions:
                    conn.request("GET", f"/api/v1/processes/{process}/", headers=headers)
                    versions[process] = json.loads(conn.getresponse().read())["version"]
                body["expected_version"] = versions[process]
            conn.request("POST", f"/api/v1/processes/{process}/events/", json.dumps(body), headers)
            response = conn.getresponse()
            raw = response.read()
            try:
                data = json.loads(raw)
            except ValueError:
                data = {"code": f"non-JSON {raw[:200]!r}"}
            if response.status == 201:
                versions[process] = data["process"]["version"]
            elif data.get("code") == "version_conflict":
                versions[process] = data["current_version"]
            with lock:
                outcomes[(response.status, data.get("code"))] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not any(t.is_alive() for t in threads), "a client hung"
    return outcomes


def check_nothing_lost(processes, created: int):
    stored = sum(get_application().get_process(p).version - 1 for p in processes)
    rows = TimelineEntry.objects.filter(process_id__in=processes, sequence__gt=1).count()
    assert created == stored == rows, (created, stored, rows)
    assert sum(Process.objects.get(id=p).version - 1 for p in processes) == stored
    incremental = rows_checksum()
    wipe_read_models()
    catch_up(get_application())
    assert rows_checksum() == incremental, "read models differ from a clean rebuild"


def test_with_expected_version_losers_get_version_conflict(server):
    port, token = server
    processes = open_processes()
    outcomes = hammer(port, token, processes, with_version=True)
    print(f"R1 with expected_version: {dict(outcomes)}")
    assert sum(outcomes.values()) == THREADS * PER_THREAD
    assert set(outcomes) <= {(201, None), (409, "version_conflict")}, outcomes
    check_nothing_lost(processes, outcomes[(201, None)])


def test_without_expected_version_every_write_lands(server):
    port, token = server
    processes = open_processes()
    outcomes = hammer(port, token, processes, with_version=False)
    print(f"R1 without expected_version: {dict(outcomes)}")
    assert outcomes == Counter({(201, None): THREADS * PER_THREAD}), outcomes
    check_nothing_lost(processes, THREADS * PER_THREAD)
