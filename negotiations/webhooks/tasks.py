"""Celery tasks, thin around `services`. Each commit enqueues a `dispatch` (see
`services.kick`) and beat runs one every WEBHOOK_DISPATCH_SECONDS for whatever a kick missed.
One dispatch delivers to every endpoint that is behind, in parallel, a failed endpoint's
retry among them once its wait has passed."""

from __future__ import annotations

import logging
import uuid

from celery import shared_task
from kombu.exceptions import OperationalError

from . import services
from .claims import due_in

log = logging.getLogger(__name__)


@shared_task(bind=True, name=services.DISPATCH_TASK, ignore_result=True)
def dispatch(self) -> int:
    """One delivery run for all the endpoints that are behind and that no run holds, a failed
    one's retry among them once its wait has passed (`delivery.retry_wait`): every request
    goes out on the run's bounded sending threads, never on a worker process of its own. A run
    with failures asks for one more dispatch when the first of their retries is due (a
    countdown holds no worker meanwhile), so retries keep their backoff without beat; a run
    that ran out of its time (WEBHOOK_RUN_SECONDS) asks for one at once, queued behind the
    dispatches already waiting."""
    outcomes = services.fan_out(str(uuid.uuid4()))
    failed = [endpoint for endpoint, (outcome, _) in outcomes.items() if outcome == "failed"]
    due = due_in(failed) if failed else None
    if any(outcome == "paused" for outcome, _ in outcomes.values()):
        due = 0.0  # a run out of its time: the next goes on, behind what waits already
    if due is not None and not self.request.is_eager:
        try:
            dispatch.apply_async(countdown=due)
        except (OperationalError, OSError):  # the broker away: beat's dispatch sweeps it up
            log.warning("The retries' dispatch could not be queued; beat's will send them.")
    return len(outcomes)


@shared_task(bind=True, name="webhooks.deliver", ignore_result=True)
def deliver(self, endpoint_id: str, token: str) -> str:
    """One endpoint's run, for a task an older version queued (each failed endpoint then had
    a task of its own, retried with backoff, which held a worker process for a request's
    whole deadline: one editor's slow receivers kept everyone else's deliveries waiting for
    minutes). A failure now waits for a dispatch like any other."""
    try:
        return services.endpoint_deliver(endpoint_id=endpoint_id, token=token)
    except services.DeliveryFailed:
        return "failed"
