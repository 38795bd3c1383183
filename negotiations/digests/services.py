"""Writes of the digests: plan the deliveries that are due, claim one, send it.

Sending is at most once per delivery for every path but one: a worker killed after the SMTP
server accepted the message and before the row was marked sent. That delivery is resent once
its lease expires (never lose a digest), with the same Message-ID, so mail clients can fold
the two.
"""

from __future__ import annotations

import smtplib
import uuid
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.http import HttpRequest
from django.urls import reverse

from tracker.links import absolute

from .compose import Digest, compose_digest, render_digest
from .models import Delivery, DeliveryStatus, Frequency, Subscription

# What a failed SMTP conversation raises: these are retried, anything else is a bug.
SEND_ERRORS = (smtplib.SMTPException, OSError)


class SendFailed(Exception):
    """The SMTP send failed and the delivery may be tried again."""

    def __init__(self, error: str, attempts: int) -> None:
        super().__init__(error)
        self.attempts = attempts


def now() -> datetime:
    return datetime.now(UTC)


def due_period(frequency: str, on: date) -> tuple[date, date] | None:
    """The period a digest sent on `on` covers: yesterday for a daily one; for a weekly one,
    sent on Mondays, the Monday to Sunday before. None when none is due that day."""
    if frequency == Frequency.DAILY:
        return on - timedelta(days=1), on - timedelta(days=1)
    if frequency == Frequency.WEEKLY and on.weekday() == 0:
        return on - timedelta(days=7), on - timedelta(days=1)
    return None


def latest_period(frequency: str, on: date) -> tuple[date, date]:
    """The last complete period before `on` (the admin's "send now")."""
    days = 1 if frequency == Frequency.DAILY else 7
    return on - timedelta(days=days), on - timedelta(days=1)


def delivery_get_or_create(*, subscription: Subscription, start: date, end: date) -> Delivery:
    try:
        with transaction.atomic():
            delivery, _ = Delivery.objects.get_or_create(
                subscription=subscription, period_start=start, period_end=end
            )
    except IntegrityError:  # another planner created it between our get and our insert
        delivery = Delivery.objects.get(
            subscription=subscription, period_start=start, period_end=end
        )
    return delivery


def deliveries_plan(*, on: date) -> list[Delivery]:
    """Create the delivery rows due on `on` (once: the row is unique per period)."""
    planned = []
    for subscription in Subscription.objects.filter(active=True):
        period = due_period(subscription.frequency, on)
        if period is not None:
            planned.append(
                delivery_get_or_create(subscription=subscription, start=period[0], end=period[1])
            )
    return planned


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


def _finish(delivery: Delivery, token: uuid.UUID, **fields) -> bool:
    """Write the outcome only while we still hold the claim."""
    return bool(
        Delivery.objects.filter(
            pk=delivery.pk, claim_token=token, status=DeliveryStatus.SENDING
        ).update(**fields)
    )


def unsubscribe_url(subscription: Subscription, request: HttpRequest | None = None) -> str:
    path = reverse("digests:unsubscribe", args=[subscription.unsubscribe_token])
    return absolute(path, request)


def message_id(delivery: Delivery) -> str:
    """The same for every attempt at one delivery."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<digest.{delivery.pk}.{delivery.period_start:%Y%m%d}@{domain}>"


def digest_message(digest: Digest, *, msgid: str | None = None) -> EmailMultiAlternatives:
    subscription = digest.subscription
    link = unsubscribe_url(subscription)
    subject, text, html = render_digest(digest, unsubscribe_url=link)
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    if msgid:
        headers["Message-ID"] = msgid
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [subscription.email], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def delivery_send(*, delivery_id: int) -> str:
    """Claim, compose, send and mark one delivery. Returns what happened: `sent`, `skipped`,
    `not_claimed` (another task has it, or it is done) or `failed` (attempts used up).
    Raises SendFailed when the send failed and may be retried."""
    token = delivery_claim(delivery_id=delivery_id)
    if token is None:
        return "not_claimed"
    delivery = Delivery.objects.select_related("subscription").get(pk=delivery_id)
    subscription = delivery.subscription
    digest = compose_digest(subscription, delivery.period_start, delivery.period_end)
    if not subscription.active or not (digest.has_news or subscription.send_when_empty):
        _finish(delivery, token, status=DeliveryStatus.SKIPPED, changes=digest.change_count)
        return "skipped"
    msgid = message_id(delivery)
    try:
        digest_message(digest, msgid=msgid).send()
    except SEND_ERRORS as error:
        text = f"{type(error).__name__}: {error}"[:2000]
        _finish(delivery, token, status=DeliveryStatus.FAILED, last_error=text)
        if delivery.attempts < settings.DIGEST_MAX_ATTEMPTS:
            raise SendFailed(text, delivery.attempts) from error
        return "failed"
    _finish(
        delivery,
        token,
        status=DeliveryStatus.SENT,
        sent_at=now(),
        message_id=msgid,
        last_error="",
        changes=digest.change_count,
    )
    return "sent"


def subscription_unsubscribe(*, token: str) -> Subscription | None:
    subscription = Subscription.objects.filter(unsubscribe_token=token).first()
    if subscription is None:
        return None
    if subscription.active:
        Subscription.objects.filter(pk=subscription.pk).update(active=False, unsubscribed_at=now())
        subscription.refresh_from_db()
    return subscription
