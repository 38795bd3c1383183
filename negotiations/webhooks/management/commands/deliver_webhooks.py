"""Deliver webhooks without Celery (a tracker with no broker, or a quick check): every
endpoint that is behind, in store order, again every --interval seconds. A receiver that
fails is tried again on the next round; a day of failures disables it, as with Celery."""

from __future__ import annotations

import time
import uuid

from django.core.management.base import BaseCommand

from negotiations.webhooks import services


class Command(BaseCommand):
    help = "Deliver pending webhook events (without a Celery worker)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One round, then exit.")
        parser.add_argument("--interval", type=float, default=2.0)

    def handle(self, *args, once: bool, interval: float, **options):
        while True:
            for endpoint_id in services.endpoints_behind():
                token = uuid.uuid4()
                try:
                    outcome = services.endpoint_deliver(endpoint_id=endpoint_id, token=token)
                except services.DeliveryFailed as failure:
                    services.release(endpoint_id, token)  # the next round tries again
                    outcome = f"failed ({failure})"
                self.stdout.write(f"{endpoint_id}: {outcome}")
            if once:
                return
            time.sleep(interval)
