"""The kick hands the dispatch to this process's sending thread and returns (tracker/broker.py):
kicks that come while it sends or backs off are one send, a refused send is one log line and a
back-off (not a traceback per write), and `/healthz` asks the broker at most once every few
seconds. The real broker, gunicorn and worker: tests/integration/
test_a_write_never_waits_on_a_down_broker.py."""

from __future__ import annotations

import logging
import threading
import time

import pytest

from negotiations.webhooks import services
from tracker import broker


class Refusing:
    """Stands for a broker that is down: each send waits `seconds`, then fails."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.sends = 0
        self.release = threading.Event()

    def send_task(self, name, **options):
        self.sends += 1
        self.release.wait(self.seconds)
        raise ConnectionRefusedError("[Errno 111] Connection refused")


def logged(caplog, sender: broker.Sender) -> list[logging.LogRecord]:
    """What `sender`'s thread logged (not the thread of an earlier test's sender)."""
    return [r for r in caplog.records if r.thread == sender.thread.ident]


@pytest.fixture
def sender(settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    fresh = broker.Sender()
    monkeypatch.setattr(broker, "sender", fresh)
    monkeypatch.setattr(fresh, "_connected", lambda: None)
    yield fresh
    fresh.close()


def test_kicks_return_at_once_and_a_refusal_is_one_short_line(sender, monkeypatch, caplog):
    down = Refusing(seconds=0.5)
    monkeypatch.setattr(broker, "current_app", down)
    caplog.set_level(logging.WARNING, logger="tracker.broker")
    took = []
    for _ in range(50):
        started = time.perf_counter()
        services.kick()
        took.append(time.perf_counter() - started)
    assert max(took) < 0.05, max(took)  # the send waits 0.5 s, in the thread
    time.sleep(1.0)
    down.release.set()
    # Fifty kicks, one send (the thread was busy with it), then its back-off (1 s).
    assert down.sends == 1
    assert len(logged(caplog, sender)) == 1
    record = logged(caplog, sender)[0]
    assert record.exc_info is None
    assert "\n" not in record.getMessage()
    assert "Connection refused" in record.getMessage()
    assert sender.backoff == 1.0


def test_the_back_off_doubles_and_ends_when_the_broker_answers(sender, monkeypatch, caplog):
    class Flaky:
        sends: list[str] = []

        def send_task(self, name, **options):
            self.sends.append(name)
            if len(self.sends) < 3:
                raise ConnectionRefusedError("refused")

    flaky = Flaky()
    monkeypatch.setattr(broker, "current_app", flaky)
    monkeypatch.setattr(broker, "BACKOFF_MAX", 30.0)
    caplog.set_level(logging.WARNING, logger="tracker.broker")
    services.kick()
    # Tries at 0, 1 s and 3 s (1 then 2 s of back-off): the third is taken.
    deadline = time.monotonic() + 10
    while len(flaky.sends) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert flaky.sends == [services.DISPATCH_TASK] * 3
    assert sender.flush(timeout=2)
    assert sender.backoff == 0.0
    assert [r.getMessage()[:31] for r in logged(caplog, sender)] == [
        "The broker did not take webhook",
        "The broker did not take webhook",
        "The broker takes tasks again.",
    ]


def test_healthz_asks_the_broker_once_every_few_seconds(settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    asked = []

    class Down:
        def ensure_connection(self, **options):
            asked.append(options)
            raise ConnectionRefusedError("refused")

        def release(self):
            pass

    monkeypatch.setattr(broker, "bounded_connection", lambda timeout: Down())
    monkeypatch.setattr(broker, "_probed", {})
    assert [broker.broker_health() for _ in range(20)] == ["unreachable"] * 20
    assert asked == [{"max_retries": 0, "timeout": broker.PROBE_TIMEOUT}]
    monkeypatch.setattr(broker, "PROBE_CACHE_SECONDS", 0.0)
    broker.broker_health()
    assert len(asked) == 2


def test_no_broker_no_thread_and_no_health_entry(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    before = threading.active_count()
    services.kick()
    assert threading.active_count() == before
    assert broker.broker_health() is None
