"""Back up a SQLite tracker while it runs: one consistent copy of its database file."""

import os
import shlex
import sqlite3
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from tqdm import tqdm

from negotiations.management.commands import _sqlite_copy as sqlite_copy

POSTGRES = (
    "On PostgreSQL, back up with pg_dump, which copies the event store (schema {schema}), the "
    "read models, users, tokens, webhooks and subscriptions in one consistent dump:\n"
    "  (umask 077 && pg_dump -Fc --host {host} --port {port} --username {user} --dbname {name} "
    "--file {path})\n"
    "(the file readable by its owner only: it holds password hashes; README.md, Backup and "
    "restore)."
)


def postgres_hint(template: str, path: str) -> str:
    """The PostgreSQL commands to run instead, with this database and the `path` given."""
    db = connections["default"].settings_dict
    return template.format(
        path=shlex.quote(path),
        schema=settings.EVENT_STORE["POSTGRES_SCHEMA"],
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or "postgres",
        name=db["NAME"],
    )


class Command(BaseCommand):
    help = (
        "SQLite: copy the tracker's database (event store, read models, users, tokens, webhook "
        "endpoints, digest subscriptions) to PATH with SQLite's online backup API. The copy is "
        "the database as it was when the backup began; the tracker may go on serving and "
        "writing meanwhile. Refuses to overwrite PATH without --force. On PostgreSQL, says how "
        "to use pg_dump."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to write.")
        parser.add_argument("--force", action="store_true", help="Overwrite PATH if it exists.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, path, force, no_progress, **options):
        if connections["default"].vendor != "sqlite":
            raise CommandError(postgres_hint(POSTGRES, path))
        source = sqlite_copy.database_path()
        target = Path(path)
        self._check_target(source, target, force)
        legacy = Path(str(settings.EVENT_STORE["SQLITE_PATH"]))
        if legacy.exists():
            self.stderr.write(
                f"Warning: {legacy} holds an event store of an older version, which this backup "
                "does not include: run `manage.py move_event_store` first."
            )
        # Written beside the target, then renamed over it: PATH is the old file or the whole
        # new copy, never half of one.
        partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
        started = time.perf_counter()
        try:
            # Readable by its owner only, from its first byte (SQLite's journal takes the
            # file's mode): it holds the users' password hashes and API tokens.
            partial.touch(mode=0o600)
            held = self._copy(source, partial, no_progress)
        except sqlite3.Error as e:
            partial.unlink(missing_ok=True)
            raise CommandError(f"The backup failed ({e}); {target} was not written.") from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, target)
        took = time.perf_counter() - started
        size = target.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {source} ({held}) to {target}: {size / 1e6:,.1f} MB in {took:.1f} s."
            )
        )

    def _check_target(self, source: Path, target: Path, force: bool) -> None:
        if not source.exists():
            raise CommandError(f"No database at {source}: nothing to back up.")
        if target.resolve() in {
            source.resolve(),
            *(Path(f"{source}{s}") for s in ("-wal", "-shm")),
        }:
            raise CommandError(f"{target} is the database itself: name another file.")
        if target.is_dir():
            raise CommandError(f"{target} is a folder: name the backup file.")
        if not target.parent.is_dir():
            raise CommandError(f"No folder {target.parent}: create it first.")
        if target.exists() and not force:
            raise CommandError(f"{target} exists: name another file, or overwrite it with --force.")

    def _copy(self, source: Path, partial: Path, no_progress: bool) -> sqlite_copy.Contents:
        # Shown once it has lasted half a second, with its total: not "0page [00:00, ?page/s]"
        # before the copy has counted its pages.
        with tqdm(
            unit="page", disable=no_progress, file=self.stderr, desc="backup", delay=0.5
        ) as bar:

            def on_step(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            reader = sqlite_copy.open_read_only(source)
            writer = sqlite3.connect(partial, isolation_level=None)
            try:
                sqlite_copy.copy(reader, writer, on_step)
                # One self-contained file: the copy carries the database's WAL mode, with
                # which every reader of the backup (a refused restore too) left -wal and -shm
                # files beside it. A restored tracker's connections set WAL again.
                writer.execute("PRAGMA journal_mode=DELETE")
                sqlite_copy.check_tracker_database(writer, partial)
                return sqlite_copy.contents(writer)
            finally:
                writer.close()
                reader.close()
