"""In the async mode (PROJECT_AFTER_WRITE=false: no inline projection) a write's commit still
enqueues the webhook dispatch: a real Celery worker, whose beat would sweep only once an hour,
delivers the event at once."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid

import pytest

from negotiations.webhooks import services
from negotiations.write import runtime
from tests.factories import SOURCE, opening, statements
from tests.services import redis_db, require_service, wait_for
from tests.subprocess_env import ROOT, celery_worker_command, subprocess_env
from tests.webhooks.receiver import verify

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

REDIS = ("127.0.0.1", 6379)
# Machines shared by several runs give each its own Redis database (as TEST_PORTS ports).
BROKER = f"redis://{REDIS[0]}:{REDIS[1]}/{redis_db(14)}"


@pytest.fixture
def async_mode(settings):
    settings.PROJECT_AFTER_WRITE = False
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    runtime.reset_application()
    return runtime.get_application()


@pytest.fixture
def worker(tmp_path, kicking):
    """`celery worker -B` on a queue of its own, beat's sweep an hour apart; this test
    process writes like a web node with that broker."""
    require_service("Redis", *REDIS)

    queue = f"webhooks-async-{uuid.uuid4().hex[:12]}"
    log = tmp_path / "worker.log"
    env = subprocess_env(
        CELERY_BROKER_URL=BROKER,
        CELERY_TASK_DEFAULT_QUEUE=queue,
        WEBHOOK_DISPATCH_SECONDS="3600",
        WEBHOOK_ALLOW_PRIVATE_URLS="true",
        PROJECT_AFTER_WRITE="false",
        WEBHOOK_RUN_SECONDS="1",  # a run lets go after a second, and a dispatch goes on
    )
    process = subprocess.Popen(
        celery_worker_command(queue, tmp_path / "beat"),
        cwd=ROOT,
        env=env,
        stdout=open(log, "w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    kicking(BROKER, queue)
    try:
        assert wait_for(lambda: " ready." in log.read_text(), timeout=60), log.read_text()
        yield log
    finally:
        # Killed, not stopped: the test needs no warm shutdown, which took a second.
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        import redis

        redis.Redis.from_url(BROKER).delete(queue)


def test_a_commit_enqueues_the_dispatch_without_waiting_for_beat(
    async_mode, actors, worker, receiver
):
    app = async_mode
    opened = app.open_process(opening(), recorded_by="x")
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    time.sleep(1)  # beat's first sweep, if it made one at its start, is over
    assert receiver.received == []
    app.record_event(
        opened.process_id,
        event_type="talks_convened",
        body={"occurred_on": "2016-02-01", "sources": [SOURCE]},
        recorded_by="x",
    )
    # Beat sweeps once an hour: only the commit's kick delivers within this wait.
    assert wait_for(lambda: len(receiver.received) == 1, timeout=20), worker.read_text()[-3000:]
    payload = verify(receiver.received[0], endpoint.secret)
    assert payload["data"]["event"]["type"] == "talks_convened"


def test_a_failed_delivery_is_retried_when_due_without_waiting_for_beat(
    async_mode, actors, worker, receiver
):
    """A retry was a Celery task of its own; it is a dispatch now, which a run with failures
    asks for when the first of their retries is due: with beat an hour apart, the receiver
    that failed twice still gets the event within seconds, under the same webhook-id."""
    app = async_mode
    opened = app.open_process(opening(), recorded_by="x")
    services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    time.sleep(1)  # beat's first sweep, if it made one at its start, is over
    receiver.fail_next = 2
    app.record_event(
        opened.process_id,
        event_type="talks_convened",
        body={"occurred_on": "2016-02-01", "sources": [SOURCE]},
        recorded_by="x",
    )
    # Waits of 1 s, then up to 2 s (WEBHOOK_RETRY_BACKOFF 1): well within this one.
    assert wait_for(lambda: receiver.answered.count(204) == 1, timeout=20), worker.read_text()[
        -3000:
    ]
    assert receiver.answered == [500, 500, 204]
    assert len({r.webhook_id for r in receiver.received}) == 1


def test_a_backlog_of_a_slow_receiver_goes_on_run_after_run_without_beat(
    async_mode, actors, worker, receiver
):
    """A run sends for WEBHOOK_RUN_SECONDS (1 s here), then lets go and queues the next: one
    redelivery's kick, beat an hour apart, and a receiver taking 0.4 s an event still gets
    every event of the store, in order, each once (a run for slow receivers held a worker
    process for as long as they had events behind: an attacker's outside test)."""
    app = async_mode
    opened = app.open_process(opening(), recorded_by="x")
    statements(app, opened.process_id, "2016-01-29", "2016-02-01", "2016-02-03", "2016-02-05")
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    receiver.delay = 0.4
    services.endpoint_redeliver(endpoint=endpoint, from_position=1)  # the one kick

    head = services.store_head()
    assert wait_for(lambda: len(receiver.received) >= 5, timeout=30), worker.read_text()[-3000:]
    positions = [r.payload["data"]["position"] for r in receiver.received]
    assert positions == sorted(set(positions)), positions
    assert positions[-1] == head
