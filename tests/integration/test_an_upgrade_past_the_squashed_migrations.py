"""An operator upgrades a database that the last version with each app's migrations as files
(commit b500d7b) left: `migrate` with this version applies nothing and changes nothing, and the
schema is the one a fresh install gets, so each squash replaces exactly what those files made.
The database is that version's own after its `migrate` (its tables, the migrations it recorded,
the Editors group, the tally), kept as its SQLite dump, `data/database_at_b500d7b.sql.gz`
(`migrate` at b500d7b on a fresh file, then `sqlite3.Connection.iterdump`). A database
migrated only halfway is the system check's
(`tests/write/test_squashed_migrations_upgrade_a_database_migrated_before.py`)."""

import gzip
import hashlib
import os
import re
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from tests.integration.helpers import run_ok

DUMP = Path(__file__).parent / "data" / "database_at_b500d7b.sql.gz"


def schema(path: Path) -> set[tuple]:
    """Each table's columns, foreign keys, indexes and checks, whatever their order."""
    found: set[tuple] = set()
    with closing(sqlite3.connect(path)) as db:
        for table, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
            found |= {
                ("column", table, *row[1:]) for row in db.execute(f'PRAGMA table_info("{table}")')
            }
            found |= {
                ("key", table, *row[2:])
                for row in db.execute(f'PRAGMA foreign_key_list("{table}")')
            }
            for _, index, unique, origin, partial in db.execute(f'PRAGMA index_list("{table}")'):
                columns = tuple(row[2] for row in db.execute(f'PRAGMA index_info("{index}")'))
                name = "automatic" if index.startswith("sqlite_autoindex") else index
                found.add(("index", table, name, unique, origin, partial, columns))
            found |= {("check", table, part.split(")")[0]) for part in sql.split("CHECK (")[1:]}
    return found


# The migrations this version added after the squashes.
AFTER_THE_SQUASHES = [
    "digests.0006_planned_days",
    "negotiations.0017_actor_changed_at",
    "negotiations.0018_token_digests",
    "negotiations.0019_status_changes_by_position",
    "webhooks.0009_older_secrets",
    "webhooks.0010_an_endpoint_goes_with_its_owner",
]


def migrate(database: Path, tmp_path: Path) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "TRACKER_VAR_DIR": str(tmp_path / "var"),
    }
    return run_ok([sys.executable, "manage.py", "migrate", "--no-input"], env)


def test_a_database_left_by_the_last_version_with_the_files_has_nothing_to_apply(tmp_path):
    upgraded, fresh = tmp_path / "upgraded.sqlite3", tmp_path / "fresh.sqlite3"
    with closing(sqlite3.connect(upgraded)) as db:
        db.executescript(gzip.decompress(DUMP.read_bytes()).decode())
    as_left = schema(upgraded)
    assert ("column", "negotiations_agreement", "title", "varchar(200)", 1, None, 0) in as_left
    # An editor's API token, as that version kept it: its key itself.
    key = "0123456789abcdef0123456789abcdef01234567"
    with closing(sqlite3.connect(upgraded)) as db, db:
        db.execute(
            "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, "
            "email, is_staff, is_active, date_joined) "
            "VALUES ('!', 0, 'editor', '', '', '', 0, 1, '2026-12-01')"
        )
        db.execute(
            "INSERT INTO authtoken_token (key, created, user_id) "
            "VALUES (?, '2026-12-01', (SELECT id FROM auth_user WHERE username = 'editor'))",
            (key,),
        )

    said = migrate(upgraded, tmp_path)  # its checks first: none says "migrated halfway"

    # The key is a digest now (migration 0018, run as `migrate` runs it).
    with closing(sqlite3.connect(upgraded)) as db:
        (kept,) = db.execute("SELECT key FROM authtoken_token").fetchone()
    assert kept == "d " + hashlib.sha256(key.encode()).hexdigest()[:38]

    # Nothing of the squashes: only what this version added after them.
    assert re.findall(r"Applying (\S+)\.\.\.", said) == AFTER_THE_SQUASHES, said
    migrate(fresh, tmp_path)
    assert schema(upgraded) == schema(fresh)
    assert as_left <= schema(fresh)  # the tables as that version left them, and what came
    with closing(sqlite3.connect(upgraded)) as db:
        recorded = {row[0] for row in db.execute("SELECT name FROM django_migrations")}
    # The squashes now count as applied there, as on a fresh install.
    assert "0001_squashed_0016_read_only_pages_in_the_reader_s_language" in recorded
    assert "0001_squashed_0008_why_disabled_in_full" in recorded
