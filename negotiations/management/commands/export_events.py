"""Export the actor registry and the history as NDJSON that import_events reads back."""

import sys
from datetime import UTC

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from negotiations.interchange import formats as interchange
from negotiations.read.models import Process
from negotiations.write.runtime import get_application


class Command(BaseCommand):
    help = (
        "Write the actor registry, then every event as recorded (with recorded_at and "
        "recorded_by) and every idempotency receipt, in store order, as NDJSON, to stdout or "
        "--output."
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
        if since_at is not None and since_at.tzinfo is None:
            since_at = since_at.replace(tzinfo=UTC)
        out = open(output, "w", encoding="utf-8") if output else sys.stdout
        actors = events = receipts = 0
        lines = interchange.export_lines(get_application(), process_slug=process, since=since_at)
        try:
            for line in lines:
                out.write(line + "\n")
                if line.startswith('{"type": "actor"'):
                    actors += 1
                elif line.startswith('{"type": "receipt"'):
                    receipts += 1
                else:
                    events += 1
        finally:
            if output:
                out.close()
        self.stderr.write(
            f"Exported {actors} actors, {events} events and {receipts} idempotency receipts."
        )
