"""Follow the event store and keep the read models up to date.

A loop of `catch_up` batches (each one transaction with the tracking position) and waits:
the library's subscription does not fit here, see docs/architecture.md ("run_projections").
"""

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
        stopping = []
        # SIGTERM or SIGINT: finish the batch at work (it commits whole or not at all), stop.
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
        with _wake_up(app, interval) as wait:
            while not stopping:
                applied = catch_up(app, batch_size=batch_size, max_batches=1)
                if applied:
                    self.stdout.write(f"applied {applied} events")
                if applied < batch_size:  # nothing more for now
                    if once:
                        break
                    wait()


@contextmanager
def _wake_up(app, interval):
    """A wait between catch-ups: on PostgreSQL until the store's NOTIFY (or the interval),
    elsewhere a plain sleep. The LISTEN has a connection of its own, in autocommit mode:
    Django's connection runs the catch-up transactions."""
    import psycopg
    from django.db import connections
    from eventsourcing.postgres import PostgresApplicationRecorder

    from negotiations.write.eventstore import postgres_conninfo

    if not isinstance(app.recorder, PostgresApplicationRecorder):
        yield lambda: time.sleep(interval)
        return
    conninfo = postgres_conninfo(connections["default"].settings_dict)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'LISTEN "{app.recorder.channel_name}"')
        yield lambda: list(conn.notifies(timeout=interval, stop_after=1))
