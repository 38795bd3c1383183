"""Moving a tracker to PostgreSQL by export and import gives identical read models."""

import json
import os
import sys
import uuid

import pytest
from django.core.management import call_command

from negotiations.read.rebuild import rows_checksum
from tests.factories import correct_the_geneva_pause
from tests.integration.helpers import run_ok
from tests.services import require_service

pytestmark = pytest.mark.services


def manage(env, *args):
    return run_ok([sys.executable, "manage.py", *args], env, timeout=300).strip()


def test_export_from_this_tracker_and_import_into_an_empty_postgres_database(geneva, app, tmp_path):
    require_service("PostgreSQL", "127.0.0.1", 5432)
    import psycopg

    correct_the_geneva_pause(app, geneva, note="Checked against the transcript", reason="Detail")
    history = tmp_path / "history.ndjson"
    call_command("export_events", "-o", str(history), stderr=open("/dev/null", "w"))
    expected = rows_checksum(positions=False)

    name = f"tracker_move_{uuid.uuid4().hex[:10]}"
    admin = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}",
            "TRACKER_VAR_DIR": str(tmp_path / "var"),
        }
        manage(env, "migrate", "--no-input", "-v", "0")
        # The export carries the actor registry: nothing else to copy, no flag.
        manage(env, "import_events", str(history), "--no-progress")
        assert manage(env, "read_models_checksum", "--without-positions") == expected
        exported_again = tmp_path / "again.ndjson"
        manage(env, "export_events", "-o", str(exported_again))
        assert [json.loads(x) for x in exported_again.read_text().splitlines()] == [
            json.loads(x) for x in history.read_text().splitlines()
        ]
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
