"""Deliver webhooks without Celery (a tracker with no broker, or a quick check): every
endpoint that is behind (side by side, each in store order), again every --interval seconds.
A receiver that fails is tried again in the first round after its wait (1, 2, 4 ... s, at
most WEBHOOK_RETRY_BACKOFF_MAX); a day of failures disables it, as with Celery."""

from __future__ import annotations

import time
import uuid

from django.core.management.base import BaseCommand

from negotiations.webhooks import services


class Command(BaseCommand):
    help = "Deliver pending webhook events (without a Celery worker)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="One round (and what its time paused), then exit."
        )
        parser.add_argument("--interval", type=float, default=2.0)

    def handle(self, *args, once: bool, interval: float, **options):
        while True:
            token = uuid.uuid4()
            # Every endpoint behind, side by side, as a worker's dispatch does.
            outcomes = services.fan_out(token)
            for endpoint_id, (outcome, error) in outcomes.items():
                if outcome == "failed":  # held until its wait has passed
                    outcome = f"failed ({error})"
                self.stdout.write(f"{endpoint_id}: {outcome}")
            if once:
                # One round, and at once the runs its time paused (each run sends).
                if "paused" in {outcome for outcome, _ in outcomes.values()}:
                    continue
                return
            time.sleep(interval)
