"""Webhook endpoints, each with its own position in the event store, and the log of every
delivery attempt.

An endpoint is delivered to by one worker at a time: a task claims it with a conditional
UPDATE (a lease, like the digests' delivery rows), posts the events after `position` in
store order, and moves `position` on only after the receiver answered 2xx. A worker killed
mid-delivery leaves the position where the last acknowledged event put it, so the next one
posts the same event again, under the same `webhook-id`.
"""

from __future__ import annotations

import base64
import secrets
import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import crypto

# "agreement": an agreement signed, or its lifecycle status changed (docs/agreements.md).
KINDS = ("status_change", "event", "agreement")
# The most processes one endpoint follows (the API and the admin refuse a longer list).
MAX_PROCESSES = 500
# How an endpoint's deliveries stand: written by delivery, shown by the admin and the API,
# edited by neither.
DELIVERY_STATE = (
    "last_success_at",
    "failing_since",
    "disabled_at",
    "disabled_reason",
    "previous_secret_until",
)


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 24 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def new_sealed_secret() -> str:
    """A new secret, sealed (nobody knows it: the registration sets one it shows)."""
    return crypto.seal(new_secret())


class Endpoint(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    url = models.URLField(verbose_name=_("URL"), max_length=500)
    processes = models.JSONField(
        verbose_name=_("processes"),
        default=list,
        blank=True,
        help_text=_("Process slugs; none means every process."),
    )
    kinds = models.JSONField(
        verbose_name=_("kinds"),
        default=list,
        help_text=_('"status_change", "event" and/or "agreement".'),
    )
    # The signing secret, only ever stored sealed (crypto.py); `secret` opens it. After a
    # rotation the previous one signs too, until `previous_secret_until`.
    sealed_secret = models.TextField(default=new_sealed_secret, editable=False)
    previous_sealed_secret = models.TextField(blank=True, editable=False)
    previous_secret_until = models.DateTimeField(
        verbose_name=_("previous secret until"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("After a rotation, the previous secret signs too until then."),
    )
    # Secrets before the previous one still in their grace period (a second rotation within
    # it), newest first: [{"sealed": ..., "until": ISO 8601}]. Each signs until its own end:
    # a second rotation dropped the first secret at once, and receivers not yet switched
    # failed every delivery.
    older_secrets = models.JSONField(default=list, editable=False)
    # Its owner's: deleting the user deletes them (a deleted editor's endpoints went on
    # receiving every event, owned by no one who could see or delete them). Without an owner
    # only when made by the services' own callers.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    active = models.BooleanField(verbose_name=_("active"), default=True)
    disabled_at = models.DateTimeField(verbose_name=_("disabled at"), null=True, blank=True)
    disabled_reason = models.TextField(verbose_name=_("why disabled"), blank=True)
    # The last store position delivered (or skipped as not matching); the next delivery
    # starts after it. New endpoints start at the store's head: they hear of what comes.
    position = models.BigIntegerField(verbose_name=_("position"), default=0)
    # Redeliveries an editor asked for, and the last position delivered before the latest:
    # events up to it go again under new webhook-ids, marked as a redelivery.
    redeliveries = models.PositiveIntegerField(default=0, editable=False)
    redelivered_through = models.BigIntegerField(default=0, editable=False)
    failing_since = models.DateTimeField(verbose_name=_("failing since"), null=True, blank=True)
    last_success_at = models.DateTimeField(verbose_name=_("last success at"), null=True, blank=True)
    # The claim of the worker delivering now, and until when it holds.
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("endpoint")
        verbose_name_plural = _("endpoints")

    def __str__(self) -> str:
        return self.url

    @property
    def secret(self) -> str:
        return crypto.unseal(self.sealed_secret)

    def signing_secrets(self, at: datetime) -> list[str]:
        """The secrets that sign a delivery at `at`: the current one, then the previous one
        and any older one, each during its own grace period."""
        found = [self.secret]
        if self.previous_in_grace(at):
            found.append(crypto.unseal(self.previous_sealed_secret))
        found += [crypto.unseal(o["sealed"]) for o in self.older_secrets_at(at)]
        return found

    def previous_in_grace(self, at: datetime) -> bool:
        """Whether the previous secret still signs at `at` (its rotation's grace period)."""
        until = self.previous_secret_until
        return bool(self.previous_sealed_secret) and until is not None and at < until

    def older_secrets_at(self, at: datetime) -> list[dict[str, str]]:
        """The older secrets (sealed) still in their grace period at `at`."""
        return [o for o in self.older_secrets if at < datetime.fromisoformat(o["until"])]


class Attempt(models.Model):
    """One POST of one event to one endpoint, whatever came of it."""

    endpoint = models.ForeignKey(
        Endpoint, verbose_name=_("endpoint"), on_delete=models.CASCADE, related_name="attempts"
    )
    position = models.BigIntegerField(verbose_name=_("position"))
    webhook_id = models.CharField(verbose_name=_("webhook ID"), max_length=100)
    event_type = models.CharField(verbose_name=_("event type"), max_length=40)
    process_slug = models.CharField(verbose_name=_("process slug"), max_length=100)
    attempted_at = models.DateTimeField(verbose_name=_("attempted at"))
    duration_ms = models.PositiveIntegerField(verbose_name=_("duration (ms)"), default=0)
    status_code = models.PositiveIntegerField(verbose_name=_("status code"), null=True, blank=True)
    ok = models.BooleanField(verbose_name=_("succeeded"), default=False)
    error = models.TextField(verbose_name=_("error"), blank=True)

    class Meta:
        ordering = ["-attempted_at", "-id"]
        indexes = [models.Index(fields=["endpoint", "-attempted_at"])]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")

    def __str__(self) -> str:
        return self.webhook_id  # its outcome is said in the reader's language beside it
