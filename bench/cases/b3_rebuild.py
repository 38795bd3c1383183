"""B3: `rebuild_projections` against the raw read-and-decode rate of the same store, and its
peak memory. Three steps, each in a fresh interpreter: seed, raw, rebuild."""

from __future__ import annotations

import time
from typing import Any

from bench import data, harness


def step(name: str, params: dict[str, Any]) -> dict[str, Any]:
    if name == "seed":
        harness.fresh_store()
        app = harness.writer_app()
        each = params["events_each"]
        count = params["events"] // each
        start = time.perf_counter()
        # Processes in groups, so that the seeding holds a bounded number of aggregates.
        saved = 0
        group = max(1, min(count, 100))
        for first in range(0, count, group):
            items = data.interleaved(min(group, count - first), each, seed=3, prefix=f"g{first}")
            saved += harness.seed(app, items)
        return {"events": saved, "processes": count, "seed_s": time.perf_counter() - start}
    if name == "raw":
        app = harness.writer_app()
        start, cpu = time.perf_counter(), time.process_time()
        decoded = 0
        position = 0
        while True:
            notifications = app.recorder.select_notifications(start=position + 1, limit=1000)
            if not notifications:
                break
            for notification in notifications:
                app.mapper.to_domain_event(notification)
            decoded += len(notifications)
            position = notifications[-1].id
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        return {
            "events": decoded,
            "seconds": seconds,
            "rate": decoded / seconds,
            # Beside the rebuild's: their ratio moves less than the rates' on a busy machine.
            "cpu_us_per_event": cpu / max(decoded, 1) * 1e6,
        }
    if name == "rebuild":
        from negotiations.write.runtime import get_application

        get_application()  # connect outside the clock, as a running deployment has
        base_mb = harness.peak_rss_mb()
        cpu, parts_cpu = time.process_time(), harness.children_cpu()
        seconds = harness.command_seconds("rebuild_projections", "--no-progress")
        cpu, parts_cpu = time.process_time() - cpu, harness.children_cpu() - parts_cpu
        from negotiations.read.models import TimelineEntry

        events = TimelineEntry.objects.count()
        return {
            "events": events,
            "seconds": seconds,
            "rate": events / seconds,
            # The rebuild's CPU, its parallel load's processes included (PostgreSQL's server
            # work is not in it): a figure a busy machine moves less than the wall-clock rate.
            "cpu_us_per_event": (cpu + parts_cpu) / max(events, 1) * 1e6,
            "parts_cpu_us_per_event": parts_cpu / max(events, 1) * 1e6,
            # The larger of this process's peak and its largest part's.
            "peak_rss_mb": max(harness.peak_rss_mb(), harness.children_peak_rss_mb()),
            "rebuilding_peak_rss_mb": harness.peak_rss_mb(),
            "parts_peak_rss_mb": harness.children_peak_rss_mb(),
            "rss_before_mb": base_mb,
        }
    raise ValueError(name)
