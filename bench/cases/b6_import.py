"""B6: `manage.py import_events` against the library's own batched append of the same events
into the same kind of store."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from bench import data, harness

COMMAND = Path(__file__).resolve().parents[2] / "negotiations/management/commands/import_events.py"


def available() -> str | None:
    return None if COMMAND.exists() else "manage.py import_events is not in this checkout yet"


def _items(params: dict[str, Any]):
    return data.interleaved(params["events"] // params["events_each"], params["events_each"], 6)


def _append_seconds(events: list[Any]) -> float:
    app = harness.writer_app()
    start = time.perf_counter()
    for first in range(0, len(events), 1000):
        app.save(*events[first : first + 1000])
    return time.perf_counter() - start


def step(name: str, params: dict[str, Any]) -> dict[str, Any]:
    from django.conf import settings

    harness.fresh_store()
    if name == "append":
        from negotiations.domain.process import PeaceProcess
        from negotiations.domain.specs import parse_body
        from negotiations.write.imports import cycle_collection_paused

        # The domain builds the events off the clock; the clock runs while the library
        # appends them, a thousand per save.
        aggregates: dict[str, PeaceProcess] = {}
        events: list[Any] = []
        for slug, kind, body in _items(params):
            values = parse_body(kind, body)
            if kind == "process_opened":
                aggregates[slug] = PeaceProcess.open(values, recorded_by="bench")
            else:
                aggregates[slug].record(kind, values, recorded_by="bench")
            events.extend(aggregates[slug].collect_events())
        seconds = _append_seconds(events)
        # The import pauses the cycle collector while it holds the file (`imports.
        # cycle_collection_paused`); the same append with it paused, for comparison (reported
        # beside the figure, not the figure's baseline: that is the library as it runs).
        harness.fresh_store()
        with cycle_collection_paused():
            paused = _append_seconds(events)
        return {
            "events": len(events),
            "seconds": seconds,
            "rate": len(events) / seconds,
            "collector_paused_rate": len(events) / paused,
        }
    if name == "import":
        path = Path(settings.BENCH_DIR) / "b6-import.ndjson"
        with path.open("w") as out:
            for slug, kind, body in _items(params):
                line = {"process": "" if kind == "process_opened" else slug, "type": kind}
                out.write(json.dumps({**line, **body, "recorded_by": "bench"}) + "\n")
        from negotiations.management.commands import import_events

        # The command's two steps timed apart: its projection step is `catch_up` (the real
        # one, only timed here); the rest is reading, validating and appending.
        projection = {"seconds": 0.0, "events": 0}
        real_catch_up = import_events.catch_up

        def timed_catch_up(*args: Any, **kwargs: Any) -> int:
            t = time.perf_counter()
            applied = real_catch_up(*args, **kwargs)
            projection["seconds"] += time.perf_counter() - t
            projection["events"] += applied
            return applied

        import_events.catch_up = timed_catch_up
        try:
            seconds = harness.command_seconds("import_events", str(path), "--no-progress")
        finally:
            import_events.catch_up = real_catch_up
        from negotiations.read.models import TimelineEntry

        events = TimelineEntry.objects.count()
        record_s = seconds - projection["seconds"]
        return {
            "events": events,
            "seconds": seconds,
            "rate": events / seconds,
            "record_seconds": record_s,
            "record_rate": events / record_s,
            "project_seconds": projection["seconds"],
            "project_rate": projection["events"] / projection["seconds"]
            if projection["seconds"]
            else 0.0,
        }
    raise ValueError(name)
