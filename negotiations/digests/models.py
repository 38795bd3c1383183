"""Who gets a digest, and one delivery row per subscription and period.

The delivery row is what makes sending safe to repeat: a send task first claims its row with
a conditional UPDATE, so two tasks for one delivery never both send.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from negotiations.presentation.labels import date_words


def new_unsubscribe_token() -> str:
    return secrets.token_urlsafe(32)


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly (Mondays, for Monday to Sunday)")


# A frequency as a sentence says it ("this weekly digest").
FREQUENCY_WORDS: dict[str, Promise] = {"daily": _("daily"), "weekly": _("weekly")}


class Subscription(models.Model):
    email = models.EmailField(verbose_name=_("email"))
    name = models.CharField(verbose_name=_("name"), max_length=200, blank=True)
    frequency = models.CharField(
        verbose_name=_("frequency"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )
    active = models.BooleanField(verbose_name=_("active"), default=True)
    send_when_empty = models.BooleanField(
        verbose_name=_("send when empty"),
        default=False,
        help_text=_("Send a digest even when nothing changed in the period."),
    )
    # The digest's emails are written in it (one of the six languages of the board).
    language = models.CharField(
        verbose_name=_("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    unsubscribe_token = models.CharField(
        max_length=64, unique=True, default=new_unsubscribe_token, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


class FollowedProcess(models.Model):
    """A process a subscription follows; none at all means every process.

    No database constraint to the process row: processes are read models that a rebuild
    empties and fills again (with the same ids), and that must not unsubscribe anybody.
    """

    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.CASCADE,
        related_name="followed",
        verbose_name=_("subscription"),
    )
    process = models.ForeignKey(
        "negotiations.Process",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("process"),
    )

    class Meta:
        verbose_name = _("followed process")
        verbose_name_plural = _("followed processes")
        constraints = [
            models.UniqueConstraint(fields=["subscription", "process"], name="uniq_followed")
        ]

    def __str__(self) -> str:
        # What the admin shows above each followed process: its name, not its UUID.
        from negotiations.read.models import Process

        name = Process.objects.filter(pk=self.process_id).values_list("name", flat=True).first()
        return name or str(self.process_id)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Skipped (nothing to report)")
    FAILED = "failed", _("Failed")


class Delivery(models.Model):
    """One digest for one subscription and one period (dates inclusive, UTC)."""

    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscription"),
    )
    period_start = models.DateField(verbose_name=_("period start"))
    period_end = models.DateField(verbose_name=_("period end"))
    status = models.CharField(
        verbose_name=_("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveIntegerField(verbose_name=_("attempts"), default=0)
    last_error = models.TextField(verbose_name=_("last error"), blank=True)
    # Who holds the claim and since when: a `sending` row whose claim is older than the
    # lease was left by a worker that died, and may be claimed again.
    claim_token = models.UUIDField(verbose_name=_("claim token"), null=True, blank=True)
    claimed_at = models.DateTimeField(verbose_name=_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(verbose_name=_("sent at"), null=True, blank=True)
    message_id = models.CharField(verbose_name=_("message ID"), max_length=255, blank=True)
    changes = models.PositiveIntegerField(verbose_name=_("changes"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_end", "subscription_id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period_start", "period_end"], name="uniq_delivery_period"
            )
        ]
        indexes = [models.Index(fields=["status", "claimed_at"])]

    def __str__(self) -> str:
        return gettext("%(email)s, %(start)s – %(end)s (%(status)s)") % {
            "email": self.subscription.email,
            "start": date_words(self.period_start),
            "end": date_words(self.period_end),
            "status": self.get_status_display(),
        }


class PlannedDay(models.Model):
    """A day a scheduled run planned (`planning.plan_scheduled_day`), marked with its
    deliveries: a later run plans the days of the week before it that no run marked
    (`planning.days_missed`). A day with no digest due, or whose subscribers were all away, is
    marked all the same (a review found such days taken for missed ones)."""

    day = models.DateField(primary_key=True)
    planned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("planned day")
        verbose_name_plural = _("planned days")

    def __str__(self) -> str:
        return self.day.isoformat()
