"""What a webhook sends: the message for a stored event (decoded once per process for all the
endpoints that receive it), which endpoints want it, its webhook-id and its signed headers."""

from __future__ import annotations

import uuid
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from standardwebhooks import Webhook

from negotiations.domain.process import PeaceProcess
from negotiations.domain.registry import STATUS_CHANGING_TYPES, code_for
from negotiations.write.records import jsonable

from . import payloads
from .models import Endpoint


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
    store, where positions may differ. The event is named by its process, its sequence and
    the instant it was recorded: after a restore from a backup, the event recorded next at a
    process takes the sequence of one recorded after the backup (lost with it, but heard of),
    and must not be dropped as its repeat. A redelivery an editor asks for is a new delivery,
    with an id of its own."""
    name = f"{message.process_id}/{message.sequence}/{message.timestamp}"
    if is_redelivery(endpoint, message):
        name += f"/redelivery/{endpoint.redeliveries}"
    return "msg_" + uuid.uuid5(endpoint.pk, name).hex


# The endpoint's fields its requests depend on (where, how signed, whether a redelivery).
SIGNING_FIELDS = [
    "url",
    "sealed_secret",
    "previous_sealed_secret",
    "previous_secret_until",
    "older_secrets",
    "redeliveries",
    "redelivered_through",
]


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


_decoded: dict[tuple, Message | None] = {}


def message_once(app, notification) -> Message | None:
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
