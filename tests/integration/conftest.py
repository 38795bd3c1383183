"""Fixtures shared by the tests that run real Celery workers."""

from __future__ import annotations

import pytest
from kombu import pools as kombu_pools


@pytest.fixture
def kicking(settings):
    """This test process as a web node with a broker: `kicking(broker, queue)` makes each
    write enqueue its dispatch there. The Celery settings and connections are put back after."""
    from tracker.celery import app as celery_app

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
    celery_app.conf.update(saved)
    fresh_connections()
