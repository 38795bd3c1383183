"""A served tracker keeps its database connection from one request to the next, on SQLite as
on PostgreSQL (`CONN_MAX_AGE`). On SQLite a connection per request cost a write more than
its own work: opening the file and reading its schema, and, when the last connection
closed, a WAL checkpoint and the log made again under the next write's lock. B1 on SQLite
went from 190 to 312 writes a second with it (docs/performance.md, twenty-first pass).

The requests go through the WSGI handler gunicorn calls, whose request signals close a
connection too old to keep, as in production (Django's test client turns them off)."""

from __future__ import annotations

import io
from wsgiref.util import setup_testing_defaults

import pytest
from django.db import connection

from tracker.wsgi import application

# The handler's request signals would close the connection of a test case's transaction
# (its autocommit is off), whatever its age.
pytestmark = pytest.mark.django_db(transaction=True)


def served(path: str) -> int:
    """GET `path` through the WSGI application; its status code."""
    environ: dict[str, object] = {
        "PATH_INFO": path,
        "REQUEST_METHOD": "GET",
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(b""),
    }
    setup_testing_defaults(environ)
    status: list[str] = []
    body = application(environ, lambda line, headers, exc_info=None: status.append(line))
    b"".join(body)
    body.close()
    return int(status[0].split()[0])


def test_a_second_request_reuses_the_first_one_s_connection(geneva):
    assert served("/api/v1/processes/intra-syrian-talks-geneva/") == 200
    first = connection.connection
    assert first is not None, "the request left no connection open"
    assert served("/api/v1/processes/") == 200
    assert connection.connection is first
