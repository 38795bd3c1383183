"""B5: compose and send the digests (locmem backend) of 1,000 daily subscribers who each
follow the same 50 processes, every one of which changed in the period. Sent as the send
task sends them: batches of DIGEST_BATCH_SIZE deliveries (`services.deliveries_send`)."""

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
    from django.conf import settings
    from django.core import mail
    from django.utils import timezone

    from negotiations.digests.models import FollowedProcess, Subscription
    from negotiations.digests.planning import deliveries_plan
    from negotiations.digests.services import deliveries_send
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
    size = max(1, min(settings.DIGEST_BATCH_SIZE, (len(ids) - 1) // 2))
    # The first digest of the period composes every process's part; the rest share them.
    first = harness.count_queries(lambda: deliveries_send(delivery_ids=ids[:1]))
    timed, last = ids[1:-size], ids[-size:]
    start, cpu = time.perf_counter(), time.process_time()
    outcomes: dict[str, int] = {}
    for at in range(0, len(timed), size):
        done = deliveries_send(delivery_ids=timed[at : at + size])
        for outcome, n in done.outcomes.items():
            outcomes[outcome] = outcomes.get(outcome, 0) + n
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    last_batch = harness.count_queries(lambda: deliveries_send(delivery_ids=last))
    return {
        "digests": len(timed),
        "outcomes": outcomes,
        "emails": len(mail.outbox),
        "email_bytes": len(mail.outbox[-1].message().as_bytes()),
        "batch_size": size,
        "seconds": seconds,
        "rate": len(timed) / seconds,
        # This interpreter's own CPU time: on a shared machine, what the wall time is not.
        "cpu_ms": cpu / len(timed) * 1000,
        "queries_first": first,
        "queries_last": round(last_batch / len(last), 2),
    }
