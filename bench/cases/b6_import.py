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


def step(name: str, params: dict[str, Any]) -> dict[str, Any]:
    from django.conf import settings

    harness.fresh_store()
    if name == "append":
        from negotiations.domain.process import PeaceProcess
        from negotiations.domain.specs import parse_body

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
        app = harness.writer_app()
        start = time.perf_counter()
        for first in range(0, len(events), 1000):
            app.save(*events[first : first + 1000])
        seconds = time.perf_counter() - start
        return {"events": len(events), "seconds": seconds, "rate": len(events) / seconds}
    if name == "import":
        from django.core.management import call_command

        path = Path(settings.BENCH_DIR) / "b6-import.ndjson"
        with path.open("w") as out:
            for slug, kind, body in _items(params):
                line = {"process": "" if kind == "process_opened" else slug, "type": kind}
                out.write(json.dumps({**line, **body, "recorded_by": "bench"}) + "\n")
        start = time.perf_counter()
        call_command("import_events", str(path), "--no-progress", stdout=_Null())
        seconds = time.perf_counter() - start
        from negotiations.read.models import TimelineEntry

        events = TimelineEntry.objects.count()
        return {"events": events, "seconds": seconds, "rate": events / seconds}
    raise ValueError(name)


class _Null:
    def write(self, *_: Any) -> None:
        pass

    def flush(self) -> None:
        pass
