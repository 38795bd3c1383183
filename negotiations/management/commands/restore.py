"""Restore a SQLite tracker from a file `manage.py backup` wrote."""

import sqlite3
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from tqdm import tqdm

from negotiations.management.commands import _sqlite_copy as sqlite_copy
from negotiations.management.commands.backup import postgres_hint
from negotiations.ops.checks import newer_migrations, squash_errors
from negotiations.write import runtime
from negotiations.write.eventstore import LentSQLiteApplicationRecorder

POSTGRES = (
    "On PostgreSQL, restore a pg_dump file with pg_restore into an empty database, made by a "
    "role that may create databases (ADMIN: postgres, or the server's administrator) and "
    "owned by the tracker's:\n"
    "  createdb --host {host} --port {port} --username ADMIN --owner {user} NEW\n"
    "  pg_restore --exit-on-error --single-transaction --no-owner --host {host} --port {port} "
    "--username {user} --dbname NEW {path}\n"
    "then point DATABASE_URL at NEW and run `manage.py migrate` (README.md, Backup and "
    "restore)."
)


class Command(BaseCommand):
    # Not before it is asked: the checks open the database, and SQLite makes an empty one
    # where none is, which a refused restore then left behind. `migrate` checks after it.
    requires_system_checks: list[str] = []
    help = (
        "SQLite: replace the tracker's database with the backup file PATH (written by "
        "`manage.py backup`). Stop the tracker first (server, workers, run_projections). A "
        "database that holds events or users is replaced only with --force. On PostgreSQL, "
        "says how to use pg_restore."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to restore.")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that is not empty."
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, path, force, no_progress, **options):
        if connections["default"].vendor != "sqlite":
            raise CommandError(postgres_hint(POSTGRES, path))
        backup, target = Path(path), sqlite_copy.database_path()
        if not backup.is_file():
            raise CommandError(f"No backup file {backup}.")
        if target.exists() and backup.resolve() == target.resolve():
            raise CommandError(f"{backup} is the database itself.")
        if not target.parent.is_dir():
            raise CommandError(f"No folder {target.parent} for the database {target}.")
        reader = sqlite_copy.open_read_only(backup)
        try:
            sqlite_copy.check_tracker_database(reader, backup)
            _refuse_what_this_version_cannot_run(reader, backup)
            held = sqlite_copy.contents(reader)
            self._check_target(target, force)
            started = time.perf_counter()
            # Django's connection and the application's cached aggregates belong to the
            # database being replaced: closed before, rebuilt on their next use.
            connections["default"].close()
            runtime.reset_application()
            self._copy(reader, target, no_progress)
            # The event store's own objects as this version makes them, the refusal of an
            # event past a gap included (docs/reliability.md, R15): a backup of an older
            # version has no such trigger, and a server running meanwhile makes none.
            recorder = runtime.get_application().recorder
            if isinstance(recorder, LentSQLiteApplicationRecorder):  # restore is SQLite's
                recorder.create_table()
        except sqlite3.Error as e:
            raise CommandError(f"The restore failed ({e}).") from None
        finally:
            reader.close()
        took = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Restored {backup} ({held}) into {target} in {took:.1f} s.")
        )
        self.stdout.write(
            "Events recorded after this backup are not in it, and webhook receivers may have "
            "heard of them: tell them of the restore (README.md, Backup and restore). Events "
            "recorded from now on reach them under webhook-ids of their own."
        )
        if self._unapplied_migrations():
            self.stdout.write(
                "The backup comes from an older version: run `manage.py migrate` before "
                "starting the tracker."
            )

    def _check_target(self, target: Path, force: bool) -> None:
        if not target.exists() or force:
            return
        existing = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
        try:
            held = sqlite_copy.contents(existing)
        finally:
            existing.close()
        if held.events or held.users:
            raise CommandError(
                f"{target} holds {held}: a restore replaces all of it. Stop the tracker "
                "(server, workers, run_projections), back it up if it matters, then run "
                "again with --force."
            )

    def _copy(self, reader: sqlite3.Connection, target: Path, no_progress: bool) -> None:
        with tqdm(  # shown once it has lasted half a second, with its total (as `backup`)
            unit="page", disable=no_progress, file=self.stderr, desc="restore", delay=0.5
        ) as bar:

            def on_step(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            # Made readable by its owner alone, as the backup was: it holds the users'
            # password hashes and token digests (an operator's outside test found it
            # world-readable). A database already there keeps its mode (a group a server
            # reads it through, say: a review).
            if not target.exists():
                target.touch(mode=0o600)
            writer = sqlite3.connect(target, isolation_level=None, timeout=30)
            try:
                sqlite_copy.copy(reader, writer, on_step)
            finally:
                writer.close()

    def _unapplied_migrations(self) -> bool:
        connection = connections["default"]
        executor = MigrationExecutor(connection)
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _refuse_what_this_version_cannot_run(reader: sqlite3.Connection, backup: Path) -> None:
    """A backup whose migrations an older version left halfway through a squash cannot be
    finished by this version (`negotiations.E001`): refused before anything is replaced (an
    operator's outside test restored one over a working database, which then neither
    started nor migrated)."""
    recorded = reader.execute("SELECT app, name FROM django_migrations").fetchall()
    for error in squash_errors(recorded):
        raise CommandError(f"{backup}: {error.msg} Nothing was restored. {error.hint}")
    # A newer version's backup: migrations this version does not have (columns it does not
    # know, refusals it lacks), which `migrate` cannot undo here (a review).
    newer = newer_migrations(recorded)
    if newer:
        raise CommandError(
            f"{backup} comes from a newer version of the tracker (its migrations "
            f"{', '.join(newer)} are not this version's). Nothing was restored: restore it "
            "with that version."
        )
