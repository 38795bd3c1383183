"""The one application object of this process, configured from Django's settings.

What runs with and after a write is not known here: `build_application` takes it as
parameters (`Hooks`: the read side's inline projection, the webhooks' after-commit kick), and
`get_application` asks the composition root that `settings.APPLICATION_HOOKS` names
(`tracker/bootstrap.py`) for them, so the write side imports nothing above it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connections, transaction
from django.utils.module_loading import import_string
from prometheus_client import Histogram

from negotiations.write.application import InlineProjection, PeaceProcesses
from negotiations.write.commit import atomic_unit_of_work
from negotiations.write.eventstore import postgres_conninfo

_lock = threading.Lock()
_app: PeaceProcesses | None = None

WRITE_SECONDS = Histogram(
    "tracker_write_seconds",
    "Time of a command's unit of work: load, append, inline projection and commit.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


@dataclass(frozen=True)
class Hooks:
    """What the layers above add to every command: `projection`, the inline projection (its
    rows written with the events, its catch-up after an import), run inside the unit of work
    when the application projects; `after_commit`, callables run once a unit of work has
    committed, in both consistency modes (they must not raise)."""

    projection: InlineProjection | None = None
    after_commit: tuple[Callable[[], None], ...] = ()


def event_store_env() -> dict[str, str]:
    """The eventsourcing library's settings: its recorders on Django's database connection
    (negotiations/eventstore.py), so events and read models commit together."""
    db = connections["default"].settings_dict
    cache = str(settings.EVENT_STORE["AGGREGATE_CACHE_MAXSIZE"])
    if db["ENGINE"] == "django.db.backends.postgresql":
        return {
            "PERSISTENCE_MODULE": "negotiations.write.pgstore:DjangoPostgresFactory",
            "POSTGRES_DBNAME": db["NAME"],
            "POSTGRES_HOST": db.get("HOST") or "127.0.0.1",
            "POSTGRES_PORT": str(db.get("PORT") or 5432),
            "POSTGRES_USER": db.get("USER") or "postgres",
            "POSTGRES_PASSWORD": db.get("PASSWORD") or "",
            "POSTGRES_SCHEMA": settings.EVENT_STORE["POSTGRES_SCHEMA"],
            "POSTGRES_POOL_SIZE": "1",
            # The library's own `SET LOCAL lock_timeout` before its table lock (0: forever).
            "POSTGRES_LOCK_TIMEOUT": str(settings.DATABASE_LOCK_TIMEOUT_SECONDS),
            "CREATE_TABLE": "true" if settings.EVENT_STORE["CREATE_TABLE"] else "false",
            "AGGREGATE_CACHE_MAXSIZE": cache,
        }
    return {
        "PERSISTENCE_MODULE": "negotiations.write.eventstore:DjangoSQLiteFactory",
        "AGGREGATE_CACHE_MAXSIZE": cache,
    }


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


def build_application(env: dict[str, str], *, hooks: Hooks, project: bool) -> PeaceProcesses:
    """The one factory, for both consistency modes. `project` runs the inline projection
    (`hooks.projection`) inside each unit of work; the after-commit hooks (the webhooks'
    kick) are scheduled by every unit of work that commits, in both modes, so that a write in
    the async mode (PROJECT_AFTER_WRITE=false) is delivered at once too, not at beat's next
    sweep."""

    @contextmanager
    def unit_of_work() -> Iterator[None]:
        """A command's one transaction, timed for the write-latency metric. A failure at its
        commit whose outcome is unknown is raised as `CommitOutcomeUnknown`
        (write/commit.py)."""
        started = time.perf_counter()
        with atomic_unit_of_work():
            yield
            for hook in hooks.after_commit:
                transaction.on_commit(hook)  # after the commit, so a worker finds the events
        WRITE_SECONDS.observe(time.perf_counter() - started)

    return PeaceProcesses(
        env=env,
        projection=hooks.projection if project else None,
        unit_of_work=unit_of_work,
    )


def get_application() -> PeaceProcesses:
    """This process's application, built once from the settings: its store, its consistency
    mode (PROJECT_AFTER_WRITE) and the hooks `settings.APPLICATION_HOOKS` returns."""
    global _app
    with _lock:
        if _app is None:
            hooks = import_string(settings.APPLICATION_HOOKS)()
            _app = build_application(
                event_store_env(), hooks=hooks, project=settings.PROJECT_AFTER_WRITE
            )
        return _app


def reset_application() -> None:
    """Drop the application (tests and commands that switch stores call this)."""
    global _app
    with _lock:
        if _app is not None:
            _app.close()
        _app = None
