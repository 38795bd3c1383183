"""A large store's rebuild loads the read models with several processes, each the processes
whose ids fall to its part (negotiations/read/parallel_load.py). The parts build what one
process builds, row for row, amendments included and wherever the batches cut the histories;
a part that fails fails the rebuild, which leaves the serving read models as they were and
its next tables reported; the number of parts comes from the setting on a large store only,
and never where other processes cannot see the database."""

import subprocess
import threading
import time

import pytest
from django.db import connection, connections, transaction

from negotiations.domain.process import process_id_for
from negotiations.read import parallel_load
from negotiations.read import rebuild as rebuild_module
from negotiations.read.projections import catch_up
from negotiations.read.rebuild import (
    leftover_tables,
    rebuild,
    rebuild_status,
    rows_checksum,
    wipe_read_models,
)
from negotiations.write import runtime
from tests.factories import body_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def parts_used(monkeypatch):
    """How many parts each parallel load of the test used."""
    used: list[int] = []
    load = rebuild_module.load_in_parts

    def counted(app, parts, **options):
        used.append(parts)
        return load(app, parts, **options)

    monkeypatch.setattr(rebuild_module, "load_in_parts", counted)
    return used


@pytest.mark.parametrize(("workers", "batch_size"), [(2, 7), (3, 500)])
def test_the_parts_build_what_one_process_builds(
    geneva, parts_used, workers, batch_size, tmp_path, monkeypatch
):
    # An operator's working folder, not the checkout, holding a package of the same name: the
    # parts import the tracker's own.
    (tmp_path / "negotiations").mkdir()
    (tmp_path / "negotiations" / "__init__.py").write_text("raise ImportError('not this one')")
    monkeypatch.chdir(tmp_path)
    app = runtime.get_application()
    served = rows_checksum()  # as the writes projected them, Geneva's two amendments included

    done = rebuild(app, workers=workers, batch_size=batch_size)

    assert parts_used == [workers]
    assert done.processes == workers
    assert done.events == app.recorder.max_notification_id()
    assert rows_checksum() == served
    assert not leftover_tables()
    alone = rebuild(app, workers=1, batch_size=batch_size)
    assert (alone.events, alone.processes) == (done.events, 1)
    assert parts_used == [workers]  # one process: no parts
    assert rows_checksum() == served


def test_a_failed_part_fails_the_rebuild_and_changes_no_served_row(geneva, monkeypatch):
    app = runtime.get_application()
    served = rows_checksum()
    monkeypatch.setattr(
        parallel_load, "PART_COMMAND", ("-c", "import sys; sys.exit('no part today')")
    )

    with pytest.raises(parallel_load.LoadPartFailed, match="no part today"):
        rebuild(app, workers=2)

    assert rows_checksum() == served
    assert leftover_tables()
    assert rebuild_status().degraded
    monkeypatch.setattr(parallel_load, "PART_COMMAND", ("-m", "negotiations.read.load_part"))
    rebuild(app, workers=2)
    assert rows_checksum() == served
    assert not rebuild_status().degraded


def test_a_count_of_no_workers_is_refused_before_anything_is_made(geneva):
    app = runtime.get_application()
    served = rows_checksum()

    with pytest.raises(ValueError, match="at least one worker"):
        rebuild(app, workers=0)

    assert not leftover_tables()
    assert not rebuild_status().degraded
    assert rows_checksum() == served


def test_how_many_parts(geneva, settings, monkeypatch):
    app = runtime.get_application()
    settings.REBUILD_WORKERS = 3
    assert parallel_load.workers_for(app, 2) == 2  # asked for
    assert parallel_load.workers_for(app, None) == 1  # 161 events: one process
    monkeypatch.setattr(parallel_load, "PARALLEL_FROM", 100)
    assert parallel_load.workers_for(app, None) == 3
    with pytest.raises(ValueError, match="at least one"):
        parallel_load.workers_for(app, 0)


def test_no_parts_where_other_processes_cannot_see_the_database(geneva, monkeypatch):
    app = runtime.get_application()
    with transaction.atomic():  # what this connection has not committed
        assert parallel_load.workers_for(app, 2) == 1
    if connection.vendor == "sqlite":
        assert parallel_load.workers_for(app, 2) == 2  # the test's file
        # In memory, or a URI (no setting of the tracker writes one; the rebuild lock, a
        # file beside the database's, is not taken for it either): one process.
        for name in (":memory:", "file:memorydb?mode=memory", "file:/tmp/x.sqlite3?mode=rwc"):
            monkeypatch.setitem(connection.settings_dict, "NAME", name)
            assert parallel_load.workers_for(app, 2) == 1, name


def parts_started(monkeypatch, wait: bool = False) -> list[subprocess.Popen]:
    """The parts the test's loads start (the real processes), each waited for to its end
    as soon as it starts when `wait`."""
    started: list[subprocess.Popen] = []

    class Part(subprocess.Popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)
            if wait:
                self.wait(timeout=60)

    monkeypatch.setattr(parallel_load.subprocess, "Popen", Part)
    return started


def test_a_part_gone_before_its_task_fails_the_rebuild_as_any_failed_part(geneva, monkeypatch):
    app = runtime.get_application()
    served = rows_checksum()
    monkeypatch.setattr(parallel_load, "PART_COMMAND", ("-c", "import sys; sys.exit('gone')"))
    started = parts_started(monkeypatch, wait=True)  # ended before their task is written

    with pytest.raises(parallel_load.LoadPartFailed, match="gone"):
        rebuild(app, workers=2)
    assert len(started) == 2
    assert rows_checksum() == served


FAILS_FIRST = """
import json, sys, time
task = json.loads(sys.stdin.readline())
if task["index"] == 0:
    sys.exit("the first part failed")
time.sleep(120)
"""


def test_a_failed_part_is_reported_without_waiting_for_the_others(geneva, monkeypatch):
    app = runtime.get_application()
    monkeypatch.setattr(parallel_load, "PART_COMMAND", ("-c", FAILS_FIRST))
    parts = parts_started(monkeypatch)
    started = time.monotonic()

    with pytest.raises(parallel_load.LoadPartFailed, match="the first part failed"):
        rebuild(app, workers=2)
    assert time.monotonic() - started < 60  # the second part would sleep 120 s
    assert [part.poll() is not None for part in parts] == [True, True]  # the sleeper killed


def test_the_parts_load_up_to_the_head_the_load_began_at_across_a_gap(geneva, monkeypatch):
    """PostgreSQL numbers events from a sequence: a rolled-back append leaves a gap, and a
    limit alone then reads past the head into events the switch applies."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite numbers events by rowid, without gaps")
    app = runtime.get_application()
    recorder = app.recorder
    table = f'"{recorder.datastore.schema}"."{recorder.events_table_name}"'
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'notification_id')) "
            "FROM generate_series(1, 5)",
            [table],
        )

    def record(day: str) -> None:
        app.record_event(
            process_id_for("intra-syrian-talks-geneva"),
            event_type="statement_made",
            body=body_for("statement_made", day),
            recorded_by="analyst",
        )

    def record_elsewhere(day: str) -> None:
        try:
            record(day)
        finally:
            connections.close_all()  # this thread's

    record("2016-04-01")  # after the gap: the store's head when the load begins
    head = recorder.max_notification_id
    asked: list[int] = []

    def the_head_then_a_write() -> int:
        at = head()
        if not asked:
            # Another writer's (a thread: a connection of its own, not the rebuild's, which
            # points at the next tables): it lands past the head, before the parts read.
            writer = threading.Thread(target=record_elsewhere, args=("2016-04-02",))
            writer.start()
            writer.join()
        asked.append(at)
        return at

    monkeypatch.setattr(recorder, "max_notification_id", the_head_then_a_write)
    done = rebuild(app, workers=2, batch_size=7)
    monkeypatch.undo()

    assert done.at_switch == 1
    switched = rows_checksum()
    wipe_read_models()
    catch_up(app)
    assert rows_checksum() == switched
