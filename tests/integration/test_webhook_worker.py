"""A real Celery worker (with its beat, Redis database 14 as the broker) delivers webhooks to
a real HTTP receiver on loopback: every signature checks, each event reaches each endpoint
once and in store order, a failing receiver gets the same webhook-id again, a slow receiver
never slows a write, and a worker killed mid-delivery is followed by one that resumes
without a gap."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid

import pytest

from negotiations.read.models import TimelineEntry
from negotiations.webhooks import services
from tests.factories import SOURCE, opening
from tests.services import redis_db, require_service, wait_for
from tests.subprocess_env import ROOT, celery_worker_command, subprocess_env
from tests.webhooks.receiver import verify

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

REDIS = ("127.0.0.1", 6379)
BROKER = f"redis://{REDIS[0]}:{REDIS[1]}/{redis_db(14)}"


class Worker:
    """`celery worker -B` in its own process, on a queue of its own."""

    def __init__(self, tmp_path, **extra: str) -> None:
        self.queue = f"webhooks-test-{uuid.uuid4().hex[:12]}"
        self.env = subprocess_env(
            **{
                "CELERY_BROKER_URL": BROKER,
                "CELERY_TASK_DEFAULT_QUEUE": self.queue,
                "WEBHOOK_DISPATCH_SECONDS": "0.3",
                # A killed worker's run is taken over 3 s after its last step: a lease
                # must outlast a request's whole deadline (1 s to connect, 1 s to answer).
                "WEBHOOK_CONNECT_SECONDS": "1",
                "WEBHOOK_TIMEOUT_SECONDS": "1",
                "WEBHOOK_LEASE_SECONDS": "3",
                "WEBHOOK_RETRY_BACKOFF": "1",
                "WEBHOOK_RETRY_BACKOFF_MAX": "2",
                "WEBHOOK_ALLOW_PRIVATE_URLS": "true",  # the receiver listens on loopback
                **extra,
            }
        )
        self.tmp_path = tmp_path
        self.process: subprocess.Popen | None = None
        self.log = tmp_path / f"worker-{self.queue}.log"

    def start(self) -> Worker:
        schedule = self.tmp_path / f"beat-{uuid.uuid4().hex[:8]}"
        self.process = subprocess.Popen(
            celery_worker_command(self.queue, schedule, threads=4),
            cwd=ROOT,
            env=self.env,
            stdout=open(self.log, "a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def output(self) -> str:
        return self.log.read_text()[-4000:]


@pytest.fixture
def worker_factory(tmp_path):
    require_service("Redis", *REDIS)
    started: list[Worker] = []

    def make(**extra: str) -> Worker:
        worker = Worker(tmp_path, **extra)
        started.append(worker)
        return worker

    yield make
    import redis

    for worker in started:
        # Killed, not stopped: no test here needs a warm shutdown, which took 1.5 s a test.
        worker.kill()
        redis.Redis(*REDIS, db=14).delete(worker.queue)


def convene_and_pause(app, process_id, day: int) -> None:
    """Talks convened (on day 1, resumed after) and paused on the same day."""
    app.record_event(
        process_id,
        event_type="talks_convened" if day == 1 else "talks_resumed",
        body={"occurred_on": f"2016-02-{day:02d}", "sources": [SOURCE]},
        recorded_by="x",
    )
    app.record_event(
        process_id,
        event_type="talks_paused",
        body={
            "occurred_on": f"2016-02-{day:02d}",
            "expected_resumption_on": "2016-03-01",
            "sources": [SOURCE],
        },
        recorded_by="x",
    )


def delivered_in_order(received, endpoint, positions: list[int]) -> None:
    """Every stored event once, in store order; repeats only of the one in flight."""
    payloads = [verify(r, endpoint.secret) for r in received]
    firsts: list[int] = []
    for p in payloads:
        if p["data"]["position"] not in firsts:
            firsts.append(p["data"]["position"])
        else:
            assert p["data"]["position"] == firsts[-1], "a repeat of anything but the latest event"
    assert firsts == positions


def test_each_event_once_per_endpoint_in_store_order(app, actors, receiver, worker_factory):
    opened = app.open_process(opening(), recorded_by="x")
    other = app.open_process(opening(name="Other", slug="other"), recorded_by="x")
    everything = services.endpoint_create(url=receiver.url + "/all", processes=[], kinds=["event"])
    changes = services.endpoint_create(
        url=receiver.url + "/changes", processes=["other"], kinds=["status_change"]
    )
    worker = worker_factory().start()
    for day in range(1, 9):
        convene_and_pause(app, opened.process_id, day)
        app.record_event(
            other.process_id,
            event_type=("talks_convened" if day == 1 else "talks_resumed")
            if day % 2
            else "talks_paused",
            body={"occurred_on": f"2016-02-{day:02d}", "sources": [SOURCE]}
            | ({} if day % 2 else {"expected_resumption_on": "2016-03-01"}),
            recorded_by="x",
        )
    rows = list(TimelineEntry.objects.filter(position__gt=everything.position).order_by("position"))
    wanted_changes = [r.position for r in rows if r.process.slug == "other"]
    if not wait_for(
        lambda: (
            len(receiver.at("/all")) >= len(rows)
            and len(receiver.at("/changes")) >= len(wanted_changes)
        ),
        timeout=60,
    ):
        pytest.fail(f"the worker did not deliver in time:\n{worker.output()}")
    time.sleep(1.5)  # a duplicate would arrive now, if there were one
    delivered_in_order(receiver.at("/all"), everything, [r.position for r in rows])
    delivered_in_order(receiver.at("/changes"), changes, wanted_changes)
    assert len(receiver.at("/all")) == len(rows)  # no repeat when nothing failed
    assert len(receiver.at("/changes")) == len(wanted_changes)
    assert worker.process.poll() is None


def test_a_failing_receiver_gets_the_same_webhook_id_again(app, actors, receiver, worker_factory):
    opened = app.open_process(opening(), recorded_by="x")
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    receiver.fail_next = 3
    worker = worker_factory().start()
    convene_and_pause(app, opened.process_id, 1)
    rows = list(TimelineEntry.objects.filter(position__gt=endpoint.position).order_by("position"))
    if not wait_for(lambda: receiver.answered.count(204) >= len(rows), timeout=60):
        pytest.fail(f"the worker did not deliver in time:\n{worker.output()}")
    assert receiver.answered[:4] == [500, 500, 500, 204]
    ids = [r.webhook_id for r in receiver.received]
    assert ids[0] == ids[1] == ids[2] == ids[3]
    gaps = [b.at - a.at for a, b in zip(receiver.received[:3], receiver.received[1:4], strict=True)]
    assert all(g >= 0 for g in gaps)
    delivered_in_order(receiver.received, endpoint, [r.position for r in rows])


def test_a_slow_receiver_never_slows_a_write(
    app, actors, receiver, worker_factory, editor_api, kicking
):
    """Each write enqueues a dispatch (the write path's kick, to a real broker) and answers
    while the receiver is still sleeping on an earlier event."""
    # Only kicks dispatch; the receiver's 3 s are within the deadline.
    worker = worker_factory(
        WEBHOOK_DISPATCH_SECONDS="3600", WEBHOOK_TIMEOUT_SECONDS="10", WEBHOOK_LEASE_SECONDS="30"
    ).start()
    kicking(BROKER, worker.queue)
    app.open_process(opening(), recorded_by="x")
    services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    receiver.delay = 3.0
    durations = []
    for day in (1, 2, 3):
        start = time.perf_counter()
        response = editor_api.post(
            "/api/v1/processes/test-talks/events/",
            {
                "type": "statement_made",
                "occurred_on": f"2016-02-0{day}",
                "actor": "turkey",
                "stance": "critical",
                "summary": "No point.",
                "sources": [SOURCE],
            },
            format="json",
        )
        durations.append(time.perf_counter() - start)
        assert response.status_code == 201
    # A write that waited for the receiver would take its whole delay at least; the bound is
    # that delay, not a speed, so a busy machine does not fail it.
    assert max(durations) < receiver.delay, durations
    assert wait_for(lambda: len(receiver.received) >= 3, timeout=30), worker.output()


def test_a_killed_worker_is_resumed_without_a_gap(app, actors, receiver, worker_factory):
    opened = app.open_process(opening(), recorded_by="x")
    endpoint = services.endpoint_create(url=receiver.url + "/", processes=[], kinds=["event"])
    receiver.delay = 0.5
    receiver.only_if_sender_waits = True
    # 12 events, 0.5 s each: the first worker is killed after 4, the second delivers the rest.
    for day in range(1, 7):
        convene_and_pause(app, opened.process_id, day)
    rows = list(TimelineEntry.objects.filter(position__gt=endpoint.position).order_by("position"))
    first = worker_factory().start()
    # SIGKILL while the receiver holds a request: its sender never learns it arrived.
    assert wait_for(
        lambda: len(receiver.received) >= 4 and receiver.arrived > len(receiver.received),
        timeout=60,
    ), first.output()
    first.kill()
    assert wait_for(lambda: receiver.dropped == 1, timeout=5)
    assert len(receiver.received) < len(rows)
    second = worker_factory().start()
    if not wait_for(
        lambda: (
            {r.payload["data"]["position"] for r in receiver.received} >= {r.position for r in rows}
        ),
        timeout=90,
    ):
        pytest.fail(f"the second worker did not finish:\n{second.output()}")

    def position_stored() -> bool:
        endpoint.refresh_from_db()
        return endpoint.position == app.recorder.max_notification_id()

    # The worker stores the endpoint's position after each delivery: once it holds the last
    # event, nothing more comes (this waited a fixed second before).
    assert wait_for(position_stored, timeout=30), second.output()
    delivered_in_order(receiver.received, endpoint, [r.position for r in rows])
