"""PostgreSQL: the write path's statements are prepared once per connection and run on their
generic plans (the server used to parse and plan each on every write); with
DATABASE_PREPARED_STATEMENTS=false, Django's default (nothing prepared) is kept."""

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
    assert any("UPDATE" in s and "negotiations_projectionposition" in s for s in statements)
    # The rows, each guarded by the claim.
    assert any(s.startswith('INSERT INTO "negotiations_timelineentry"') for s in statements)
    assert all("WHERE EXISTS" in s for s in statements if "negotiations_timelineentry" in s)
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
