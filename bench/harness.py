"""What every case needs: Django on a bench database, a fresh store, seeding by the library's
own batched append, clocks and query counters."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import django

_ready = False


def setup(backend: str, db: str) -> None:
    """Configure Django for `backend` (sqlite or postgres) on the store named `db`."""
    global _ready
    os.environ["BENCH_BACKEND"] = backend
    os.environ["BENCH_DB"] = db
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    if not _ready:
        django.setup()
        _ready = True


def fresh_store() -> None:
    """Empty databases (read models, baseline tables, event store), migrated."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    from negotiations.write import runtime

    runtime.reset_application()
    connections.close_all()
    if settings.BENCH_BACKEND == "postgres":
        _recreate_postgres_database(settings.DATABASES["default"])
    else:
        for path in (settings.DATABASES["default"]["NAME"], settings.EVENT_STORE["SQLITE_PATH"]):
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(path + suffix).unlink(missing_ok=True)
    call_command("migrate", verbosity=0, interactive=False)
    # Then the CRUD baseline, which has no migrations (its tables are made afresh every run):
    # its history table refers to auth_user, so it is made once the migrations have run.
    call_command("migrate", verbosity=0, interactive=False, run_syncdb=True)
    from negotiations.interchange import demo
    from negotiations.write.models import Actor

    Actor.objects.bulk_create(
        [Actor(slug=s, name=n, kind=k) for s, n, k in demo.ACTORS], ignore_conflicts=True
    )


def _recreate_postgres_database(db: dict[str, Any]) -> None:
    import psycopg

    name = db["NAME"]
    # Never the dev or test database: a bench database's name says so (BENCH_POSTGRES_URL
    # names another, e.g. one under an engineer's own prefix, so parallel runs do not collide).
    if "bench" not in name:
        raise ValueError(f"Not a bench database: {name}")
    conninfo = f"host={db.get('HOST') or '127.0.0.1'} port={db.get('PORT') or 5432} "
    conninfo += f"user={db.get('USER') or 'postgres'} dbname=postgres"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def store_paths() -> list[str]:
    from django.conf import settings

    return [settings.DATABASES["default"]["NAME"], settings.EVENT_STORE["SQLITE_PATH"]]


def writer_app():
    """The application with no projection after writes (seeding, raw rates)."""
    from negotiations.write.application import PeaceProcesses
    from negotiations.write.runtime import event_store_env

    return PeaceProcesses(env=event_store_env())


def seed(
    app: Any,
    items: Iterable[tuple[str, str, dict[str, Any]]],
    *,
    batch_size: int = 1000,
    recorded_by: str = "bench",
) -> int:
    """Record (slug, type, body) items through the domain, appended `batch_size` events per
    save (the library's batched append). Aggregates are held only while their events come."""
    from negotiations.domain.process import PeaceProcess, process_id_for
    from negotiations.domain.specs import parse_body

    aggregates: dict[str, PeaceProcess] = {}
    pending: list[Any] = []
    saved = 0
    for slug, kind, body in items:
        values = parse_body(kind, body)
        if kind == "process_opened":
            aggregate = PeaceProcess.open(values, recorded_by=recorded_by)
            aggregates[slug] = aggregate
        else:
            aggregate = aggregates.get(slug)
            if aggregate is None:
                aggregate = aggregates[slug] = app.get_process(process_id_for(slug))
            aggregate.record(kind, values, recorded_by=recorded_by)
        pending.extend(aggregate.collect_events())
        if len(pending) >= batch_size:
            app.save(*pending)
            saved += len(pending)
            pending = []
            if len(aggregates) > 2000:
                aggregates.clear()
    if pending:
        app.save(*pending)
        saved += len(pending)
    return saved


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def command_seconds(name: str, *args: str) -> float:
    """How long a management command takes, its output thrown away."""
    from django.core.management import call_command

    with open(os.devnull, "w") as discard:
        seconds, _ = timed(lambda: call_command(name, *args, stdout=discard))
    return seconds


def median_ms(fn: Callable[[], Any], *, repeat: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def count_queries(fn: Callable[[], Any]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_cpu() -> float:
    """CPU seconds of this process's children that have ended (a parallel load's parts)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def children_peak_rss_mb() -> float:
    """Peak resident memory of the largest child that has ended."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def machine() -> dict[str, Any]:
    import platform

    info = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().split()[1]
        info["memory_gb"] = round(int(mem) / 1024 / 1024, 1)
    except OSError:
        pass
    info["disk_free_gb"] = round(shutil.disk_usage("/").free / 1e9, 1)
    return info
