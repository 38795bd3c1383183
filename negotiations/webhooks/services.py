"""Webhook delivery: events read from the event store in its order, from each endpoint's own
position, POSTed signed per Standard Webhooks; at least once, never out of order.

The write path never waits on a receiver: each commit, in both consistency modes, at most
enqueues a `dispatch` task (see `kick`), and a periodic `dispatch` finds whatever a kick
missed. A dispatch delivers to all the endpoints that are behind at once (`fan_out`): in
parallel across endpoints, in store order within each.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid
import weakref
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import urllib3
from celery import current_app
from django.conf import settings
from django.db import IntegrityError, connections, models, router, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest
from standardwebhooks import Webhook

from negotiations.domain.process import PeaceProcess
from negotiations.domain.registry import STATUS_CHANGING_TYPES, code_for
from negotiations.write.records import jsonable
from negotiations.write.runtime import get_application

from . import crypto, outbound, payloads
from .models import KINDS, Attempt, Endpoint, new_secret

log = logging.getLogger(__name__)
BATCH = 100


class DeliveryFailed(Exception):
    """The receiver did not acknowledge an event: the task is retried with backoff."""


def now() -> datetime:
    return datetime.now(UTC)


def lease() -> timedelta:
    return timedelta(seconds=settings.WEBHOOK_LEASE_SECONDS)


def store_head() -> int:
    return get_application().recorder.max_notification_id() or 0


# -- registration --------------------------------------------------------------------------


def endpoint_create(
    *, url: str, processes: list[str], kinds: list[str], created_by: Any = None
) -> Endpoint:
    """A new endpoint hears of what is recorded from now on (use redelivery for the past)."""
    return Endpoint.objects.create(
        url=url,
        processes=sorted(set(processes)),
        kinds=[k for k in KINDS if k in kinds],
        created_by=created_by,
        position=store_head(),
        sealed_secret=crypto.seal(new_secret()),
    )


def endpoint_rotate_secret(*, endpoint: Endpoint) -> tuple[Endpoint, str]:
    """A new signing secret, returned in the clear this once. For
    WEBHOOK_SECRET_GRACE_SECONDS the previous one signs too (Standard Webhooks' several
    signatures), so receivers can switch without missing a delivery. One UPDATE: two
    rotations at once leave the secret of one and, as previous, the one before."""
    secret = new_secret()
    until = now() + timedelta(seconds=settings.WEBHOOK_SECRET_GRACE_SECONDS)
    Endpoint.objects.filter(pk=endpoint.pk).update(
        previous_sealed_secret=F("sealed_secret"),
        sealed_secret=crypto.seal(secret),
        previous_secret_until=until,
    )
    endpoint.refresh_from_db()
    return endpoint, secret


def endpoint_redeliver(*, endpoint: Endpoint, from_position: int) -> Endpoint:
    """Deliver again from store position `from_position` (inclusive), re-enabling the
    endpoint. A delivery under way loses its claim and stops at its next step."""
    Endpoint.objects.filter(pk=endpoint.pk).update(
        # What was sent before goes again as a new delivery: new webhook-ids, marked so.
        redeliveries=F("redeliveries") + 1,
        redelivered_through=Greatest(F("position"), F("redelivered_through")),
        position=max(0, from_position - 1),
        active=True,
        disabled_at=None,
        disabled_reason="",
        failing_since=None,
        claim_token=None,
        claimed_until=None,
    )
    endpoint.refresh_from_db()
    kick()
    return endpoint


# -- what is sent --------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    position: int
    kind: str  # "status_change", "agreement" or "event": what an endpoint's `kinds` choose from
    process_id: uuid.UUID
    process_slug: str
    sequence: int
    type: str  # the envelope's: status.changed, event.recorded, event.corrected, ...
    timestamp: str
    data: dict[str, Any]

    def payload(self, *, redelivery: bool) -> dict[str, Any]:
        """The Standard Webhooks envelope; `redelivery` says an editor asked for it again."""
        return {
            "type": self.type,
            "timestamp": self.timestamp,
            "data": {**self.data, "redelivery": redelivery},
        }


_stories: weakref.WeakKeyDictionary[Any, payloads.Stories] = weakref.WeakKeyDictionary()


def _iso(value: datetime) -> str:
    text = value.astimezone(UTC).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def message_for(app, notification) -> Message | None:
    """The message for a stored event, or None for what is not a process's event."""
    event = app.mapper.to_domain_event(notification)
    if not isinstance(event, PeaceProcess.Recorded):
        return None
    entry = event.entry()
    # One history per application: a new one (another store) folds afresh.
    told = _stories.setdefault(app, payloads.Stories()).tell(app, event.originator_id, entry)
    changes_status = entry.type in STATUS_CHANGING_TYPES
    if told.views is not None:
        # A correction or a retraction of a status change changes the status history too.
        target = int(entry.values.get("corrects") or entry.values["retracts"])
        changes_status = told.views[target].entry.type in STATUS_CHANGING_TYPES
    # The event as the API's global feed shows it (as recorded).
    values = jsonable(entry.values)
    codes = code_for(entry.type, values)
    body = {
        "sequence": entry.sequence,
        "type": entry.type,
        **values,
        "recorded_at": _iso(entry.recorded_at),
        "recorded_by": entry.recorded_by,
        "cameo": codes.cameo,
        "plover": codes.plover,
    }
    envelope = payloads.envelope_type(entry, told)
    return Message(
        position=notification.id,
        kind="agreement"
        if envelope.startswith("agreement.")
        else ("status_change" if changes_status else "event"),
        process_id=event.originator_id,
        process_slug=told.after.slug,
        sequence=entry.sequence,
        type=envelope,
        timestamp=body["recorded_at"],
        data=payloads.data_for(
            position=notification.id,
            process_id=event.originator_id,
            entry=entry,
            event=body,
            told=told,
        ),
    )


def wants(endpoint: Endpoint, message: Message) -> bool:
    if endpoint.processes and message.process_slug not in endpoint.processes:
        return False
    return "event" in endpoint.kinds or message.kind in endpoint.kinds


def is_redelivery(endpoint: Endpoint, message: Message) -> bool:
    """Whether an editor's redelivery sends this event again (it was at or before the
    endpoint's position when they asked)."""
    return endpoint.redeliveries > 0 and message.position <= endpoint.redelivered_through


def webhook_id(endpoint: Endpoint, message: Message) -> str:
    """The same for every attempt of one delivery of one event to one endpoint (automatic
    retries included), so receivers drop repeats, and the same after a move to another
    store, where positions may differ; a redelivery an editor asks for is a new delivery,
    with an id of its own."""
    name = f"{message.process_id}/{message.sequence}"
    if is_redelivery(endpoint, message):
        name += f"/redelivery/{endpoint.redeliveries}"
    return "msg_" + uuid.uuid5(endpoint.pk, name).hex


def signed_headers(endpoint: Endpoint, msg_id: str, body: str, at: datetime) -> dict[str, str]:
    """Standard Webhooks' headers; during a rotation's grace period `webhook-signature`
    carries the new secret's signature and the previous one's, space-separated."""
    signatures = [Webhook(s).sign(msg_id, at, body) for s in endpoint.signing_secrets(at)]
    return {
        "Content-Type": "application/json",
        "User-Agent": "negotiation-tracker-webhooks/1",
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": " ".join(signatures),
    }


SIGNING_FIELDS = [
    "url",
    "sealed_secret",
    "previous_sealed_secret",
    "previous_secret_until",
    "redeliveries",
    "redelivered_through",
]


def send(sender: outbound.Sender, endpoint: Endpoint, message: Message) -> Attempt:
    """POST one message to the address its URL resolves to now, if that is allowed, and
    return the attempt (not saved), whatever came of it: the status code and a reason of our
    own, never the receiver's answer. No database access: it runs in the sending threads."""
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
            attempt.error = outbound.answer_reason(status)
    except (outbound.UnsafeDestination, outbound.Unresolvable, urllib3.exceptions.HTTPError) as e:
        attempt.error = outbound.failure_reason(e)
    except Exception:  # our own fault (a secret that does not open, ...): retried, logged
        log.exception("Webhook %s to endpoint %s not sent", attempt.webhook_id, endpoint.pk)
        attempt.error = "Not sent: an internal error (see the worker's log)."
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


# -- one thread pool and one HTTP connection pool per worker process --------------------------

_shared_lock = threading.Lock()
_shared: tuple[tuple[int, int], outbound.Sender, ThreadPoolExecutor] | None = None


def shared() -> tuple[outbound.Sender, ThreadPoolExecutor]:
    """This process's sender (its connections outlive a task run) and its sending threads
    (WEBHOOK_PARALLEL_REQUESTS), made on first use in each process (so after a fork)."""
    global _shared
    key = (os.getpid(), settings.WEBHOOK_PARALLEL_REQUESTS)
    with _shared_lock:
        if _shared is None or _shared[0] != key:
            if _shared is not None and _shared[0][0] == key[0]:  # resized (tests): let go
                _shared[2].shutdown(wait=False)
                _shared[1].close()
            _shared = (
                key,
                outbound.Sender(maxsize=key[1]),
                ThreadPoolExecutor(key[1], thread_name_prefix="webhooks"),
            )
        return _shared[1], _shared[2]


# -- claims --------------------------------------------------------------------------------


def release(endpoint_id: uuid.UUID | str, token: uuid.UUID | str) -> None:
    Endpoint.objects.filter(pk=endpoint_id, claim_token=token).update(
        claim_token=None, claimed_until=None
    )


def _advance(endpoint_id, token, position: int, *, delivered: bool) -> bool:
    fields: dict[str, Any] = {"position": position, "claimed_until": now() + lease()}
    if delivered:
        fields.update(failing_since=None, last_success_at=now())
    return bool(Endpoint.objects.filter(pk=endpoint_id, claim_token=token).update(**fields))


def _failed(endpoint: Endpoint, token, attempt: Attempt) -> bool:
    """Note a failure; disable an endpoint failing for WEBHOOK_DISABLE_AFTER_SECONDS.
    Returns whether it was disabled. Otherwise the claim is kept for the retry."""
    t = now()
    since = endpoint.failing_since or t
    rows = Endpoint.objects.filter(pk=endpoint.pk, claim_token=token)
    if t - since >= timedelta(seconds=settings.WEBHOOK_DISABLE_AFTER_SECONDS):
        rows.update(
            active=False,
            disabled_at=t,
            disabled_reason=f"Failing since {since:%Y-%m-%d %H:%M} UTC; last: {attempt.error}"[
                :300
            ],
            failing_since=since,
            claim_token=None,
            claimed_until=None,
        )
        return True
    hold = timedelta(seconds=settings.WEBHOOK_RETRY_BACKOFF_MAX + 60)
    rows.update(failing_since=since, claimed_until=t + max(hold, lease()))
    return False


@dataclass
class Run:
    """One endpoint's part of a delivery run: its messages still to send, in store order."""

    endpoint: Endpoint
    messages: list[Message]
    sent: int = 0
    succeeded: bool = False  # an acknowledged message whose success is not written yet
    outcome: str = ""  # "" while it goes on; "failed", "disabled", "stopped"
    error: str = ""


def fan_out(
    token: uuid.UUID | str, *, only: list[uuid.UUID | str] | None = None
) -> dict[str, tuple[str, str]]:
    """Deliver every event after each endpoint's position: the endpoints in parallel (up to
    WEBHOOK_PARALLEL_REQUESTS requests at once), each in store order, one request in flight
    per endpoint. Claims every active endpoint that is behind and that no run holds (or the
    endpoints `only`); returns (outcome, error) by endpoint id: "done" (caught up), "failed"
    (the claim is kept for its retry), "disabled", "stopped" (the claim was lost: a
    redelivery, a deletion). An endpoint another run holds is left out.

    The database is used from this thread only: the claim and the endpoints in two queries,
    the events read once for all, and after the POSTs, the positions and the release in one
    UPDATE (two if some endpoints received nothing) and the attempts in one INSERT. An
    endpoint with several events to receive has its position written after each
    acknowledged one, before the next is sent: after a crash at most the events in flight
    are sent again (under the same webhook-ids).
    """
    app = get_application()
    sender, threads = shared()
    outcomes: dict[str, tuple[str, str]] = {}
    attempts: list[Attempt] = []
    try:
        held = claim_all(token, only)
        while held:
            start = min(e.position for e in held)
            notifications = app.recorder.select_notifications(start=start + 1, limit=BATCH)
            through = notifications[-1].id if notifications else start
            found = [m for m in (_message(app, n) for n in notifications) if m is not None]
            runs = [
                Run(e, [m for m in found if m.position > e.position and wants(e, m)]) for e in held
            ]
            more = len(notifications) == BATCH

            def write(done: list[Run], through=through, more=more) -> None:
                _set_positions(token, done, through, release=not more)
                save_attempts(attempts)
                attempts.clear()

            _send_all(token, runs, sender, threads, attempts, write)
            finished = _settle(runs, through, outcomes)
            if more:
                held = [r.endpoint for r in finished]
            elif finished and store_head() > through:
                # An event stored meanwhile may have had its dispatch skipped while this run
                # held the endpoints: look once more before leaving.
                held = claim_all(token, [r.endpoint.pk for r in finished])
            else:
                held = []
    finally:
        save_attempts(attempts)
    return outcomes


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


def claim_all(token: uuid.UUID | str, ids: list[uuid.UUID | str] | None) -> list[Endpoint]:
    """Take the endpoints `ids` (or every active one that is behind) that no other run
    holds, and read them: one `UPDATE ... RETURNING` (PostgreSQL, and SQLite since 3.35)."""
    t = now()
    meta = Endpoint._meta
    field = meta.get_field
    connection = connections[router.db_for_write(Endpoint)]

    def value(name: str, v: Any) -> Any:
        found = field(name)
        if not isinstance(found, models.Field):  # a column of its own, not a relation
            raise TypeError(name)
        return found.get_db_prep_value(v, connection)

    quote = connection.ops.quote_name
    token_value = value("claim_token", uuid.UUID(str(token)))
    params: list[Any] = [token_value, value("claimed_until", t + lease())]
    where = [f"{quote('active')} = %s"]
    params.append(value("active", True))
    if ids is None:
        where.append(f"{quote('position')} < %s")
        params.append(store_head())
    else:
        where.append(f"{quote('id')} IN ({', '.join(['%s'] * len(ids))})")
        params.extend(value("id", uuid.UUID(str(i))) for i in ids)
    where.append(
        f"({quote('claimed_until')} IS NULL OR {quote('claimed_until')} < %s"
        f" OR {quote('claim_token')} = %s)"
    )
    params.extend([value("claimed_until", t), token_value])
    columns = ", ".join(quote(f.column) for f in meta.concrete_fields if f.column)
    # The model's own names, quoted; every value a parameter.
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {quote('claim_token')} = %s, "  # noqa: S608
        f"{quote('claimed_until')} = %s WHERE {' AND '.join(where)} RETURNING {columns}"
    )
    return list(Endpoint.objects.raw(sql, params))


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
) -> None:
    """POST each run's messages in order, the runs side by side; `write` the runs that have
    caught up (together, and whenever some have waited WRITE_EVERY_SECONDS)."""
    pending: dict[Future[Attempt], Run] = {}
    caught_up: list[Run] = []
    since = time.monotonic()

    def next_of(run: Run) -> None:
        pending[threads.submit(send, sender, run.endpoint, run.messages[run.sent])] = run

    for run in runs:
        if run.messages:
            next_of(run)
        else:
            caught_up.append(run)
    while pending:
        done, _ = wait(pending, timeout=WRITE_EVERY_SECONDS, return_when=FIRST_COMPLETED)
        for future in done:
            run = pending.pop(future)
            attempt = future.result()
            attempts.append(attempt)
            message = run.messages[run.sent]
            run.sent += 1
            if not attempt.ok:
                if run.sent > 1:  # the previous one was acknowledged, its position unwritten
                    _advance(
                        run.endpoint.pk, token, run.messages[run.sent - 2].position, delivered=True
                    )
                disabled = _failed(run.endpoint, token, attempt)
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
            next_of(run)
        if caught_up and pending and time.monotonic() - since >= WRITE_EVERY_SECONDS:
            write(caught_up)
            caught_up = []
    if caught_up:
        write(caught_up)


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
    receiver fails (the task retries with backoff, holding the claim so that no other run
    overtakes it); returns "busy" when another run holds the endpoint, "disabled" when it
    has just been disabled, "stopped" when its claim was lost, "done" when it has caught up.
    """
    outcome, error = fan_out(token, only=[endpoint_id]).get(str(endpoint_id), ("busy", ""))
    if outcome == "failed":
        raise DeliveryFailed(error)
    return outcome


_decoded: dict[tuple, Message | None] = {}


def _message(app, notification) -> Message | None:
    """`message_for`, decoded once per process for all the endpoints that receive it."""
    key = (
        notification.id,
        notification.originator_id,
        notification.originator_version,
        hash(notification.state),
    )
    if key not in _decoded:
        if len(_decoded) > 5000:
            _decoded.clear()
        _decoded[key] = message_for(app, notification)
    return _decoded[key]


def endpoints_behind() -> list[str]:
    """Active endpoints with events to deliver that no run holds."""
    head = store_head()
    t = now()
    return [
        str(pk)
        for pk in Endpoint.objects.filter(active=True, position__lt=head)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=t))
        .values_list("pk", flat=True)
    ]


DISPATCH_TASK = "webhooks.dispatch"


def kick() -> None:
    """Ask the workers to deliver now. Never raises and never waits on a receiver: with a
    broker it enqueues one small task; without one (tasks would run here, in the writer's
    request) it does nothing, and `deliver_webhooks` or a worker's beat delivers."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return
    try:
        # By the task's name (tasks.py imports this module, not the other way round).
        current_app.send_task(DISPATCH_TASK, retry=False)
    except Exception:  # the periodic dispatch will find the events
        log.warning("Could not enqueue the webhook dispatch", exc_info=True)
