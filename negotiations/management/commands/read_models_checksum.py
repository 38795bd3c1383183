"""Print a digest of every read-model row: equal digests, equal read models."""

from django.core.management.base import BaseCommand

from negotiations.read.checksum import rows_checksum


class Command(BaseCommand):
    help = "Print a SHA-256 over every read-model row (to compare two builds or two databases)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-positions",
            action="store_true",
            help="Leave out store positions (to compare two different stores).",
        )

    def handle(self, *args, without_positions, **options):
        self.stdout.write(rows_checksum(positions=not without_positions))
