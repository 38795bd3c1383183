"""R12: `rebuild_projections` (a real process) builds beside the serving read models and
switches in one transaction. Readers polling the process list and a timeline over HTTP
during it never see fewer processes or events than before it started; writes recorded during
it are all in the result, which equals a clean build row for row. A rebuild SIGKILLed midway
leaves the read models whole, is reported by `manage.py check` and `/healthz`, and the next
rebuild succeeds and clears the report. Both load with two parts (parallel_load), as a large
store's rebuild does: its parts end with the process that started them."""

import io
import signal
import subprocess
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, connections
from django.test import Client

from negotiations.domain.process import process_id_for
from negotiations.read.models import TimelineEntry
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import (
    leftover_tables,
    next_table,
    rebuild_status,
    rows_checksum,
    wipe_read_models,
)
from negotiations.write import runtime
from tests.factories import body_for
from tests.reliability.conftest import LONG, scale
from tests.reliability.test_killed_projection import record_history
from tests.services import wait_for
from tests.subprocess_env import manage_command, subprocess_env

pytestmark = [pytest.mark.django_db(transaction=True), LONG]
EVENTS = scale(50_000, 6_000)
TIMELINE = "/api/v1/processes/process-0/events/?page_size=1"
LIST = "/api/v1/processes/?page_size=1"


@pytest.fixture
def served(actors, settings):
    """EVENTS events in the store and in the serving read models; writes project inline."""
    settings.PROJECT_AFTER_WRITE = False
    runtime.reset_application()
    record_history(runtime.get_application(), EVENTS)
    settings.PROJECT_AFTER_WRITE = True
    runtime.reset_application()
    app = runtime.get_application()
    catch_up(app, batch_size=5000)
    return app


def next_events() -> int:
    """How many events the rebuild's next timeline holds (0 before it exists)."""
    table = connection.ops.quote_name(next_table(TimelineEntry))
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - our table
            return cursor.fetchone()[0] or 0
    except DatabaseError:
        return 0


def start_rebuild(log) -> subprocess.Popen:
    command = manage_command(
        "rebuild_projections", "--no-progress", "--batch-size", "500", "--workers", "2"
    )
    return subprocess.Popen(command, env=subprocess_env(), stdout=log, stderr=log)


class Reader(threading.Thread):
    """Polls the process list and one timeline over HTTP until told to stop."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.processes: list[int] = []
        self.events: list[int] = []
        self.failures: list[str] = []

    def run(self) -> None:
        client = Client()
        try:
            while not self.stop.is_set():
                for url, seen in ((LIST, self.processes), (TIMELINE, self.events)):
                    answer = client.get(url)
                    if answer.status_code != 200:
                        self.failures.append(f"{url}: {answer.status_code}")
                    else:
                        seen.append(answer.json()["count"])
        finally:
            connections.close_all()


def counts(client: Client) -> tuple[int, int]:
    return client.get(LIST).json()["count"], client.get(TIMELINE).json()["count"]


def test_readers_never_see_a_partial_read_model_and_writes_land(served, tmp_path):
    app = served
    client = Client()
    processes, events = counts(client)
    reader = Reader()
    reader.start()
    written = 0
    with open(tmp_path / "rebuild.log", "w") as log:
        rebuild = start_rebuild(log)
        # Once the build is under way, record events on a process while it runs (inline).
        assert wait_for(lambda: next_events() > 0 or rebuild.poll() is not None, 300)
        while rebuild.poll() is None and written < 50:
            app.record_event(
                process_id_for("process-1"),
                event_type="statement_made",
                body=body_for("statement_made", "2016-01-02"),
                recorded_by="analyst",
            )
            written += 1
        rebuild.wait(timeout=900)
    reader.stop.set()
    reader.join(timeout=60)
    assert rebuild.returncode == 0, (tmp_path / "rebuild.log").read_text()[-3000:]
    print(
        f"R12: {EVENTS} events; {len(reader.processes)} list and {len(reader.events)} timeline "
        f"reads during the rebuild, {written} writes, {app.recorder.max_notification_id()} "
        f"in the store; {(tmp_path / 'rebuild.log').read_text()}"
    )
    assert not reader.failures
    assert len(reader.events) > 2, "the rebuild ended before the reader read: use more events"
    assert min(reader.processes) >= processes
    assert min(reader.events) >= events
    assert written > 0
    assert not leftover_tables()

    after = rows_checksum()
    wipe_read_models()
    catch_up(app, batch_size=5000)
    assert rows_checksum() == after, "the switched read models differ from a clean build"


def children(pid: int) -> list[int]:
    """The running (not ended) processes whose parent is `pid` (Linux's /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
def test_a_killed_rebuild_leaves_the_reads_whole_and_is_reported(served, tmp_path):
    checksum = rows_checksum()
    parts: list[int] = []
    with open(tmp_path / "rebuild.log", "w") as log:
        rebuild = start_rebuild(log)

        def both_parts() -> bool:
            parts[:] = children(rebuild.pid)
            return len(parts) == 2

        assert wait_for(both_parts, 300, 0.02)
        assert wait_for(lambda: next_events() >= 1000, 300, 0.02), log.name
        rebuild.send_signal(signal.SIGKILL)
        rebuild.wait(timeout=30)
    assert len(set(parts)) == 2, parts  # --workers 2
    assert wait_for(lambda: not any(map(running, parts)), 30), "a part outlived its rebuild"
    assert next_events() < EVENTS, "the parts went on loading after their rebuild was killed"

    assert rows_checksum() == checksum
    assert wait_for(lambda: rebuild_status().interrupted, 30)  # the lock goes with the process
    report = io.StringIO()
    call_command("check", stdout=report, stderr=report)
    assert "negotiations.W002" in report.getvalue()
    health = Client().get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"

    with open(tmp_path / "again.log", "w") as log:
        again = start_rebuild(log)
        again.wait(timeout=900)
    assert again.returncode == 0, (tmp_path / "again.log").read_text()[-3000:]
    assert rows_checksum() == checksum
    assert not rebuild_status().degraded
    assert Client().get("/healthz").json()["status"] == "ok"
