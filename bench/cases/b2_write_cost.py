"""B2: the cost of recording one event into a process with 10 prior events and one with
10,000, through the application as the API calls it (projection after the write)."""

from __future__ import annotations

from typing import Any

from bench import data, harness


def seed_short_and_long(short: int, long: int) -> dict[str, Any]:
    """Two processes (`short` and `long` events), projected; returns their ids."""
    from negotiations.domain.process import process_id_for
    from negotiations.read.projections import catch_up

    harness.fresh_store()
    app = harness.writer_app()
    harness.seed(app, data.interleaved(1, short, seed=2, prefix="short"))
    harness.seed(app, data.interleaved(1, long, seed=2, prefix="long"))
    catch_up(app, batch_size=1000)
    app.close()
    return {"short": process_id_for("short-0000000"), "long": process_id_for("long-0000000")}


def step(name: str, params: dict[str, Any]) -> dict[str, Any]:
    from datetime import date

    from negotiations.write.runtime import get_application

    ids = seed_short_and_long(params["short"], params["long"])
    app = get_application()
    n = 0

    def write(process_id):
        nonlocal n
        n += 1
        app.record_event(
            process_id,
            event_type="statement_made",
            body=data.statement(date(2020, 1, 1), n),
            recorded_by="bench",
        )

    repeat = params["repeat"]
    # Interleaved, so that drift hits both sides alike; warm-up loads each aggregate once.
    short_ms, long_ms = [], []
    for _ in range(3):
        write(ids["short"])
        write(ids["long"])
    import time

    for _ in range(repeat):
        for key, into in (("short", short_ms), ("long", long_ms)):
            start = time.perf_counter()
            write(ids[key])
            into.append((time.perf_counter() - start) * 1000)
    import statistics

    cold_short = harness.median_ms(
        lambda: app.repository.get(ids["short"], version=params["short"]), repeat=5, warmup=1
    )
    cold_long = harness.median_ms(
        lambda: app.repository.get(ids["long"], version=params["long"]), repeat=3, warmup=1
    )
    short, long = statistics.median(short_ms), statistics.median(long_ms)
    return {
        "short_events": params["short"],
        "long_events": params["long"],
        "write_ms_short": round(short, 3),
        "write_ms_long": round(long, 3),
        "ratio": round(long / short, 3),
        "load_uncached_ms_short": round(cold_short, 3),
        "load_uncached_ms_long": round(cold_long, 3),
        "aggregate_cache_maxsize": app.repository.cache.maxsize
        if hasattr(app.repository.cache, "maxsize")
        else None,
    }
