"""Writes of the digests: plan the deliveries that are due, claim one, send it.

Sending is at most once per delivery for every path but one: a worker killed after the SMTP
server accepted the message and before the row was marked sent. That delivery is resent once
its lease expires (never lose a digest), with the same Message-ID, so mail clients can fold
the two.
"""

from __future__ import annotations

import smtplib
import uuid
from collections import Counter
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import F, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from tracker.links import absolute

from . import selectors
from .compose import UTF8_AS_IS, Digest, SharedDigests, compose_digest, render_digest_lines
from .models import Delivery, DeliveryStatus, Subscription
from .planning import deliveries_due

# What a failed SMTP conversation raises: these are retried, anything else is a bug.
SEND_ERRORS = (smtplib.SMTPException, OSError)
# The longest line an email may carry as it is (RFC 5322 2.1.1), in bytes.
RFC5322_LINE_LIMIT = 998


class SendFailed(Exception):
    """The SMTP send failed and the delivery may be tried again."""

    def __init__(self, error: str, attempts: int) -> None:
        super().__init__(error)
        self.attempts = attempts


def now() -> datetime:
    return datetime.now(UTC)


def deliveries_retry_failed(*, on: date) -> int:
    """The failed digests due on `on` pending again, their attempts counted anew (a lease run
    out on its last attempt is failed first, `deliveries_unfinished`); how many."""
    deliveries_unfinished()
    failed = deliveries_due(on=on).filter(status=DeliveryStatus.FAILED)
    return failed.update(status=DeliveryStatus.PENDING, attempts=0, claim_token=None)


def _lease_expired(at: datetime) -> Q:
    return Q(claimed_at__lt=at - timedelta(seconds=settings.DIGEST_LEASE_SECONDS))


def claimable(at: datetime | None = None) -> Q:
    """Rows a send task may claim: new ones, failed ones with attempts left, and `sending`
    ones whose worker died (their lease expired)."""
    at = at or now()
    attempts_left = Q(attempts__lt=settings.DIGEST_MAX_ATTEMPTS)
    return (
        Q(status=DeliveryStatus.PENDING)
        | (Q(status=DeliveryStatus.FAILED) & attempts_left)
        | (Q(status=DeliveryStatus.SENDING) & attempts_left & _lease_expired(at))
    )


def deliveries_unfinished() -> list[int]:
    """Deliveries that nobody is working on and that should still go out: pending ones (their
    task was lost), and `sending` or failed ones whose lease expired (their worker died or
    their retry was lost). A stuck row out of attempts is failed here for good."""
    at = now()
    Delivery.objects.filter(
        _lease_expired(at),
        status=DeliveryStatus.SENDING,
        attempts__gte=settings.DIGEST_MAX_ATTEMPTS,
    ).update(status=DeliveryStatus.FAILED, last_error="Lease expired on the last attempt.")
    stale = Q(status=DeliveryStatus.PENDING) | (
        ~Q(status=DeliveryStatus.PENDING) & claimable(at) & _lease_expired(at)
    )
    return list(Delivery.objects.filter(stale).values_list("pk", flat=True))


def delivery_claim(*, delivery_id: int) -> uuid.UUID | None:
    """Take the delivery for this task, or None if another task has it or it is done.

    One conditional UPDATE: the database lets exactly one of two concurrent claims match.
    """
    token, at = uuid.uuid4(), now()
    claimed = Delivery.objects.filter(claimable(at), pk=delivery_id).update(
        status=DeliveryStatus.SENDING,
        claim_token=token,
        claimed_at=at,
        attempts=F("attempts") + 1,
    )
    return token if claimed else None


def _claim_as_read(delivery: Delivery) -> uuid.UUID | None:
    """`delivery_claim` of a row read as claimable a moment ago, if it is still as read.

    A claimable row that nobody claimed since stays claimable (a lease only expires further),
    and every claim changes the token: so comparing the token, the status and the attempts
    is the whole condition, and the attempts are known without reading the row again."""
    token, at = uuid.uuid4(), now()
    claimed = _update_if(
        delivery.pk,
        {
            "claim_token": delivery.claim_token,
            "status": delivery.status,
            "attempts": delivery.attempts,
        },
        {"status": DeliveryStatus.SENDING, "claim_token": token, "claimed_at": at},
        count_attempt=True,
    )
    if not claimed:
        return None
    delivery.status, delivery.claim_token, delivery.claimed_at = DeliveryStatus.SENDING, token, at
    delivery.attempts += 1
    return token


def _finish(delivery: Delivery, token: uuid.UUID, **fields) -> bool:
    """Write the outcome only while we still hold the claim."""
    return _update_if(delivery.pk, {"claim_token": token, "status": DeliveryStatus.SENDING}, fields)


def _update_if(
    pk: int, expected: dict[str, Any], values: dict[str, Any], *, count_attempt: bool = False
) -> bool:
    """Set `values` on one delivery row if its fields still hold `expected`: the conditional
    UPDATE of a claim or of an outcome, written out because building them through the ORM
    cost a digest more than running them."""
    connection = connections[router.db_for_write(Delivery)]
    name, meta = connection.ops.quote_name, Delivery._meta

    def column(field: str) -> str:
        return name(cast(models.Field, meta.get_field(field)).column or field)

    def value(field: str, given: Any) -> Any:
        return cast(models.Field, meta.get_field(field)).get_db_prep_value(given, connection)

    sets = [f"{column(f)} = %s" for f in values]
    if count_attempt:
        sets.append(f"{column('attempts')} = {column('attempts')} + 1")
    where = [f"{column('id')} = %s"]
    where += [
        f"{column(f)} IS NULL" if v is None else f"{column(f)} = %s" for f, v in expected.items()
    ]
    params = [value(f, v) for f, v in values.items()]
    params += [pk, *(value(f, v) for f, v in expected.items() if v is not None)]
    with connection.cursor() as cursor:
        cursor.execute(  # names quoted from the model's own metadata, values as parameters
            f"UPDATE {name(meta.db_table)} SET {', '.join(sets)} WHERE {' AND '.join(where)}",  # noqa: S608
            params,
        )
        return cursor.rowcount == 1


def unsubscribe_url(subscription: Subscription, request: HttpRequest | None = None) -> str:
    path = reverse("digests:unsubscribe", args=[subscription.unsubscribe_token])
    return absolute(path, request)


def message_id(delivery: Delivery) -> str:
    """The same for every attempt at one delivery."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<digest.{delivery.pk}.{delivery.period_start:%Y%m%d}@{domain}>"


def digest_message(
    digest: Digest, *, msgid: str | None = None, connection: BaseEmailBackend | None = None
) -> EmailMultiAlternatives:
    subscription = digest.subscription
    link = unsubscribe_url(subscription)
    subject, text, html, longest = render_digest_lines(digest, unsubscribe_url=link)
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Content-Language": subscription.language,  # RFC 3282: the digest's own
    }
    if msgid:
        headers["Message-ID"] = msgid
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [subscription.email],
        headers=headers,
        connection=connection,
    )
    if longest <= RFC5322_LINE_LIMIT and settings.DEFAULT_CHARSET.lower() == "utf-8":
        # What Django would choose after reading every line of both parts again.
        message.encoding = UTF8_AS_IS
    message.attach_alternative(html, "text/html")
    return message


def _worth_sending(delivery: Delivery, digest: Digest) -> bool:
    subscription = delivery.subscription
    return subscription.active and (digest.has_news or subscription.send_when_empty)


def _send_claimed(
    delivery: Delivery, digest: Digest, connection: BaseEmailBackend | None = None
) -> tuple[str, dict[str, Any]]:
    """Send the digest of a delivery this task holds, unless there is nothing to tell: what
    happened, and the fields of the row that record it."""
    if not _worth_sending(delivery, digest):
        return "skipped", {"status": DeliveryStatus.SKIPPED, "changes": digest.change_count}
    msgid = message_id(delivery)
    try:
        digest_message(digest, msgid=msgid, connection=connection).send()
    except SEND_ERRORS as error:
        text = f"{type(error).__name__}: {error}"[:2000]
        return "failed", {"status": DeliveryStatus.FAILED, "last_error": text}
    return "sent", {
        "status": DeliveryStatus.SENT,
        "sent_at": now(),
        "message_id": msgid,
        "last_error": "",
        "changes": digest.change_count,
    }


def delivery_send(*, delivery_id: int) -> str:
    """Claim, compose, send and mark one delivery. Returns what happened: `sent`, `skipped`,
    `not_claimed` (another task has it, or it is done) or `failed` (attempts used up).
    Raises SendFailed when the send failed and may be retried."""
    token = delivery_claim(delivery_id=delivery_id)
    if token is None:
        return "not_claimed"
    delivery = Delivery.objects.select_related("subscription").get(pk=delivery_id)
    with translation.override(delivery.subscription.language):  # written in its language
        digest = compose_digest(delivery.subscription, delivery.period_start, delivery.period_end)
        outcome, fields = _send_claimed(delivery, digest)
    _finish(delivery, token, **fields)
    if outcome == "failed" and delivery.attempts < settings.DIGEST_MAX_ATTEMPTS:
        raise SendFailed(fields["last_error"], delivery.attempts)
    return outcome


@dataclass
class BatchSent:
    """What `deliveries_send` did: outcomes counted, and the failed sends to try again
    later (delivery id, attempts made)."""

    outcomes: Counter[str] = field(default_factory=Counter)
    retry: list[tuple[int, int]] = field(default_factory=list)


def deliveries_send(*, delivery_ids: Sequence[int]) -> BatchSent:
    """Send many deliveries, each exactly as `delivery_send` sends one, but for less.

    The rows, their subscriptions and what they follow are read once for the batch; a digest
    is composed and rendered once per period and set of processes (`SharedDigests`); the
    messages go out on one mail connection. Each delivery is still claimed just before its
    send and marked just after it, so at most one delivery of the batch is in flight at a
    time; the mark of one and the claim of the next share a commit. A failed send is marked
    at once and returned for a retry (the caller schedules it)."""
    done = BatchSent()
    rows = list(
        Delivery.objects.filter(claimable(), pk__in=delivery_ids)
        .select_related("subscription")
        .order_by("pk")
    )
    done.outcomes["not_claimed"] += len(set(delivery_ids)) - len(rows)
    followed = selectors.followed_process_ids_by_subscription([d.subscription for d in rows])
    digests = SharedDigests()
    connection = get_connection()
    connected = False
    unmarked: tuple[Delivery, uuid.UUID, dict[str, Any]] | None = None
    try:
        for delivery in rows:
            with transaction.atomic():
                if unmarked is not None:
                    _finish(*unmarked[:2], **unmarked[2])
                    unmarked = None
                token = _claim_as_read(delivery)
            if token is None:
                done.outcomes["not_claimed"] += 1
                continue
            language = translation.override(delivery.subscription.language)
            with language:  # each digest written in its subscription's language
                digest = digests.digest(
                    delivery.subscription,
                    delivery.period_start,
                    delivery.period_end,
                    followed[delivery.subscription_id],
                )
            if not connected and _worth_sending(delivery, digest):
                connected = True
                try:
                    connection.open()  # kept open for the batch
                except SEND_ERRORS:
                    pass  # the send will fail on it like any other
            with language:
                outcome, fields = _send_claimed(delivery, digest, connection)
            if outcome == "failed":
                _finish(delivery, token, **fields)
                _close_quietly(connection)
                connected = False
                if delivery.attempts < settings.DIGEST_MAX_ATTEMPTS:
                    done.retry.append((delivery.pk, delivery.attempts))
                else:
                    done.outcomes["failed"] += 1
                continue
            done.outcomes[outcome] += 1
            unmarked = (delivery, token, fields)
        if unmarked is not None:
            _finish(*unmarked[:2], **unmarked[2])
            unmarked = None
    finally:
        if unmarked is not None:  # the claim of the next one failed: mark this one still
            with suppress(DatabaseError):
                _finish(*unmarked[:2], **unmarked[2])
        _close_quietly(connection)
    return done


def _close_quietly(connection: BaseEmailBackend) -> None:
    """Close a mail connection that may be broken already."""
    try:
        connection.close()
    except SEND_ERRORS:
        pass


def subscription_unsubscribe(*, token: str) -> Subscription | None:
    subscription = Subscription.objects.filter(unsubscribe_token=token).first()
    if subscription is None:
        return None
    if subscription.active:
        Subscription.objects.filter(pk=subscription.pk).update(active=False, unsubscribed_at=now())
        subscription.refresh_from_db()
    return subscription
