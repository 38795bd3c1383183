"""`run_projections` follows new events in a process of its own (polling on SQLite,
LISTEN/NOTIFY on PostgreSQL), and stops cleanly on SIGTERM."""

import subprocess

import pytest

from negotiations.read.models import Process, TimelineEntry
from negotiations.write import runtime
from tests.factories import body_for
from tests.services import wait_for
from tests.subprocess_env import manage_command, subprocess_env

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_runner_applies_events_written_without_synchronous_projection(actors, settings):
    settings.PROJECT_AFTER_WRITE = False
    runtime.reset_application()
    app = runtime.get_application()
    opened = app.open_process(
        {"name": "Followed talks", "conflict": "X", "mediators": [], "occurred_on": "2016-01-25"},
        recorded_by="a",
    )
    assert not Process.objects.exists()  # nothing projected yet

    runner = subprocess.Popen(
        manage_command("run_projections", "--interval", "0.2"),
        env=subprocess_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert wait_for(lambda: Process.objects.filter(id=opened.process_id).exists(), 30), (
            f"runner did not catch up (exit code {runner.poll()})"
        )
        for i in range(5):
            app.make_statement(
                opened.process_id, recorded_by="a", **body_for("statement_made", summary=str(i))
            )
        assert wait_for(
            lambda: TimelineEntry.objects.filter(process_id=opened.process_id).count() == 6, 30
        )
    finally:
        runner.terminate()
        assert runner.wait(timeout=20) == 0


def test_sigterm_at_work_stops_after_the_batch_in_hand_and_a_restart_resumes(actors, settings):
    from negotiations.read.projections import catch_up, pending
    from negotiations.read.rebuild import rows_checksum, wipe_read_models
    from tests.reliability.test_killed_projection import record_history

    settings.PROJECT_AFTER_WRITE = False
    runtime.reset_application()
    app = runtime.get_application()
    record_history(app, 3_000)
    total = pending(app)
    # Batches of 10: hundreds of them to go when the stop comes.
    command = manage_command("run_projections", "--interval", "0.2", "--batch-size", "10")
    runner = subprocess.Popen(
        command, env=subprocess_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        assert wait_for(lambda: pending(app) < total, 30, 0.05), (
            f"runner idle (exit {runner.poll()})"
        )
    finally:
        runner.terminate()
        assert runner.wait(timeout=20) == 0
    assert 0 < pending(app) < total, "it ran on to the end instead of stopping"

    # A restart resumes from the tracking position; `--once` catches up all that is pending.
    subprocess.run(
        [*manage_command("run_projections", "--once", "--batch-size", "100")],
        env=subprocess_env(),
        check=True,
        capture_output=True,
    )
    assert pending(app) == 0
    resumed = rows_checksum()
    wipe_read_models()
    catch_up(app)
    assert rows_checksum() == resumed
