"""Follow the event store and keep the read models up to date."""

import signal
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand

from negotiations.read.projections import catch_up
from negotiations.write.runtime import get_application


class Command(BaseCommand):
    help = (
        "Apply new events to the read models as they are recorded. On PostgreSQL the "
        "database notifies the runner; on SQLite it polls."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=0.5,
            help="Seconds between polls when idle (default 0.5).",
        )
        parser.add_argument("--once", action="store_true", help="Catch up once and exit.")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, interval, once, batch_size, **options):
        app = get_application()
        stopping = False

        def stop(*_):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        with _wake_up(app, interval) as wait:
            while not stopping:
                applied = catch_up(app, batch_size=batch_size)
                if applied:
                    self.stdout.write(f"applied {applied} events")
                if once:
                    break
                wait()


@contextmanager
def _wake_up(app, interval):
    """A wait between catch-ups: on PostgreSQL until the store's NOTIFY (or the interval),
    elsewhere a plain sleep.

    The LISTEN needs a connection of its own in autocommit mode: the recorders write through
    Django's connection, which runs the catch-up transactions.
    """
    import psycopg
    from django.db import connections
    from eventsourcing.postgres import PostgresApplicationRecorder

    from negotiations.write.runtime import postgres_conninfo

    recorder = app.recorder
    if not isinstance(recorder, PostgresApplicationRecorder):
        yield lambda: time.sleep(interval)
        return
    conninfo = postgres_conninfo(connections["default"].settings_dict)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'LISTEN "{recorder.channel_name}"')

        def wait():
            for _ in conn.notifies(timeout=interval, stop_after=1):
                pass

        yield wait
