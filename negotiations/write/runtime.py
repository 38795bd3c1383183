"""The one application object of this process, configured from Django's settings."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connections, transaction

from negotiations.ops import metrics
from negotiations.write.application import PeaceProcesses

_lock = threading.Lock()
_app: PeaceProcesses | None = None


def event_store_env() -> dict[str, str]:
    """The eventsourcing library's settings: its recorders on Django's database connection
    (negotiations/eventstore.py), so events and read models commit together."""
    db = connections["default"].settings_dict
    cache = str(settings.EVENT_STORE["AGGREGATE_CACHE_MAXSIZE"])
    if db["ENGINE"] == "django.db.backends.postgresql":
        return {
            "PERSISTENCE_MODULE": "negotiations.write.eventstore:DjangoPostgresFactory",
            "POSTGRES_DBNAME": db["NAME"],
            "POSTGRES_HOST": db.get("HOST") or "127.0.0.1",
            "POSTGRES_PORT": str(db.get("PORT") or 5432),
            "POSTGRES_USER": db.get("USER") or "postgres",
            "POSTGRES_PASSWORD": db.get("PASSWORD") or "",
            "POSTGRES_SCHEMA": settings.EVENT_STORE["POSTGRES_SCHEMA"],
            "POSTGRES_POOL_SIZE": "1",
            "AGGREGATE_CACHE_MAXSIZE": cache,
        }
    return {
        "PERSISTENCE_MODULE": "negotiations.write.eventstore:DjangoSQLiteFactory",
        "AGGREGATE_CACHE_MAXSIZE": cache,
    }


def postgres_conninfo(db: dict) -> str:
    parts = {
        "dbname": db["NAME"],
        "host": db.get("HOST") or "127.0.0.1",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or "postgres",
        "password": db.get("PASSWORD") or "",
    }
    return " ".join(f"{k}='{v}'" for k, v in parts.items() if v != "")


def drop_schemas_like(prefix: str) -> None:
    """Drop every schema whose name starts with `prefix` (tests make their stores so)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        postgres_conninfo(connections["default"].settings_dict), autocommit=True
    ) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, %s)", (prefix,)
            )
        ]
        for name in names:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))


def drop_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(
        postgres_conninfo(connections["default"].settings_dict), autocommit=True
    ) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@contextmanager
def _unit_of_work() -> Iterator[None]:
    """A command's one transaction, timed for the write-latency metric."""
    started = time.perf_counter()
    with transaction.atomic():
        yield
    metrics.WRITE_SECONDS.observe(time.perf_counter() - started)


def _project_after_write(app: PeaceProcesses, recordings: list, process, before) -> None:
    from negotiations.read.projections import project_recorded
    from negotiations.webhooks.services import kick

    project_recorded(app, recordings, process=process, before=before)
    # Webhooks: enqueue at most, once the write has committed; a receiver never slows it.
    transaction.on_commit(kick)


def _catch_up(app: PeaceProcesses) -> None:
    from negotiations.read.projections import catch_up
    from negotiations.webhooks.services import kick

    catch_up(app, batch_size=1000)
    transaction.on_commit(kick)  # after the commit, so a worker finds the events


def get_application() -> PeaceProcesses:
    global _app
    with _lock:
        if _app is None:
            _app = PeaceProcesses(
                env=event_store_env(),
                after_write=_project_after_write if settings.PROJECT_AFTER_WRITE else None,
                after_import=_catch_up if settings.PROJECT_AFTER_WRITE else None,
                unit_of_work=_unit_of_work,
            )
        return _app


def reset_application() -> None:
    """Drop the application (tests and commands that switch stores call this)."""
    global _app
    with _lock:
        if _app is not None:
            _app.close()
        _app = None
