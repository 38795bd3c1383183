"""Fixtures shared by the tests that run real Celery workers: the broker settings of this
process, an SMTP server and a webhook receiver on loopback."""

from __future__ import annotations

import email
import email.policy

import pytest
from aiosmtpd.controller import Controller
from kombu import pools as kombu_pools

from tests.services import free_port
from tests.webhooks.receiver import running as receiver_running


class Inbox:
    """The SMTP server's handler: keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    """An SMTP server on loopback (aiosmtpd): (its controller, its Inbox)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def receiver():
    """A webhook receiver on loopback (tests/webhooks/receiver.py)."""
    with receiver_running() as found:
        yield found


@pytest.fixture
def kicking(settings, monkeypatch):
    """This test process as a web node with a broker: `kicking(broker, queue)` makes each
    write enqueue its dispatch there (through a sending thread of the test's own, ended
    after it). The Celery settings and connections are put back after."""
    from tracker import broker as sending
    from tracker.celery import app as celery_app

    sender = sending.Sender()
    monkeypatch.setattr(sending, "sender", sender)

    keys = ("broker_url", "task_always_eager", "task_default_queue")
    saved = {k: celery_app.conf.get(k) for k in keys}

    def fresh_connections() -> None:
        # Connections and routes made under other settings (by earlier tests) point
        # elsewhere: drop them, so that the next send builds them from the new settings.
        if celery_app._pool is not None:
            celery_app._pool.force_close_all()
            celery_app._pool = None
        celery_app.__dict__.pop("amqp", None)
        # kombu's own producer pools (one per broker URL, shared by every app) may hold a
        # connection pool closed above: drop them too (kombu.pools.reset, its public reset).
        kombu_pools.reset()

    def to(broker: str, queue: str) -> None:
        # A client app made by another test (Celery(...) sets itself current) must not take
        # the tracker's tasks.
        celery_app.set_current()
        celery_app.set_default()
        settings.CELERY_TASK_ALWAYS_EAGER = False
        celery_app.conf.update(broker_url=broker, task_always_eager=False, task_default_queue=queue)
        fresh_connections()

    yield to
    sender.close()
    celery_app.conf.update(saved)
    fresh_connections()
