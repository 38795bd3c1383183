"""A run of the suite on PostgreSQL drops its test database at the end, even when a thread (a
live server's, serving a keep-alive socket) still holds a connection to it: tests/conftest.py
closes every connection first. It used to end with `test_tracker_<pid>` left behind."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import psycopg
import pytest

from tests.services import require_service
from tests.subprocess_env import ROOT

SERVER = "postgres://postgres@127.0.0.1:5432"
LEFT_OPEN = "tests/habits/a_connection_left_open.py"


@pytest.mark.services
def test_a_run_with_a_connection_left_open_drops_its_test_database(tmp_path):
    require_service("PostgreSQL", "127.0.0.1", 5432)
    name = f"tracker_dropcheck_{uuid.uuid4().hex[:8]}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")},
        "DATABASE_URL": f"{SERVER}/{name}",
        "TRACKER_VAR_DIR": str(tmp_path / "var"),
    }
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", LEFT_OPEN],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        assert left_behind(name) == [], done.stdout[-3000:]
    finally:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
            for database in left_behind(name):
                admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')


def left_behind(name: str) -> list[str]:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        rows = admin.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", (f"test_{name}_%",)
        ).fetchall()
    return [row[0] for row in rows]
