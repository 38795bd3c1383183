"""Webhook delivery: events read from the event store in its order, from each endpoint's own
position, POSTed signed per Standard Webhooks; at least once, never out of order.

The write path never waits on a receiver: it at most enqueues a `dispatch` task (see
`kick`), and a periodic `dispatch` finds whatever a kick missed.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import urllib3
from django.conf import settings
from django.db import IntegrityError
from django.db.models import F, Q
from django.db.models.functions import Greatest
from standardwebhooks import Webhook

from negotiations.domain.codes import code_for
from negotiations.domain.process import PeaceProcess
from negotiations.domain.specs import STATUS_CHANGING_TYPES
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
    kind: str  # "status_change" or "event": what an endpoint's `kinds` choose from
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
    return Message(
        position=notification.id,
        kind="status_change" if changes_status else "event",
        process_id=event.originator_id,
        process_slug=told.after.slug,
        sequence=entry.sequence,
        type=payloads.envelope_type(entry),
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


def post(sender: outbound.Sender, endpoint: Endpoint, message: Message) -> Attempt:
    """POST one message to the address its URL resolves to now, if that is allowed; log the
    attempt, whatever came of it: the status code and a reason of our own, never the
    receiver's answer."""
    # A rotation or a new URL counts from the next request, not from the next run.
    try:
        endpoint.refresh_from_db(fields=SIGNING_FIELDS)
    except Endpoint.DoesNotExist:  # deleted meanwhile: its run stops at its next step
        pass
    payload = message.payload(redelivery=is_redelivery(endpoint, message))
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    msg_id = webhook_id(endpoint, message)
    at = now()
    attempt = Attempt(
        endpoint=endpoint,
        position=message.position,
        webhook_id=msg_id,
        event_type=message.data["event"]["type"],
        process_slug=message.process_slug,
        attempted_at=at,
    )
    started = time.perf_counter()
    try:
        status = sender.post(
            endpoint.url, body.encode(), signed_headers(endpoint, msg_id, body, at)
        )
        attempt.status_code = status
        attempt.ok = 200 <= status < 300
        if not attempt.ok:
            attempt.error = outbound.answer_reason(status)
    except (outbound.UnsafeDestination, outbound.Unresolvable, urllib3.exceptions.HTTPError) as e:
        attempt.error = outbound.failure_reason(e)
    attempt.duration_ms = int((time.perf_counter() - started) * 1000)
    try:
        attempt.save()
    except IntegrityError:  # the endpoint was deleted meanwhile: its run stops at its next step
        pass
    return attempt


# -- claims --------------------------------------------------------------------------------


def claim(endpoint_id: uuid.UUID | str, token: uuid.UUID | str) -> bool:
    """Take the endpoint for this delivery run, unless another run holds it. A retry comes
    back with its run's token and takes it again."""
    t = now()
    return bool(
        Endpoint.objects.filter(pk=endpoint_id, active=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=t) | Q(claim_token=token))
        .update(claim_token=token, claimed_until=t + lease())
    )


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


def endpoint_deliver(*, endpoint_id: uuid.UUID | str, token: uuid.UUID | str) -> str:
    """Deliver every event after the endpoint's position, in store order, one at a time.

    The position is written after each acknowledged event and before the next is sent, so
    at most the event in flight is sent again after a crash. Raises DeliveryFailed when the
    receiver fails (the task retries with backoff, holding the claim so that no other run
    overtakes it); returns "busy" when another run holds the endpoint, "disabled" when it
    has just been disabled, "done" when it has caught up.
    """
    if not claim(endpoint_id, token):
        return "busy"
    app = get_application()
    sender = outbound.Sender()
    unsaved: tuple[int, bool] | None = None  # (position, delivered) not written yet
    endpoint = None
    try:
        while True:
            if endpoint is None:
                # Read once per claim; a lost claim shows in the writes, filtered by token.
                endpoint = Endpoint.objects.filter(pk=endpoint_id, claim_token=token).first()
                if endpoint is None or not endpoint.active:
                    return "stopped"
            start = unsaved[0] if unsaved else endpoint.position
            notifications = app.recorder.select_notifications(start=start + 1, limit=BATCH)
            if not notifications:
                # Caught up: the last position and the release in one write.
                _finish(endpoint_id, token, unsaved)
                unsaved = None
                # An event stored meanwhile may have had its dispatch skipped while this run
                # held the claim: look once more before leaving.
                if store_head() > start and claim(endpoint_id, token):
                    endpoint = None
                    continue
                return "done"
            for notification in notifications:
                message = _message(app, notification)
                if message is None or not wants(endpoint, message):
                    unsaved = (notification.id, bool(unsaved and unsaved[1]))
                    continue
                if unsaved and not _advance(endpoint_id, token, unsaved[0], delivered=unsaved[1]):
                    return "stopped"  # redelivery reset the endpoint: its new run goes on
                unsaved = None
                attempt = post(sender, endpoint, message)
                if not attempt.ok:
                    if _failed(endpoint, token, attempt):
                        return "disabled"
                    raise DeliveryFailed(attempt.error)
                endpoint.failing_since = None
                unsaved = (notification.id, True)
            if len(notifications) < BATCH:
                # The store had no more: finish now (a newer event is seen just below).
                _finish(endpoint_id, token, unsaved)
                if unsaved and store_head() > unsaved[0] and claim(endpoint_id, token):
                    unsaved, endpoint = None, None
                    continue
                return "done"
    finally:
        sender.close()


def _finish(endpoint_id, token, unsaved: tuple[int, bool] | None) -> None:
    fields: dict[str, Any] = {"claim_token": None, "claimed_until": None}
    if unsaved:
        fields["position"] = unsaved[0]
        if unsaved[1]:
            fields.update(failing_since=None, last_success_at=now())
    Endpoint.objects.filter(pk=endpoint_id, claim_token=token).update(**fields)


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


def kick() -> None:
    """Ask the workers to deliver now. Never raises and never waits on a receiver: with a
    broker it enqueues one small task; without one (tasks would run here, in the writer's
    request) it does nothing, and `deliver_webhooks` or a worker's beat delivers."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return
    try:
        from .tasks import dispatch

        dispatch.apply_async(retry=False)
    except Exception:  # the periodic dispatch will find the events
        log.warning("Could not enqueue the webhook dispatch", exc_info=True)
