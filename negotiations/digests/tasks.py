"""Celery tasks: thin wrappers around `services`. Beat runs `send_due_digests` daily at
DIGEST_HOUR_UTC and `resend_unfinished` every few minutes (see tracker/settings.py)."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.conf import settings

from . import services


@shared_task(name="digests.send_due_digests")
def send_due_digests(on: str | None = None) -> int:
    """Create the deliveries due today (or on `on`, YYYY-MM-DD) and enqueue one send each,
    along with any delivery left unfinished. Safe to run twice: a delivery is claimed once."""
    day = date.fromisoformat(on) if on else services.now().date()
    services.deliveries_plan(on=day)
    return resend_unfinished()


@shared_task(name="digests.resend_unfinished")
def resend_unfinished() -> int:
    ids = services.deliveries_unfinished()
    for delivery_id in ids:
        send_digest.delay(delivery_id)
    return len(ids)


@shared_task(
    bind=True,
    name="digests.send_digest",
    autoretry_for=(services.SendFailed,),
    # Celery's exponential backoff with full jitter (a failing SMTP server fails every delivery
    # at once; their retries spread out): up to 1, 2, 4 ... times the base, at most the lease.
    retry_backoff=settings.DIGEST_RETRY_BACKOFF_SECONDS,
    retry_backoff_max=settings.DIGEST_LEASE_SECONDS,
    retry_jitter=True,
    max_retries=None,  # the delivery row counts the attempts and decides when to give up
)
def send_digest(self, delivery_id: int) -> str:
    try:
        return services.delivery_send(delivery_id=delivery_id)
    except services.SendFailed:
        if self.request.is_eager:
            # No worker to come back later (and Celery's eager mode would raise Retry to the
            # caller instead of running the task again): the next attempt runs here and now.
            result = send_digest.apply(args=[delivery_id], throw=False)
            return result.get(disable_sync_subtasks=False)
        raise
