"""`manage.py backup` and `restore` on SQLite: a copy consistent while writes go on, never an
overwrite by surprise, a clear refusal of what is not a tracker backup; on PostgreSQL, the
commands say how to use pg_dump and pg_restore."""

from __future__ import annotations

import io
import sqlite3
import stat
import subprocess
from importlib import import_module

import pytest
from django.core.management import CommandError, call_command
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from negotiations.management.commands import _sqlite_copy as sqlite_copy
from negotiations.write import runtime
from tests.factories import opening, record
from tests.subprocess_env import manage_command, subprocess_env


def sqlite_only():
    if connections["default"].vendor != "sqlite":
        pytest.skip("SQLite's backup command (PostgreSQL backs up with pg_dump)")


def backup(*args):
    out = io.StringIO()
    call_command("backup", *map(str, args), "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def restore(*args):
    out = io.StringIO()
    call_command("restore", *map(str, args), "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def refused_restore(app, geneva, path, says: str) -> None:
    """`restore --force` of `path` is refused saying `says`, and an event recorded after the
    backup is still there (a restore that replaced the database would have lost it)."""
    record(app, geneva.pk, "statement_made", "2016-02-06", summary="After the backup.")
    before = app.recorder.max_notification_id()
    with pytest.raises(CommandError, match=says):
        restore(path, "--force")
    assert runtime.get_application().recorder.max_notification_id() == before


def test_a_copy_taken_while_writes_go_on_is_the_database_as_it_began(db, tmp_path, monkeypatch):
    monkeypatch.setattr(sqlite_copy, "STEP_PAGES", 100)
    source_path = tmp_path / "busy.sqlite3"
    source = sqlite3.connect(source_path, isolation_level=None)
    source.execute("PRAGMA journal_mode=WAL")
    source.execute("CREATE TABLE t (x)")
    with source:
        source.execute("BEGIN")
        source.executemany("INSERT INTO t VALUES (?)", [(b"x" * 1000,) for _ in range(2_000)])
    writer = sqlite3.connect(source_path, isolation_level=None)
    steps = []

    def on_step(done, total):
        steps.append((done, total))
        if len(steps) <= 3:  # another connection writes between the copy's steps
            writer.execute("INSERT INTO t VALUES (1)")

    reader, target = sqlite_copy.open_read_only(source_path), sqlite3.connect(tmp_path / "copy")
    sqlite_copy.copy(reader, target, on_step)
    # No step started over: the copy went on from the snapshot it began with.
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)
    assert len(steps) == -(-steps[0][1] // sqlite_copy.STEP_PAGES)
    assert target.execute("SELECT count(*) FROM t").fetchone()[0] == 2_000
    assert source.execute("SELECT count(*) FROM t").fetchone()[0] == 2_003


@pytest.mark.django_db(transaction=True)
def test_a_backup_never_overwrites_without_force(editor_api, actors, tmp_path):
    sqlite_only()
    assert editor_api.post("/api/v1/processes/", opening(), format="json").status_code == 201
    target = tmp_path / "tracker.backup"
    target.write_text("an older backup")
    with pytest.raises(CommandError, match="exists: name another file, or overwrite"):
        backup(target)
    assert target.read_text() == "an older backup"
    said = backup(target, "--force")
    assert sqlite_copy.EVENTS_TABLE == runtime.get_application().recorder.events_table_name
    assert "stored events and 1 users" in said
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT slug FROM negotiations_process").fetchall() == [("test-talks",)]
    assert not list(tmp_path.glob(".tracker.backup.partial-*"))
    # Its owner's only: it holds password hashes and API tokens (an operator found 0644).
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_bad_backup_paths_are_refused_clearly(db, tmp_path):
    sqlite_only()
    database = connections["default"].settings_dict["NAME"]
    for path, says in (
        (tmp_path / "no-such-folder" / "b.sqlite3", "No folder"),
        (tmp_path, "is a folder"),
        (database, "is the database itself"),
    ):
        with pytest.raises(CommandError, match=says):
            backup(path)


def test_restore_refuses_what_is_not_a_tracker_backup(db, tmp_path):
    sqlite_only()
    text = tmp_path / "notes.txt"
    text.write_text("not a database " * 1000)
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).execute("CREATE TABLE t (x)")
    for path, says in (
        (tmp_path / "missing.sqlite3", "No backup file"),
        (text, "is not a SQLite database"),
        (empty, "is not a backup of this tracker"),
    ):
        with pytest.raises(CommandError, match=says):
            restore(path)


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_tracker_with_data_without_force(editor, tmp_path):
    sqlite_only()
    backup(tmp_path / "b.sqlite3")
    with pytest.raises(CommandError, match=r"holds 0 stored events and 1 users.*--force"):
        restore(tmp_path / "b.sqlite3")
    # The backup is one file, and reading it leaves nothing beside it (its WAL mode did).
    assert sorted(p.name for p in tmp_path.glob("b.sqlite3*")) == ["b.sqlite3"]


def test_on_postgres_the_commands_say_how_to_use_pg_dump_and_pg_restore(db, tmp_path):
    if connections["default"].vendor != "postgresql":
        pytest.skip("the PostgreSQL answer of the commands")
    name = connections["default"].settings_dict["NAME"]
    # The lines to run, with the path given (they said "PATH").
    with pytest.raises(CommandError, match=rf"pg_dump -Fc .*--dbname {name} --file {tmp_path}/x"):
        backup(tmp_path / "x")
    # Its file readable by its owner only, as `backup` writes SQLite's; and a database made by
    # a role that may make one, owned by the tracker's (an operator's outside test: the
    # tracker's own role may not create databases, and the dump was world-readable).
    with pytest.raises(CommandError, match=r"\(umask 077 && pg_dump -Fc "):
        backup(tmp_path / "x")
    user = connections["default"].settings_dict["USER"]
    with pytest.raises(CommandError, match=rf"createdb .*--username ADMIN --owner {user} NEW"):
        restore(tmp_path / "x")
    with pytest.raises(CommandError, match=r"pg_restore --exit-on-error --single-transaction"):
        restore(tmp_path / "x")
    with pytest.raises(CommandError, match=rf"--dbname NEW {tmp_path}/x\n"):
        restore(tmp_path / "x")


def test_a_refused_restore_leaves_no_database_behind(tmp_path):
    """An operator restoring into a tracker not made yet, from a file that is no backup: the
    refusal changes nothing, and no empty database is left where the tracker's will be (the
    command's start used to make one, 4 KB, by asking it for the system checks)."""
    target = tmp_path / "new" / "tracker.sqlite3"
    target.parent.mkdir()
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database " * 100)
    env = subprocess_env(DATABASE_URL=f"sqlite:///{target}", TRACKER_VAR_DIR=str(tmp_path / "var"))
    done = subprocess.run(
        manage_command("restore", str(notes), "--no-progress"),
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "is not a SQLite database" in done.stderr
    assert list(target.parent.iterdir()) == []


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_this_version_cannot_migrate(app, geneva, tmp_path):
    """Migrated halfway through a squash by an older version (`negotiations.E001`): refused
    before anything is replaced, saying which version to migrate it with (an operator's
    outside test restored one over a working tracker, which then neither ran nor migrated)."""
    sqlite_only()
    backup(tmp_path / "old.sqlite3")
    old = sqlite3.connect(tmp_path / "old.sqlite3")
    with old:  # as the version at b500d7b left it, stopped at 0014
        squash = import_module(
            "negotiations.migrations.0001_squashed_0016_read_only_pages_in_the_reader_s_language"
        )
        old.execute("DELETE FROM django_migrations WHERE app = 'negotiations'")
        old.executemany(
            "INSERT INTO django_migrations (app, name, applied) VALUES ('negotiations', ?, '')",
            [(name,) for _, name in squash.Migration.replaces[:14]],
        )
    old.close()
    says = r"up to 0014.*Nothing was restored.*b500d7b"
    refused_restore(app, geneva, tmp_path / "old.sqlite3", says)


@pytest.mark.django_db(transaction=True)
def test_a_quick_copy_prints_no_bar_before_its_pages_are_counted(tmp_path):
    """An operator saw "backup: 0page [00:00, ?page/s]" before every real bar (twice when
    the backup failed): the bar shows once the copy has lasted half a second, total known."""
    sqlite_only()
    for command, args in (
        ("backup", [tmp_path / "b.sqlite3"]),
        ("restore", [tmp_path / "b.sqlite3", "--force"]),
    ):
        said = io.StringIO()
        call_command(command, *map(str, args), stdout=io.StringIO(), stderr=said)
        assert "0page" not in said.getvalue(), (command, said.getvalue())


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_of_a_newer_version(app, geneva, tmp_path):
    """Its migrations are not this version's: columns it does not know, refusals it lacks.
    It was restored without a word (a review)."""
    sqlite_only()
    backup(tmp_path / "newer.sqlite3")
    with sqlite3.connect(tmp_path / "newer.sqlite3") as newer:
        newer.execute(
            "INSERT INTO django_migrations (app, name, applied) "
            "VALUES ('negotiations', '0099_from_the_future', '')"
        )
    says = r"newer version.*0099_from_the_future.*Nothing"
    refused_restore(app, geneva, tmp_path / "newer.sqlite3", says)


@pytest.mark.django_db(transaction=True)
def test_restore_takes_a_backup_of_the_version_before_the_squash(app, geneva, tmp_path):
    """A database b500d7b migrated records that version's own squash of 0001-0005, whose file
    is gone too: its backup was refused as "a newer version's" (an operator's outside test).
    It is restored, into a new file readable by its owner alone as the backup is."""
    sqlite_only()
    backup(tmp_path / "older.sqlite3")
    with sqlite3.connect(tmp_path / "older.sqlite3") as older:
        older.execute(
            "INSERT INTO django_migrations (app, name, applied) "
            "VALUES ('negotiations', '0001_squashed_0005_process_tally', '')"
        )
    # Into a tracker not made yet, as an operator restores on a new machine.
    target = tmp_path / "new" / "tracker.sqlite3"
    target.parent.mkdir()
    env = subprocess_env(DATABASE_URL=f"sqlite:///{target}", TRACKER_VAR_DIR=str(tmp_path / "var"))
    done = subprocess.run(
        manage_command("restore", str(tmp_path / "older.sqlite3"), "--no-progress"),
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert target.stat().st_mode & 0o077 == 0, oct(target.stat().st_mode)


@pytest.mark.django_db(transaction=True)
def test_check_warns_of_a_database_a_newer_version_migrated(db):
    """On either database: PostgreSQL's `pg_restore` took a newer version's dump without a
    word (an operator's outside test)."""
    recorder = MigrationRecorder(connections["default"])
    assert "negotiations.W005" not in checked()
    # Names an older version recorded, renamed since (a review): an older version's.
    for older in ("0004_process_tally", "0012_names_in_languages"):
        recorder.record_applied("negotiations", older)
        assert "negotiations.W005" not in checked(), older
        recorder.record_unapplied("negotiations", older)
    recorder.record_applied("negotiations", "0099_from_the_future")
    said = checked()
    assert "negotiations.W005" in said
    assert "0099_from_the_future" in said
    recorder.record_unapplied("negotiations", "0099_from_the_future")
    assert "negotiations.W005" not in checked()


def checked() -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("check", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()
