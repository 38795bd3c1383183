"""Record the demo data through the application's commands. Safe to run again."""

from django.core.management.base import BaseCommand

from negotiations import demo
from negotiations.models import Actor
from negotiations.runtime import get_application

DEMO_USER = "demo"


class Command(BaseCommand):
    help = "Load the demo processes, Geneva 2016 and Havana 2012-16 (a second run adds nothing)."

    def handle(self, *args, **options):
        for slug, name, kind in demo.ACTORS:
            Actor.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})
        app = get_application()
        for key, opening, events in demo.PROCESSES:
            self.load(app, key, opening, events)

    def load(self, app, key, opening, events):
        opened = app.open_process(
            opening, recorded_by=DEMO_USER, idempotency_key=f"demo:{key}:open"
        )
        replayed = int(opened.replayed)
        for n, (event_type, body) in enumerate(events, start=2):
            result = app.record_event(
                opened.process_id,
                event_type=event_type,
                body=body,
                recorded_by=DEMO_USER,
                idempotency_key=f"demo:{key}:{n}",
            )
            replayed += int(result.replayed)
        total = len(events) + 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo: {opening['name']}: {total - replayed} events recorded, "
                f"{replayed} already there."
            )
        )
