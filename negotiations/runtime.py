"""The one application object of this process, configured from Django's settings."""

from __future__ import annotations

import threading

from django.conf import settings
from django.db import connections

from .application import PeaceProcesses

_lock = threading.Lock()
_app: PeaceProcesses | None = None


def event_store_env() -> dict[str, str]:
    """The eventsourcing library's settings for the database Django is using right now."""
    db = connections["default"].settings_dict
    cache = str(settings.EVENT_STORE["AGGREGATE_CACHE_MAXSIZE"])
    if db["ENGINE"] == "django.db.backends.postgresql":
        schema = settings.EVENT_STORE["POSTGRES_SCHEMA"]
        _create_schema(db, schema)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": db["NAME"],
            "POSTGRES_HOST": db.get("HOST") or "127.0.0.1",
            "POSTGRES_PORT": str(db.get("PORT") or 5432),
            "POSTGRES_USER": db.get("USER") or "postgres",
            "POSTGRES_PASSWORD": db.get("PASSWORD") or "",
            "POSTGRES_SCHEMA": schema,
            "AGGREGATE_CACHE_MAXSIZE": cache,
        }
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": settings.EVENT_STORE["SQLITE_PATH"],
        "SQLITE_LOCK_TIMEOUT": "30",
        "AGGREGATE_CACHE_MAXSIZE": cache,
    }


def _postgres_conninfo(db: dict) -> str:
    parts = {
        "dbname": db["NAME"],
        "host": db.get("HOST") or "127.0.0.1",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or "postgres",
        "password": db.get("PASSWORD") or "",
    }
    return " ".join(f"{k}='{v}'" for k, v in parts.items() if v != "")


def _create_schema(db: dict, schema: str) -> None:
    """Create the event store's schema on a connection of its own, committed at once (the
    library's connections must see it, whatever transaction Django's connection is in)."""
    import psycopg

    with psycopg.connect(_postgres_conninfo(db), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')


def drop_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(
        _postgres_conninfo(connections["default"].settings_dict), autocommit=True
    ) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _project_after_write(app: PeaceProcesses) -> None:
    from .projections import catch_up
    from .webhooks.services import kick

    catch_up(app)
    kick()  # enqueues at most; a receiver never slows a write


def get_application() -> PeaceProcesses:
    global _app
    with _lock:
        if _app is None:
            _app = PeaceProcesses(
                env=event_store_env(),
                after_write=_project_after_write if settings.PROJECT_AFTER_WRITE else None,
            )
        return _app


def reset_application() -> None:
    """Drop the application (tests and commands that switch stores call this)."""
    global _app
    with _lock:
        if _app is not None:
            _app.close()
        _app = None
