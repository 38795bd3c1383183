"""R2: run_projections is killed with SIGKILL at random moments while it catches up; after
restarts, the read models equal a clean rebuild, row for row."""

import os
import random
import signal
import sys
import time

import pytest

from negotiations.read.projections import catch_up, pending
from negotiations.read.rebuild import rows_checksum, wipe_read_models
from negotiations.write import imports, runtime
from negotiations.write.imports import ImportItem
from tests.factories import body_for
from tests.reliability.conftest import LONG, scale
from tests.subprocess_env import subprocess_env

pytestmark = [pytest.mark.django_db(transaction=True), LONG]
EVENTS = scale(50_000, 6_000)
KILLS = 10


def record_history(app, n_events: int, n_processes: int = 20) -> None:
    """n_events across n_processes, appended in batches without projecting them."""
    rng = random.Random(7)
    items, line = [], 0
    for p in range(n_processes):
        line += 1
        items.append(
            ImportItem(
                line,
                "",
                "process_opened",
                {
                    "name": f"Process {p}",
                    "conflict": "X",
                    "mediators": ["united-nations"],
                    "parties": ["hnc"],
                    "occurred_on": "2015-01-01",
                },
                "setup",
            )
        )
    status = dict.fromkeys(range(n_processes), "planned")
    while line < n_events:
        line += 1
        p = rng.randrange(n_processes)
        slug = f"process-{p}"
        if status[p] == "planned":
            event_type, status[p] = "talks_convened", "active"
        elif status[p] == "active" and rng.random() < 0.1:
            event_type, status[p] = "talks_paused", "paused"
        elif status[p] == "paused" and rng.random() < 0.3:
            event_type, status[p] = "talks_resumed", "active"
        else:
            event_type = "statement_made"
        body = body_for(
            event_type,
            "2016-01-01",
            **({"expected_resumption_on": "2016-02-01"} if event_type == "talks_paused" else {}),
        )
        items.append(ImportItem(line, slug, event_type, body, "setup"))
    plan = imports.plan_import(
        app, items, known_actors={"united-nations", "hnc", "turkey", "ban-ki-moon"}
    )
    assert not plan.errors
    imports.save_import(app, plan, batch_size=2000)


def test_sigkill_at_random_moments_then_restart_gives_a_clean_rebuild(
    actors, settings, tmp_path, warm_manage
):
    settings.PROJECT_AFTER_WRITE = False
    runtime.reset_application()
    app = runtime.get_application()
    record_history(app, EVENTS)
    total = pending(app)
    assert total >= EVENTS

    rng = random.Random(2016)
    # Each runner a process of its own, forked from one that loaded Django once (a fresh
    # interpreter for each of the eleven cost a second of CPU before it applied anything).
    warm = warm_manage(sys.executable, subprocess_env())
    command = ["run_projections", "--interval", "0.1", "--batch-size", "100"]
    log = tmp_path / "runner.log"
    kills = 0
    while kills < KILLS and pending(app):
        runner = warm.start(command, log=log)
        # Kill it once it is at work: after it has applied something, at a random moment.
        before, deadline = pending(app), time.monotonic() + 60
        while pending(app) == before and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.1) * scale(10, 1))
        os.kill(runner, signal.SIGKILL)
        assert warm.wait(runner, timeout=30) == -signal.SIGKILL
        kills += 1
    remaining_after_kills = pending(app)
    runner = warm.start(command, log=log)
    deadline = time.monotonic() + 900
    while pending(app) and time.monotonic() < deadline:
        time.sleep(0.2)
    os.kill(runner, signal.SIGTERM)
    warm.wait(runner, timeout=30)
    assert pending(app) == 0, log.read_text()[-3000:]
    print(f"R2: {total} events, {kills} SIGKILLs, {remaining_after_kills} left after them")
    assert kills >= 3, "the runner finished before it could be killed: use more events"

    after_kills = rows_checksum()
    wipe_read_models()
    catch_up(app, batch_size=1000)
    assert rows_checksum() == after_kills
