"""A real Celery worker, with Redis as its broker, sends the digests to a real SMTP server
(aiosmtpd on loopback) and each subscriber gets exactly one, however often the schedule fires.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid

import pytest
from celery import Celery

from bench.loopback import stop_worker
from negotiations.digests.models import Delivery, FollowedProcess, Subscription
from tests.digests.conftest import load_geneva_until
from tests.services import redis_db, require_service, wait_for
from tests.subprocess_env import ROOT, subprocess_env

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

REDIS = ("127.0.0.1", 6379)


@pytest.fixture
def worker(smtp_server):
    require_service("Redis", *REDIS)
    controller, _ = smtp_server
    broker = f"redis://{REDIS[0]}:{REDIS[1]}/{redis_db(0)}"
    queue = f"digests-test-{uuid.uuid4().hex[:12]}"  # nobody else's worker takes our tasks
    env = subprocess_env(
        CELERY_BROKER_URL=broker,
        CELERY_TASK_DEFAULT_QUEUE=queue,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=controller.hostname,
        EMAIL_PORT=str(controller.port),
        EMAIL_USE_TLS="false",
        EMAIL_TIMEOUT="10",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tracker", "worker", "-Q", queue]
        + ["-P", "threads", "-c", "4", "--without-gossip", "--without-mingle", "-l", "info"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    client = Celery("digest-test-client", broker=broker, set_as_current=False)
    client.conf.task_default_queue = queue
    try:
        yield process, client, queue
    finally:
        stop_worker(process, redis=REDIS, db=0, queue=queue, timeout=20)
        client.close()


def test_the_worker_sends_each_digest_once_over_smtp(app, actors, smtp_server, worker):
    _, inbox = smtp_server
    process, client, queue = worker
    geneva = load_geneva_until(app)
    one = Subscription.objects.create(email="one@example.org", frequency="weekly")
    FollowedProcess.objects.create(subscription=one, process=geneva)
    Subscription.objects.create(email="two@example.org", frequency="weekly")  # every process

    # The schedule fires twice for Monday 8 February 2016 (a duplicated beat, say).
    for _ in range(2):
        client.send_task("digests.send_due_digests", args=["2016-02-08"], queue=queue)

    def all_sent() -> bool:
        return Delivery.objects.filter(status="sent").count() == 2

    if not wait_for(all_sent, timeout=60):
        process.terminate()
        output = process.communicate(timeout=20)[0]
        pytest.fail(f"the worker did not send the digests in time:\n{output[-4000:]}")
    assert wait_for(lambda: len(inbox.messages) >= 2, timeout=10)
    time.sleep(2)  # a duplicate would arrive now, if there were one

    assert sorted(m["To"] for m in inbox.messages) == ["one@example.org", "two@example.org"]
    for message in inbox.messages:
        assert message["Subject"] == "Negotiations digest, 1–7 Feb 2016: 9 changes"
        assert message["List-Unsubscribe"].strip().startswith("<http")
        parts = {
            p.get_content_type(): p.get_content() for p in message.walk() if not p.is_multipart()
        }
        assert "Talks paused" in parts["text/plain"]
        assert "Ban Ki-moon, UN Secretary-General" in parts["text/html"]
    assert {d.message_id for d in Delivery.objects.all()} == {
        m["Message-ID"] for m in inbox.messages
    }
    assert process.poll() is None  # the worker is still up: the test stops it
