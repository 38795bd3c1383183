"""`/healthz` answers 503 naming what failed, at once, whatever failed (README: "200 when the
database and the event store answer, 503 otherwise"). A node started on a database not
migrated yet answered 500 (the read models' tables missing); one whose PostgreSQL was down
asked the event store's pool too, on the same dead server, and waited its 30 s, past
gunicorn's own timeout. Each case is a process of its own, started as production starts."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.services import free_port
from tests.subprocess_env import ROOT

ASK = """
from django.test import Client
import time
started = time.monotonic()
answer = Client(raise_request_exception=False).get("/healthz", **HEADERS)
print(answer.status_code, round(time.monotonic() - started, 1))
print(answer.content.decode())
"""


def healthz(tmp_path, database_url: str, *, proxied: bool = True) -> tuple[int, float, dict]:
    """Ask `/healthz` as the TLS proxy does (`proxied`), or as a load balancer asking the node
    itself over plain HTTP."""
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "DEBUG": "false",
        "SECRET_KEY": "Zq9-x" * 10 + "r7Kp2",
        "TRACKER_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": database_url,
    }
    headers = {"HTTP_X_FORWARDED_PROTO": "https"} if proxied else {}
    code = f"import django; django.setup()\nHEADERS = {headers!r}\n" + ASK
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    first, body = done.stdout.split("\n", 1)
    status, seconds = first.split()
    return int(status), float(seconds), json.loads(body)


def test_a_database_not_migrated_is_a_503_naming_the_read_models(tmp_path):
    # Asked over plain HTTP, as a load balancer asks a node: answered, not sent to https
    # (the HTTPS redirect made every node look down to it).
    status, _, body = healthz(tmp_path, f"sqlite:///{tmp_path / 'empty.sqlite3'}", proxied=False)
    assert status == 503
    assert body["status"] == "unavailable"
    assert body["read_models"].startswith("error: ")


def test_a_postgresql_that_is_down_is_a_503_at_once(tmp_path):
    closed = free_port()  # nothing listens there
    status, seconds, body = healthz(tmp_path, f"postgres://postgres@127.0.0.1:{closed}/tracker")
    assert status == 503
    assert body["database"].startswith("error: ")
    assert body["event_store"] == "not asked: the database did not answer"
    # The answer is public: it names the kind of failure, not the server's address (logged).
    said = json.dumps(body)
    assert str(closed) not in said, body
    assert "127.0.0.1" not in said, body
    assert seconds < 5  # the event store's pool waited 30 s for the same server
