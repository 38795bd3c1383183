"""Write every agreement in PA-X's column layout (docs/agreements.md), to join with PA-X."""

import sys

from django.core.management.base import BaseCommand

from negotiations.interchange.pax import pax_csv
from negotiations.read import agreements, selectors


class Command(BaseCommand):
    help = "Write the agreements as CSV in PA-X's column layout (then the tracker's columns)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="The file to write (default: stdout).")
        parser.add_argument("--process", help="Only this process's agreements (its slug).")

    def handle(self, *args, output=None, process=None, **options):
        rows = agreements.agreements()
        if process:
            rows = rows.filter(process=selectors.process_by_ref(process))
        found = list(rows)
        slugs = {s for a in found for s in a.signatories}
        slugs |= {t["actor"] for a in found for t in a.third_parties}
        text = pax_csv(found, selectors.actor_names(slugs))
        if output:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
        else:
            sys.stdout.write(text)
