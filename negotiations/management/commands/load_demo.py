"""Record the demo data through the import path. Safe to run again."""

from django.core.management.base import BaseCommand
from django.db import connection

from negotiations.interchange import demo
from negotiations.write.runtime import get_application


class Command(BaseCommand):
    help = (
        "Load the five demo processes (Geneva 2016, Havana 2012-16, Yemen 2016, Ethiopia-TPLF "
        "2022, Sudan 2023) from "
        "negotiations/interchange/demo.ndjson (a second run adds nothing)."
    )

    def handle(self, *args, **options):
        try:
            loaded = demo.load(get_application())
        except demo.DemoMismatch as e:
            # Say so, record nothing, and let `dev.py run` go on with what is there.
            self.stderr.write(self.style.WARNING(f"Demo not loaded: {e} {where_to_start()}"))
            return
        for slug, name in loaded.names.items():
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo: {name}: {loaded.recorded[slug]} events recorded, "
                    f"{loaded.already[slug]} of the demo's already there."
                )
            )


def where_to_start() -> str:
    """Which database that is, and how a developer starts again from an empty one."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return (
            f"This database is the file {name}: stop the tracker, move the file aside with its "
            "-wal and -shm files (they keep what was recorded in it) and run `python3 dev.py "
            "run` again."
        )
    return f"This database is '{name}': point DATABASE_URL at an empty one."
