"""Celery tasks, thin around `services`. Each commit enqueues a `dispatch` (see
`services.kick`) and beat runs one every WEBHOOK_DISPATCH_SECONDS for whatever a kick missed.
One dispatch delivers to every endpoint that is behind, in parallel; only an endpoint that
fails gets a task of its own, `deliver`, retried with backoff."""

from __future__ import annotations

import uuid

from celery import shared_task
from django.conf import settings

from . import services


@shared_task(bind=True, name=services.DISPATCH_TASK, ignore_result=True)
def dispatch(self) -> int:
    """One delivery run for all the endpoints that are behind and that no run holds."""
    token = str(uuid.uuid4())
    outcomes = services.fan_out(token)
    for endpoint_id, (outcome, _) in outcomes.items():
        if outcome != "failed":
            continue
        if self.request.is_eager:
            # No worker to come back later: leave it to the next dispatch.
            services.release(endpoint_id, token)
        else:
            # Its retries, with backoff, under this run's claim (kept for them).
            deliver.apply_async((endpoint_id, token), countdown=settings.WEBHOOK_RETRY_BACKOFF)
    return len(outcomes)


@shared_task(
    bind=True,
    name="webhooks.deliver",
    ignore_result=True,
    autoretry_for=(services.DeliveryFailed,),
    retry_backoff=settings.WEBHOOK_RETRY_BACKOFF,
    retry_backoff_max=settings.WEBHOOK_RETRY_BACKOFF_MAX,
    retry_jitter=True,
    # Not after N tries: an endpoint is disabled after a day of its own failures; one of ours
    # (reasons.OURS, logged with its cause) is retried until it is mended.
    max_retries=None,
)
def deliver(self, endpoint_id: str, token: str) -> str:
    # A retry comes back with the same token, so it takes up the claim its run kept.
    try:
        return services.endpoint_deliver(endpoint_id=endpoint_id, token=token)
    except services.DeliveryFailed:
        if self.request.is_eager:
            # No worker to come back later: leave it to the next dispatch.
            services.release(endpoint_id, token)
            return "failed"
        raise
