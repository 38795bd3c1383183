"""Celery tasks, thin around `services`. Beat runs `dispatch` every WEBHOOK_DISPATCH_SECONDS;
each write also enqueues one (see `services.kick`)."""

from __future__ import annotations

import uuid

from celery import shared_task
from django.conf import settings

from . import services


@shared_task(name="webhooks.dispatch", ignore_result=True)
def dispatch() -> int:
    """One delivery run for each endpoint that is behind and that no run holds."""
    behind = services.endpoints_behind()
    for endpoint_id in behind:
        deliver.delay(endpoint_id, str(uuid.uuid4()))
    return len(behind)


@shared_task(
    bind=True,
    name="webhooks.deliver",
    ignore_result=True,
    autoretry_for=(services.DeliveryFailed,),
    retry_backoff=settings.WEBHOOK_RETRY_BACKOFF,
    retry_backoff_max=settings.WEBHOOK_RETRY_BACKOFF_MAX,
    retry_jitter=True,
    max_retries=None,  # the endpoint is disabled after a day of failures, not after N tries
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
