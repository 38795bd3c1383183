"""Webhook delivery: events read from the event store in its order, from each endpoint's own
position, POSTed signed per Standard Webhooks; at least once, never out of order.

The write path never waits on a receiver: each commit, in both consistency modes, at most
enqueues a `dispatch` task (see `kick`), and a periodic `dispatch` finds whatever a kick
missed. A dispatch delivers to all the endpoints that are behind at once (`fan_out`): in
parallel across endpoints, in store order within each.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from negotiations.read.consistency import last_recorded_position
from negotiations.read.models import Process
from negotiations.read.selectors import process_id_from_ref
from tracker import broker

from . import crypto
from .claims import claim_all, endpoints_behind, lease, now, release, store_head
from .delivery import (
    BATCH,
    DeliveryFailed,
    Run,
    endpoint_deliver,
    fan_out,
    save_attempts,
    send,
)
from .messages import Message, is_redelivery, message_for, signed_headers, wants, webhook_id
from .models import KINDS, Endpoint, new_secret
from .outbound import shared

__all__ = [  # the delivery's and the messages' names stay importable from here
    "BATCH",
    "DISPATCH_TASK",
    "DeliveryFailed",
    "Message",
    "Run",
    "claim_all",
    "endpoint_create",
    "endpoint_limit_problem",
    "endpoint_deliver",
    "endpoint_redeliver",
    "endpoint_rotate_secret",
    "endpoints_behind",
    "fan_out",
    "is_redelivery",
    "kick",
    "lease",
    "message_for",
    "now",
    "owned",
    "owns",
    "release",
    "save_attempts",
    "send",
    "shared",
    "signed_headers",
    "store_head",
    "as_slugs",
    "unknown_processes",
    "wants",
    "webhook_id",
]

log = logging.getLogger(__name__)


# The ownership rule, as a filter and as a question: a superuser may see and act on every
# endpoint, an editor on those they created (the API's and the admin's).


def owned(rows: QuerySet, user, creator: str) -> QuerySet:
    """The rows `user` may see and act on, `creator` the lookup to their endpoint's creator."""
    return rows if user.is_superuser else rows.filter(**{creator: user})


def owns(user, endpoint: Endpoint | None) -> bool:
    """Whether `user` may see and act on `endpoint` (None: on some endpoint)."""
    return endpoint is None or user.is_superuser or endpoint.created_by_id == user.pk


# -- registration --------------------------------------------------------------------------


def as_slugs(refs: list[str]) -> list[str]:
    """The processes named by `refs`, each by its id or its slug as everywhere in the API
    (`selectors.process_id_from_ref`), as their slugs (what an endpoint keeps); a ref that
    names no process stays as given, for `unknown_processes` to name."""
    ids = {ref: process_id_from_ref(ref) for ref in refs}
    slugs = dict(Process.objects.filter(pk__in=ids.values()).values_list("pk", "slug"))
    return [slugs.get(ids[ref], ref) for ref in refs]


def unknown_processes(slugs: list[str]) -> list[str]:
    """Why an endpoint may not follow `slugs`: one message for each that names no process,
    in their order (the API's and the admin's rule, and their words)."""
    known = set(Process.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    return [_("No process '%(slug)s'.") % {"slug": slug} for slug in slugs if slug not in known]


def endpoint_limit_problem(user: Any) -> str:
    """Why `user` may register no more endpoints ("" if they may): they have
    WEBHOOK_MAX_ENDPOINTS_PER_USER already (the API's and the admin's rule, and their words)."""
    if user is None:
        return ""
    cap = settings.WEBHOOK_MAX_ENDPOINTS_PER_USER
    if Endpoint.objects.filter(created_by=user).count() < cap:
        return ""
    return _(
        "You have registered the most webhook endpoints one user may (%(count)s): delete one "
        "before registering another."
    ) % {"count": cap}


def endpoint_create(
    *, url: str, processes: list[str], kinds: list[str], created_by: Any = None
) -> Endpoint:
    """A new endpoint hears of what is recorded from now on (use redelivery for the past).
    Refused (ValidationError) past its creator's WEBHOOK_MAX_ENDPOINTS_PER_USER: the creator
    is locked while counting, so two registrations at once cannot both take the last place."""
    with transaction.atomic():
        if created_by is not None:
            get_user_model().objects.select_for_update().filter(pk=created_by.pk).first()
        refused = endpoint_limit_problem(created_by)
        if refused:
            raise ValidationError(refused, code="too_many_endpoints")
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
    signatures), so receivers can switch without missing a delivery; a previous one still in
    its own grace period keeps signing until its end (`older_secrets`). The endpoint's row
    is locked: two rotations at once take turns."""
    secret = new_secret()
    at = now()
    with transaction.atomic():
        locked = Endpoint.objects.select_for_update().get(pk=endpoint.pk)
        older = locked.older_secrets_at(at)
        if locked.previous_in_grace(at):
            until = locked.previous_secret_until.isoformat()  # type: ignore[union-attr]  # in grace
            older.insert(0, {"sealed": locked.previous_sealed_secret, "until": until})
        locked.older_secrets = older
        locked.previous_sealed_secret = locked.sealed_secret
        locked.previous_secret_until = at + timedelta(seconds=settings.WEBHOOK_SECRET_GRACE_SECONDS)
        locked.sealed_secret = crypto.seal(secret)
        locked.save(
            update_fields=[
                "older_secrets",
                "previous_sealed_secret",
                "previous_secret_until",
                "sealed_secret",
            ]
        )
    return locked, secret


def redeliverable(from_position: int) -> None:
    """The validator of a redelivery's first position (the admin's form and the API's): past
    the store's next position no event can ever be sent from it, and the endpoint would wait,
    silent, until the store grew that far (a read's `min_position` is refused the same way)."""
    last = last_recorded_position()
    if from_position > last + 1:
        raise ValidationError(
            _(
                "No event has position %(position)s: the event store's last position is "
                "%(last)s. Redeliver from %(last)s or before (or %(next)s: only what comes next)."
            )
            % {"position": from_position, "last": last, "next": last + 1}
        )


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


DISPATCH_TASK = "webhooks.dispatch"


def kick() -> None:
    """Ask the workers to deliver now. Never raises and never waits, on a receiver or on the
    broker: with a broker it hands the dispatch to this process's sending thread
    (`tracker.broker.send_soon`), which enqueues it with a bounded wait and backs off while
    the broker is down; without one (tasks would run here, in the writer's request) it does
    nothing, and `deliver_webhooks` or a worker's beat delivers. Either way, beat's periodic
    dispatch delivers whatever a kick missed."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return
    # By the task's name (tasks.py imports this module, not the other way round).
    broker.send_soon(DISPATCH_TASK)
