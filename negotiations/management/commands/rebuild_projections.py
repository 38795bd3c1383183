"""Rebuild every read model from the event store."""

from django.core.management.base import BaseCommand
from django.db import connection
from tqdm import tqdm

from negotiations.read import rebuild
from negotiations.read.projections import catch_up, pending
from negotiations.read.rebuild import wipe_read_models
from negotiations.write.runtime import get_application


class Command(BaseCommand):
    help = "Empty the read models and apply every stored event again, in batches."

    def add_arguments(self, parser):
        # Per batch: a few statements, one UPDATE per process touched, one commit (5,000:
        # a fifth of the process UPDATEs of 1,000, memory still a few MB).
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, batch_size, no_progress, **options):
        app = get_application()
        wipe_read_models()
        # Plain indexes of the largest tables are built once at the end, not row by row.
        rebuild.set_aside()
        if connection.vendor == "postgresql":
            # A batch's commit need not wait for its WAL flush: a crash loses at most the
            # last batches, whole (each with its tracking position), and a rebuild starts
            # from empty anyway. This session only.
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO off")
        try:
            total = pending(app)
            with tqdm(total=total, unit="event", disable=no_progress, file=self.stderr) as bar:
                applied = catch_up(app, batch_size=batch_size, on_batch=bar.update)
        finally:
            rebuild.restore()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("RESET synchronous_commit")
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the read models from {applied} events."))
