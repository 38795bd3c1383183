"""A connection the database server dropped between two requests (a restart, a failover, a
pooler or a firewall closing idle sessions) is checked and made again before the next
request uses it: every worker answered that request 500, and `/healthz` 503 on every node at
once, while the database was up (an operator's outside test). PostgreSQL's alone: SQLite has
no server to drop a connection."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.db import connection

from tests.subprocess_env import ROOT, subprocess_env

SERVE_AND_DROP = """
import json, threading, time, urllib.error, urllib.request
import django
django.setup()
import psycopg
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from wsgiref.simple_server import WSGIRequestHandler, make_server

class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass

server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Quiet)
threading.Thread(target=server.serve_forever, daemon=True).start()

def ask(path):
    url = f"http://127.0.0.1:{server.server_port}{path}"
    try:
        return urllib.request.urlopen(url, timeout=60).status
    except urllib.error.HTTPError as error:
        return error.code

db = settings.DATABASES["default"]
started = time.time()
before = [ask("/healthz"), ask("/api/v1/processes/")]
with psycopg.connect(
    dbname=db["NAME"], host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"],
    autocommit=True,
) as killer:
    dropped = killer.execute(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid() "
        "AND backend_start > to_timestamp(%s)",
        [db["NAME"], started - 1],
    ).fetchone()[0]
after = [ask("/healthz"), ask("/api/v1/processes/")]
print(json.dumps({"before": before, "dropped": dropped, "after": after}))
"""


@pytest.mark.django_db(transaction=True)
def test_the_next_request_after_a_dropped_connection_is_answered(geneva):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's: SQLite has no server to drop a connection")
    done = subprocess.run(
        [sys.executable, "-c", SERVE_AND_DROP], cwd=ROOT, env=subprocess_env(),
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["before"] == [200, 200], seen
    assert seen["dropped"] >= 1, seen  # the server's own connections
    assert seen["after"] == [200, 200], seen
