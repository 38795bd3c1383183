"""Environment for a real process (manage.py command, gunicorn, celery worker) that must use
the same databases as the test that starts it: the test database and this test's event store.
Such tests need `django_db(transaction=True)`, so that what they write is committed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from django.conf import settings
from django.db import connections

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    db = connections["default"].settings_dict
    if connections["default"].vendor == "postgresql":
        user = db.get("USER") or "postgres"
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
        return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",  # the suite's fast password hasher too
        "DATABASE_URL": database_url(),
        "EVENT_STORE_SQLITE_PATH": settings.EVENT_STORE["SQLITE_PATH"],
        "EVENT_STORE_POSTGRES_SCHEMA": settings.EVENT_STORE["POSTGRES_SCHEMA"],
        "TRACKER_VAR_DIR": str(Path(settings.EVENT_STORE["SQLITE_PATH"]).parent / "var"),
        "PYTHONPATH": str(ROOT),
    }
    env.update(extra)
    return env


def manage_command(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), *args]


def gunicorn_command(port: int, workers: int) -> list[str]:
    """gunicorn serving the tracker on loopback `port` with `workers` sync workers (as in
    production), the dev environment's gunicorn if there is one. `--preload`: the master
    loads Django once and forks its workers, each still a process of its own with its own
    connections (nothing opens one at import), instead of each spending about a second of
    CPU loading it again (R1's four workers were nearly all of its CPU)."""
    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    return [
        str(gunicorn) if gunicorn.exists() else "gunicorn",
        *("tracker.wsgi", "--preload", "--workers", str(workers), "--worker-class", "sync"),
        *("--bind", f"127.0.0.1:{port}", "--timeout", "60", "--log-level", "warning"),
        "--no-control-socket",  # one path per host: tests' servers took it from each other
    ]


def celery_worker_command(queue: str, schedule: Path, *, threads: int = 2) -> list[str]:
    """A Celery worker with beat (its schedule kept in `schedule`) on its own `queue`, as the
    integration tests start one: threads, no gossip or mingle, logging at info."""
    return [
        *(sys.executable, "-m", "celery", "-A", "tracker", "worker", "-B", "-s", str(schedule)),
        *("-Q", queue, "-P", "threads", "-c", str(threads)),
        *("--without-gossip", "--without-mingle", "-l", "info"),
    ]
