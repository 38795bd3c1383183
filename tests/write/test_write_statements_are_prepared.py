"""PostgreSQL: the write path's statements are prepared once per connection and run on their
generic plans (the server used to parse and plan each on every write); with
DATABASE_PREPARED_STATEMENTS=false, Django's default (nothing prepared) is kept."""

import re

import pytest
from django.db import connection, connections

from tests.api.recording import post_event

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_write_runs_its_claim_and_rows_as_prepared_statements(editor_api, opened):
    assert post_event(editor_api, opened["slug"], "talks_convened").status_code == 201
    posted = post_event(
        editor_api, opened["slug"], "talks_paused", expected_resumption_on="2016-02-25"
    )
    assert posted.status_code == 201, posted.json()
    for n in range(3):  # the library sends its insert without `prepare=True`: prepared
        # from its fifth run on (psycopg's threshold, PREPARE_THRESHOLD)
        said = {"actor": "turkey", "stance": "critical", "summary": f"Statement {n}."}
        assert post_event(editor_api, opened["slug"], "statement_made", **said).status_code == 201

    statements = prepared_statements()
    # The claim and the rows in one statement, each row written only if the claim took; a
    # status change's rows, too many parameters for one, in a second whose `claimed` is the
    # claim's effect (the tracking position at the write's last event).
    rows = [s for s in statements if s.startswith("WITH claimed AS (")]
    first = 'WITH claimed AS (UPDATE "negotiations_projectionposition"'
    assert any(s.startswith(first) and "negotiations_timelineentry" in s for s in rows)
    assert any("negotiations_statuschange" in s for s in rows)
    for s in rows:
        assert s.startswith((first, 'WITH claimed AS (SELECT 1 WHERE EXISTS (SELECT 1 FROM "'))
        parts = re.findall(r"\bw\d+ AS \(", s)
        assert parts
        assert s.count("EXISTS (SELECT 1 FROM claimed)") == len(parts)
        # Within what psycopg converts once and keeps, 50 parameters (else it parses the
        # statement again on every write).
        assert max(int(n) for n in re.findall(r"\$(\d+)", s)) <= 50
    assert any("INSERT INTO" in s and "_events" in s for s in statements)  # the library's
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone()[0] == "force_generic_plan"


@pytest.mark.parametrize(
    ("setting", "threshold", "plans"), [(True, 5, "force_generic_plan"), (False, None, "auto")]
)
def test_each_new_connection_follows_the_setting(db, settings, setting, threshold, plans):
    settings.DATABASE_PREPARED_STATEMENTS = setting
    fresh = connections.create_connection("default")  # as a new worker's first request
    try:
        fresh.ensure_connection()
        assert fresh.connection.prepare_threshold == threshold
        with fresh.cursor() as cursor:
            cursor.execute("SHOW plan_cache_mode")
            assert cursor.fetchone()[0] == plans
    finally:
        fresh.close()


def test_a_write_locks_the_event_table_once(editor_api, opened, tmp_path):
    """The table lock writers take in turn (the library's `SET LOCAL lock_timeout` and
    `LOCK TABLE`) is sent once a write, before the rows: the library's insert would send it
    again on the table already locked, two statements more under the lock."""
    from psycopg import pq

    assert post_event(editor_api, opened["slug"], "talks_convened").status_code == 201
    raw = connection.connection
    trace = tmp_path / "libpq.trace"
    with trace.open("w") as out:
        raw.pgconn.trace(out.fileno())
        raw.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)
        try:
            posted = post_event(
                editor_api, opened["slug"], "talks_paused", expected_resumption_on="2016-02-25"
            )
        finally:
            raw.pgconn.untrace()
    assert posted.status_code == 201, posted.json()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, statement FROM pg_prepared_statements")
        names = {name: statement for name, statement in cursor.fetchall()}
    bound = re.findall(r'\bF\s+\d+\s+Bind\s+"[^"]*"\s+"([^"]+)"', trace.read_text())
    sent = [names[name] for name in bound if name in names]
    assert sum(s.startswith("LOCK TABLE") for s in sent) == 1, sent
    assert sum(s.startswith("SET LOCAL lock_timeout") for s in sent) == 1, sent
    # and before the rows
    first_lock = next(i for i, s in enumerate(sent) if s.startswith("LOCK TABLE"))
    first_rows = next(i for i, s in enumerate(sent) if s.startswith("WITH claimed AS ("))
    assert first_lock < first_rows
