"""Move an event store kept in its own SQLite file (trackers before the one-transaction write
path: var/events.sqlite3) into the tracker's database, then rebuild the read models."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore
from tqdm import tqdm

from negotiations.write.runtime import get_application

BATCH = 1000


class Command(BaseCommand):
    help = (
        "Copy every event of a separate SQLite event-store file (default: EVENT_STORE_SQLITE_PATH,"
        " var/events.sqlite3) into the database, in store order, then rebuild the read models. "
        "The file is renamed to *.moved afterwards. The database's store must be empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=settings.EVENT_STORE["SQLITE_PATH"])
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, file, no_progress, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"No event store file {path}: nothing to move.")
        source = SQLiteApplicationRecorder(SQLiteDatastore(str(path)))
        total = source.max_notification_id() or 0
        app = get_application()
        if app.recorder.max_notification_id():
            raise CommandError(
                "The database already holds events: moving another store into it would mix "
                "two histories. Move into an empty database."
            )
        moved = 0
        with (
            transaction.atomic(),
            tqdm(total=total, unit="event", disable=no_progress, file=self.stderr) as bar,
        ):
            position = 0
            while notifications := source.select_notifications(
                start=position, limit=BATCH, inclusive_of_start=False
            ):
                app.recorder.insert_events(
                    [
                        StoredEvent(n.originator_id, n.originator_version, n.topic, n.state)
                        for n in notifications
                    ]
                )
                position = notifications[-1].id
                moved += len(notifications)
                bar.update(len(notifications))
        source.datastore.close()
        path.rename(path.with_name(path.name + ".moved"))
        self.stdout.write(f"Moved {moved} events from {path} into the database.")
        call_command(
            "rebuild_projections",
            no_progress=no_progress,
            stdout=self.stdout,
            stderr=self.stderr,
        )
