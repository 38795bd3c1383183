"""Webhook delivery: a run claims the endpoints that are behind and sends each its events
in store order, the endpoints in parallel (`fan_out`); positions, claims and the attempts'
log are written from the run's thread only."""

from __future__ import annotations

import json
import logging
import random
import time
import uuid
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import urllib3
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import translation

from negotiations.write.runtime import get_application

from . import lookup, outbound, reasons
from .claims import claim_all, lease, now, store_head
from .messages import (
    SIGNING_FIELDS,
    Message,
    is_redelivery,
    message_once,
    signed_headers,
    wants,
    webhook_id,
)
from .models import Attempt, Endpoint
from .turns import EPOCH, RunClock, Turns

log = logging.getLogger(__name__)
BATCH = 100


class DeliveryFailed(Exception):
    """The receiver did not acknowledge an event: the endpoint waits for its retry (a later
    dispatch takes it up once `retry_wait` has passed)."""


def send(sender: outbound.Sender, endpoint: Endpoint, message: Message) -> Attempt:
    """POST one message to the address its URL resolves to now, if that is allowed, and
    return the attempt (not saved), whatever came of it: the status code and a reason of our
    own, never the receiver's answer, in English whatever language the thread has (the log
    keeps the worker's words; the admin translates them when shown). No database access: it
    runs in the sending threads."""
    with translation.override("en"):
        return _send(sender, endpoint, message)


def _send(sender: outbound.Sender, endpoint: Endpoint, message: Message) -> Attempt:
    at = now()
    attempt = Attempt(
        endpoint=endpoint,
        position=message.position,
        webhook_id=webhook_id(endpoint, message),
        event_type=message.data["event"]["type"],
        process_slug=message.process_slug,
        attempted_at=at,
    )
    started = time.perf_counter()
    try:
        payload = message.payload(redelivery=is_redelivery(endpoint, message))
        body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
        status = sender.post(
            endpoint.url, body.encode(), signed_headers(endpoint, attempt.webhook_id, body, at)
        )
        attempt.status_code = status
        attempt.ok = 200 <= status < 300
        if not attempt.ok:
            attempt.error = reasons.answer_reason(status)
    except (outbound.UnsafeDestination, outbound.Unresolvable, urllib3.exceptions.HTTPError) as e:
        attempt.error = reasons.failure_reason(e)
    except lookup.Busy:  # other hosts' lookups hold every place (logged by `lookup`)
        attempt.error = reasons.BUSY
    except Exception:  # our own fault (a secret that does not open, ...): retried, logged
        log.exception("Webhook %s to endpoint %s not sent", attempt.webhook_id, endpoint.pk)
        attempt.error = reasons.INTERNAL
    attempt.duration_ms = int((time.perf_counter() - started) * 1000)
    return attempt


def save_attempts(attempts: list[Attempt]) -> None:
    """The log of a run's attempts, in one INSERT; those of an endpoint deleted meanwhile go
    with it."""
    if not attempts:
        return
    try:
        with transaction.atomic():
            Attempt.objects.bulk_create(attempts)
    except IntegrityError:
        alive = set(
            Endpoint.objects.filter(pk__in={a.endpoint_id for a in attempts}).values_list(
                "pk", flat=True
            )
        )
        Attempt.objects.bulk_create([a for a in attempts if a.endpoint_id in alive])


# -- claims --------------------------------------------------------------------------------


def _advance(endpoint_id, token, position: int, *, delivered: bool) -> bool:
    fields: dict[str, Any] = {"position": position, "claimed_until": now() + lease()}
    if delivered:
        fields.update(failing_since=None, last_success_at=now())
    return bool(Endpoint.objects.filter(pk=endpoint_id, claim_token=token).update(**fields))


def _failed(endpoint: Endpoint, token, attempt: Attempt, *, first: bool = False) -> bool:
    """Note a failure; disable an endpoint failing for WEBHOOK_DISABLE_AFTER_SECONDS.
    Returns whether it was disabled. Otherwise the claim is kept for the retry. A failure
    of ours (`reasons.OURS`) is retried all the same, but neither starts the endpoint's
    failing time nor disables it."""
    t = now()
    ours = attempt.error in reasons.OURS
    # From the failed attempt's own time (the log counts from it: `failures_in_a_row`).
    since = endpoint.failing_since or (None if ours else attempt.attempted_at)
    rows = Endpoint.objects.filter(pk=endpoint.pk, claim_token=token)
    bound = timedelta(seconds=settings.WEBHOOK_DISABLE_AFTER_SECONDS)
    if not ours and since is not None and t - since >= bound:
        disabled = rows.update(
            active=False,
            disabled_at=t,
            disabled_reason=reasons.DISABLED
            % {"since": f"{since:%Y-%m-%d %H:%M}", "last": attempt.error},
            failing_since=since,
            claim_token=None,
            claimed_until=None,
        )
        if disabled:  # said in the log too: its host only (a URL's path may be a secret)
            host, when = urlsplit(endpoint.url).hostname, f"{since:%Y-%m-%d %H:%M}"
            log.warning("Webhook endpoint %s (%s) disabled: failing since %s UTC; last: %s",
                        endpoint.pk, host, when, attempt.error)  # fmt: skip
        return True
    # Held until its retry is due; a dispatch then takes it up (`tasks.dispatch` asks for one).
    failures = 1 if first else failures_in_a_row(endpoint, since)
    rows.update(failing_since=since, claimed_until=t + retry_wait(failures))
    return False


def failures_in_a_row(endpoint: Endpoint, since: datetime | None) -> int:
    """This failure and the endpoint's failed attempts logged before it (at most ten: its wait
    is at its longest by then): those since it began failing (`since`: a success or a
    redelivery starts it again; a review, then an attacker's test, found a redelivery's
    first failure waiting three minutes), else, for failures of ours, which start no failing
    time, those since its last success (they back off too: they were tried at every
    dispatch)."""
    logged = Attempt.objects.filter(endpoint=endpoint)
    if since is not None:
        return 1 + len(logged.filter(ok=False, attempted_at__gte=since)[:10])
    oks = list(logged.order_by("-attempted_at", "-id").values_list("ok", flat=True)[:10])
    return 1 + next((n for n, ok in enumerate(oks) if ok), len(oks))


def retry_wait(failures: int) -> timedelta:
    """How long an endpoint waits for its next try after `failures` in a row: drawn (full
    jitter) between WEBHOOK_RETRY_BACKOFF and twice as much for each failure before this
    one, at most WEBHOOK_RETRY_BACKOFF_MAX (1, 2, 4 ... s, to 10 minutes)."""
    least, most = settings.WEBHOOK_RETRY_BACKOFF, settings.WEBHOOK_RETRY_BACKOFF_MAX
    ceiling = min(most, least * 2 ** min(failures - 1, 30))
    # A jitter, not a secret: spreads the retries of endpoints that failed together.
    return timedelta(seconds=random.uniform(least, max(least, ceiling)))  # noqa: S311


@dataclass
class Run:
    """One endpoint's part of a delivery run: its messages still to send, in store order."""

    endpoint: Endpoint
    messages: list[Message]
    sent: int = 0
    succeeded: bool = False  # an acknowledged message whose success is not written yet
    outcome: str = ""  # "" while it goes on; "failed", "disabled", "stopped", "paused"
    error: str = ""


def fan_out(
    token: uuid.UUID | str, *, only: list[uuid.UUID | str] | None = None
) -> dict[str, tuple[str, str]]:
    """Deliver every event after each endpoint's position: the endpoints in parallel (up to
    WEBHOOK_PARALLEL_REQUESTS requests at once), each in store order, one request in flight
    per endpoint. Claims every active endpoint that is behind and that no run holds (or the
    endpoints `only`); returns (outcome, error) by endpoint id: "done" (caught up), "failed"
    (the claim is kept for its retry), "disabled", "stopped" (the claim was lost: a
    redelivery, a deletion), "paused" (the run ran out of WEBHOOK_RUN_SECONDS with events
    still to send: let go, for another run). An endpoint another run holds is left out.

    The database is used from this thread only: the claim and the endpoints in two queries,
    the events read once for all, and after the POSTs, the positions and the release in one
    UPDATE (two if some endpoints received nothing; one more for those paused) and the
    attempts in one INSERT. An
    endpoint with several events to receive has its position written after each
    acknowledged one, before the next is sent: after a crash at most the events in flight
    are sent again (under the same webhook-ids).
    """
    app = get_application()
    sender, threads = outbound.shared()
    outcomes: dict[str, tuple[str, str]] = {}
    attempts: list[Attempt] = []
    clock = RunClock(time.monotonic() + settings.WEBHOOK_RUN_SECONDS)
    try:
        held = claim_all(token, only)
        while held:
            start = min(e.position for e in held)
            notifications = app.recorder.select_notifications(start=start + 1, limit=BATCH)
            through = notifications[-1].id if notifications else start
            found = [m for m in (message_once(app, n) for n in notifications) if m is not None]
            runs = [
                Run(e, [m for m in found if m.position > e.position and wants(e, m)]) for e in held
            ]
            more = len(notifications) == BATCH

            def write(done: list[Run], through=through, more=more) -> None:
                _set_positions(token, done, through, release=not more)
                save_attempts(attempts)
                attempts.clear()

            _send_all(token, runs, sender, threads, attempts, write, clock)
            finished = _settle(runs, through, outcomes)
            if clock.over() and (more or store_head() > through):
                _pause(token, finished, outcomes)  # caught up to `through`, with more behind
                held = []
            elif more:
                # Taken again (the same token): an endpoint lost meanwhile is left out.
                held = claim_all(token, [r.endpoint.pk for r in finished])
            elif finished and store_head() > through:
                # An event stored meanwhile may have had its dispatch skipped while this run
                # held the endpoints: look once more before leaving.
                held = claim_all(token, [r.endpoint.pk for r in finished])
            else:
                held = []
    finally:
        save_attempts(attempts)
    return outcomes


def _pause(token, runs: list[Run], outcomes: dict[str, tuple[str, str]]) -> None:
    """Let go of `runs` whose run is over its time (each at the last event acknowledged,
    written already), in one UPDATE: "paused", a dispatch goes on with them."""
    ids = [run.endpoint.pk for run in runs]
    if ids:
        Endpoint.objects.filter(pk__in=ids, claim_token=token).update(
            claim_token=None, claimed_until=None
        )
    for run in runs:
        run.outcome = "paused"
        outcomes[str(run.endpoint.pk)] = ("paused", "")


def _settle(runs: list[Run], through: int, outcomes: dict[str, tuple[str, str]]) -> list[Run]:
    """Each run's outcome by endpoint id; the runs that finished (every event sent), their
    endpoints moved to `through`."""
    finished = [r for r in runs if not r.outcome]
    for r in runs:
        if r.outcome:
            outcomes[str(r.endpoint.pk)] = (r.outcome, r.error)
    for r in finished:
        r.endpoint.position = max(r.endpoint.position, through)
        outcomes[str(r.endpoint.pk)] = ("done", "")
    return finished


# Endpoints that have caught up while others are still being sent to are written (position,
# release) at least this often, so that a slow receiver does not hold the others' claims.
WRITE_EVERY_SECONDS = 1.0


def _send_all(
    token,
    runs: list[Run],
    sender: outbound.Sender,
    threads: ThreadPoolExecutor,
    attempts: list[Attempt],
    write: Callable[[list[Run]], None],
    clock: RunClock,
) -> None:
    """POST each run's messages in order, the runs side by side; `write` the runs that have
    caught up (together, and whenever some have waited WRITE_EVERY_SECONDS). Past the run's
    time (`clock`) no request is begun: the runs still waiting are paused (`_pause`). The
    runs that were sent to least lately go first."""
    pending: dict[Future[Attempt], Run] = {}
    caught_up: list[Run] = []
    since = renewed = time.monotonic()
    turns: Turns[Run] = Turns(runs, settings.WEBHOOK_PARALLEL_REQUESTS)

    def send_due() -> None:
        if clock.over():
            return
        for run in turns.due():
            pending[threads.submit(send, sender, run.endpoint, run.messages[run.sent])] = run
            clock.begun = True

    # Least lately served first: a run's time went to the same few endpoints every run.
    for run in sorted(runs, key=lambda r: r.endpoint.last_success_at or EPOCH):
        if run.messages:
            turns.ready(run)
        else:
            caught_up.append(run)
    send_due()
    while pending:
        done, _ = wait(pending, timeout=WRITE_EVERY_SECONDS, return_when=FIRST_COMPLETED)
        for future in done:
            run = pending.pop(future)
            turns.done(run)
            attempt = future.result()
            attempts.append(attempt)
            message = run.messages[run.sent]
            run.sent += 1
            if not attempt.ok:
                if run.sent > 1:  # the previous one was acknowledged, its position unwritten
                    _advance(
                        run.endpoint.pk, token, run.messages[run.sent - 2].position, delivered=True
                    )
                # Its first failure in a row when an event of this run went through (not
                # logged yet: the log would count the failures before it).
                disabled = _failed(run.endpoint, token, attempt, first=run.sent > 1)
                run.outcome, run.error = ("disabled" if disabled else "failed"), attempt.error
                continue
            run.endpoint.failing_since = None
            run.succeeded = True
            if run.sent == len(run.messages):
                if not caught_up:
                    since = time.monotonic()
                caught_up.append(run)
                continue
            if not _advance(run.endpoint.pk, token, message.position, delivered=True):
                run.outcome = "stopped"  # a redelivery reset it (its new run goes on) or
                continue  # it was deleted
            run.succeeded = False
            # A rotation or a new URL counts from the next request, not from the next run.
            try:
                run.endpoint.refresh_from_db(fields=SIGNING_FIELDS)
            except Endpoint.DoesNotExist:
                run.outcome = "stopped"
                continue
            turns.ready(run)
        send_due()
        if caught_up and pending and time.monotonic() - since >= WRITE_EVERY_SECONDS:
            write(caught_up)
            caught_up = []
        if time.monotonic() - renewed >= settings.WEBHOOK_LEASE_SECONDS / 3:
            _renew(token, runs)
            renewed = time.monotonic()
    if caught_up:
        write(caught_up)
    _pause(token, turns.left(), {})


def _renew(token, runs: list[Run]) -> None:
    """Hold the claims of the runs still going on, in one UPDATE. A claim was renewed only
    when its endpoint acknowledged an event: one waiting for a sending thread behind slow
    receivers, or caught up and waiting for the rest of the batch, lost it after
    WEBHOOK_LEASE_SECONDS, and another run sent the same events beside this one."""
    ids = [r.endpoint.pk for r in runs if not r.outcome]
    if ids:
        Endpoint.objects.filter(pk__in=ids, claim_token=token).update(claimed_until=now() + lease())


def _set_positions(token, runs: list[Run], through: int, *, release: bool) -> None:
    """Move the runs' endpoints to `through` (never back), in one UPDATE per kind."""
    for succeeded in (True, False):
        ids = [r.endpoint.pk for r in runs if r.succeeded == succeeded]
        if not ids:
            continue
        fields: dict[str, Any] = {"position": Greatest(F("position"), Value(through))}
        if release:
            fields.update(claim_token=None, claimed_until=None)
        else:
            fields["claimed_until"] = now() + lease()
        if succeeded:
            fields.update(failing_since=None, last_success_at=now())
        Endpoint.objects.filter(pk__in=ids, claim_token=token).update(**fields)


def endpoint_deliver(*, endpoint_id: uuid.UUID | str, token: uuid.UUID | str) -> str:
    """One endpoint's delivery run (`fan_out` for it alone). Raises DeliveryFailed when the
    receiver fails (the endpoint is held until its retry is due: `_failed`); returns "busy"
    when another run holds the endpoint, "disabled" when it has just been disabled, "stopped"
    when its claim was lost, "paused" when the run's time ran out, "done" when it has caught
    up."""
    outcome, error = fan_out(token, only=[endpoint_id]).get(str(endpoint_id), ("busy", ""))
    if outcome == "failed":
        raise DeliveryFailed(error)
    return outcome
