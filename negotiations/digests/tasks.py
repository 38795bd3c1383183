"""Celery tasks: thin wrappers around `services`. Beat runs `send_due_digests` daily at
DIGEST_HOUR_UTC and `resend_unfinished` every few minutes (see tracker/settings.py)."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings

from . import planning, services


@shared_task(name="digests.send_due_digests")
def send_due_digests(on: str | None = None) -> int:
    """Create the deliveries due on the day this scheduled run is for (`planning.run_day`:
    a run taken after midnight is still the day before's), with any a run missed in the week
    before, or those due on `on` (YYYY-MM-DD) alone; then enqueue one send each, along with
    any delivery left unfinished. Safe to run twice: a delivery is claimed once."""
    if on:
        planning.deliveries_plan(on=date.fromisoformat(on))
    else:
        planning.plan_due(services.now())
    return resend_unfinished()


@shared_task(name="digests.resend_unfinished")
def resend_unfinished() -> int:
    ids = services.deliveries_unfinished()
    size = max(1, settings.DIGEST_BATCH_SIZE)
    for first in range(0, len(ids), size):
        send_digests.delay(ids[first : first + size])
    return len(ids)


@shared_task(name="digests.send_digests")
def send_digests(delivery_ids: list[int]) -> dict[str, int]:
    """Send a batch of deliveries (see `services.deliveries_send`); a failed send is retried
    by its own `send_digest`, with the same jittered backoff as its own retries."""
    done = services.deliveries_send(delivery_ids=delivery_ids)
    for delivery_id, attempts in done.retry:
        countdown = get_exponential_backoff_interval(
            settings.DIGEST_RETRY_BACKOFF_SECONDS,
            attempts - 1,
            settings.DIGEST_LEASE_SECONDS,
            full_jitter=True,
        )
        send_digest.apply_async(args=(delivery_id,), countdown=countdown)
        done.outcomes["retried"] += 1
    return dict(done.outcomes)


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
            result = send_digest.apply(args=(delivery_id,), throw=False)
            return result.get(disable_sync_subtasks=False)
        raise
