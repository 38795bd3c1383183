"""B5: compose and send the digests (locmem backend) of 1,000 daily subscribers who each
follow the same 50 processes, every one of which changed in the period."""

from __future__ import annotations

import importlib.util
import time
from datetime import timedelta
from typing import Any

from bench import data, harness


def available() -> str | None:
    """None when digests can be measured, else why not."""
    if importlib.util.find_spec("negotiations.digests") is None:
        return "negotiations.digests is not in this checkout yet"
    if importlib.util.find_spec("negotiations.digests.services") is None:
        return "negotiations.digests has no services module yet"
    return None


def step(name: str, params: dict[str, Any]) -> dict[str, Any]:
    from django.core import mail
    from django.utils import timezone

    from negotiations.digests.models import FollowedProcess, Subscription
    from negotiations.digests.services import deliveries_plan, delivery_send
    from negotiations.read.models import Process
    from negotiations.read.projections import catch_up

    harness.fresh_store()
    app = harness.writer_app()
    harness.seed(app, data.interleaved(params["processes"], 12, seed=5, prefix="d"))
    catch_up(app, batch_size=1000)
    processes = list(Process.objects.values_list("id", flat=True))
    subs = Subscription.objects.bulk_create(
        Subscription(email=f"s{i}@example.org", frequency="daily", unsubscribe_token=f"t{i}")
        for i in range(params["subscribers"])
    )
    FollowedProcess.objects.bulk_create(
        FollowedProcess(subscription=s, process_id=p) for s in subs for p in processes
    )
    # Sent tomorrow, a daily digest covers today: when every event here was recorded.
    deliveries = deliveries_plan(on=timezone.now().date() + timedelta(days=1))
    mail.outbox = []
    ids = [d.pk for d in deliveries]
    first = harness.count_queries(lambda: delivery_send(delivery_id=ids[0]))
    start = time.perf_counter()
    outcomes: dict[str, int] = {}
    for delivery_id in ids[1:-1]:
        outcome = delivery_send(delivery_id=delivery_id)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    seconds = time.perf_counter() - start
    last = harness.count_queries(lambda: delivery_send(delivery_id=ids[-1]))
    sent = len(ids) - 2
    return {
        "digests": sent,
        "outcomes": outcomes,
        "emails": len(mail.outbox),
        "seconds": seconds,
        "rate": sent / seconds,
        "queries_first": first,
        "queries_last": last,
    }
