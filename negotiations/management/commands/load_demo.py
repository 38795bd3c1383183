"""Record the demo data through the application's commands. Safe to run again."""

from django.core.management.base import BaseCommand

from negotiations import demo
from negotiations.models import Actor
from negotiations.runtime import get_application

DEMO_USER = "demo"


class Command(BaseCommand):
    help = "Load the Geneva 2016 demo process (idempotent: a second run adds nothing)."

    def handle(self, *args, **options):
        for slug, name, kind in demo.ACTORS:
            Actor.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})
        app = get_application()
        opened = app.open_process(
            demo.GENEVA_OPENING, recorded_by=DEMO_USER, idempotency_key="demo:geneva:open"
        )
        replayed = int(opened.replayed)
        for n, (event_type, body) in enumerate(demo.GENEVA_EVENTS, start=2):
            result = app.record_event(
                opened.process_id,
                event_type=event_type,
                body=body,
                recorded_by=DEMO_USER,
                idempotency_key=f"demo:geneva:{n}",
            )
            replayed += int(result.replayed)
        total = len(demo.GENEVA_EVENTS) + 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo: {demo.GENEVA_OPENING['name']}: {total - replayed} events recorded, "
                f"{replayed} already there."
            )
        )
