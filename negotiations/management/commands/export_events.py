"""Export the history as NDJSON that import_events reads back."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from negotiations import interchange
from negotiations.models import Process


class Command(BaseCommand):
    help = (
        "Write every event as recorded (with recorded_at and recorded_by) as NDJSON, in "
        "store order, to stdout or --output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--process", help="Only this process (slug).")
        parser.add_argument("--since", help="Only events recorded at or after (ISO 8601).")
        parser.add_argument("--output", "-o", help="File to write (default: stdout).")

    def handle(self, *args, process, since, output, **options):
        if process and not Process.objects.filter(slug=process).exists():
            raise CommandError(f"No process '{process}'.")
        since_at = parse_datetime(since) if since else None
        if since and since_at is None:
            raise CommandError("--since: enter an ISO 8601 date-time.")
        out = open(output, "w", encoding="utf-8") if output else sys.stdout
        count = 0
        try:
            for line in interchange.export_lines(process_slug=process, since=since_at):
                out.write(line + "\n")
                count += 1
        finally:
            if output:
                out.close()
        self.stderr.write(f"Exported {count} events.")
