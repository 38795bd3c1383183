"""Send the digests due today (the scheduled run's day, with what runs since the last one
missed; or those due on --date alone) in this process, without a worker: the same
services and task as the beat schedule. `--dry-run` prints what each would say. `--demo`
writes the demo subscriber's digest of the Geneva week (1-7 February 2016)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from negotiations.digests import planning, selectors, services
from negotiations.digests.compose import compose_digest, render_digest
from negotiations.digests.models import (
    Delivery,
    DeliveryStatus,
    FollowedProcess,
    Frequency,
    Subscription,
)
from negotiations.digests.planning import run_day
from negotiations.digests.services import now
from negotiations.domain.specs import EARLIEST_DATE
from negotiations.interchange.demo import GENEVA_SLUG, GENEVA_WEEK
from negotiations.read.models import Process

DEMO_EMAIL = "demo@localhost"


class Command(BaseCommand):
    help = "Send the digests due today (or on --date), or with --demo the demo digest."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were YYYY-MM-DD (UTC).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be sent (each digest's text); send and store nothing.",
        )
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Try again the digests due on that date that failed, their attempts counted "
            "anew (after an SMTP outage outlasted them).",
        )
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Ensure the demo subscription (weekly, Geneva) and write its digest of the "
            "Geneva week, 1-7 February 2016 (the demo is recorded as it was reported then).",
        )

    def handle(self, *args, **options):
        # Without --date, the day of the latest DIGEST_HOUR_UTC:00, as the scheduled run's.
        try:
            on = date.fromisoformat(options["date"]) if options["date"] else run_day(now())
        except ValueError:
            raise CommandError("--date takes YYYY-MM-DD.")
        if not EARLIEST_DATE <= on <= now().date():
            # A digest tells days that have passed (9999-12-31 and 0001-01-01 were tracebacks;
            # tomorrow's would tell today, not ended).
            raise CommandError(
                f"--date {on} is not between {EARLIEST_DATE} and today (UTC): a digest "
                "tells days that have passed, in the tracker's time."
            )
        if options["retry_failed"] and (options["demo"] or options["dry_run"]):
            raise CommandError("--retry-failed sends: it goes with --date alone.")
        if options["demo"]:
            return self.demo(on, dry_run=options["dry_run"])
        if options["dry_run"]:
            return self.dry_run(on)
        if options["retry_failed"]:
            again = services.deliveries_retry_failed(on=on)
            self.stdout.write(f"Trying again {again} failed digest(s) due on {on}.")
        if options["date"]:
            planning.deliveries_plan(on=on)
        else:  # and what runs since the last one missed, as the schedule does
            planning.plan_due(now())
        unfinished = services.deliveries_unfinished()
        for delivery_id in unfinished:
            self.send(delivery_id)
        if unfinished:
            return
        active = Subscription.objects.filter(active=True)
        if not any(planning.due_period(s.frequency, on) for s in active):
            return self.nothing_due(on)
        left = selectors.not_gone_out(planning.deliveries_due(on=on))
        if not left:
            self.stdout.write(f"Every digest due on {on.isoformat()} went out already.")
        for delivery in left.select_related("subscription"):
            self.say(delivery, "not sent")
        if selectors.any_spent(left):
            self.stdout.write(
                f"A digest failed {settings.DIGEST_MAX_ATTEMPTS} times is not tried again: "
                "`--retry-failed` tries the failed digests due on that date anew."
            )

    def send(self, delivery_id: int) -> Delivery:
        """One attempt, here and now. A failed one is left for the next run (or the worker,
        with its backoff): retried at once, as Celery's eager mode did, the attempts were
        spent in two seconds against an SMTP server that was down."""
        try:
            outcome = services.delivery_send(delivery_id=delivery_id)
        except services.SendFailed:
            outcome = "to be tried again"
        delivery = Delivery.objects.select_related("subscription").get(pk=delivery_id)
        self.say(delivery, outcome)
        return delivery

    def say(self, delivery: Delivery, outcome: str) -> None:
        most = settings.DIGEST_MAX_ATTEMPTS
        attempts = f", attempt {delivery.attempts} of {most}" if delivery.attempts else ""
        self.stdout.write(
            f"{delivery.subscription.email} {delivery.period_start}..{delivery.period_end}: "
            f"{delivery.status} ({outcome}{attempts})"
            + (f" {delivery.last_error}" if delivery.last_error else "")
        )

    def nothing_due(self, on: date) -> None:
        """Say so plainly: silence reads as a failure."""
        active = Subscription.objects.filter(active=True).count()
        why = (
            "no active subscription"
            if not active
            else f"{active} active subscription(s), none due: weekly digests go out on "
            "Mondays, daily ones every day"
        )
        self.stdout.write(f"Nothing to send on {on:%A} {on.isoformat()}: {why}.")

    def dry_run(self, on: date) -> None:
        due = 0
        for subscription in Subscription.objects.filter(active=True):
            period = planning.due_period(subscription.frequency, on)
            if period is None:
                continue
            due += 1
            sent = selectors.gone_out(subscription, period)
            with translation.override(subscription.language):  # as the subscriber reads it
                digest = compose_digest(subscription, *period)
                says = digest.has_news or subscription.send_when_empty
                subject = str(digest.subject)
                text = render_digest(
                    digest, unsubscribe_url=services.unsubscribe_url(subscription)
                )[1]
            # A feed reader's outside test: the Arabic and Russian previews were English, and a
            # digest reported as gone out already was said to be one it "would send".
            said = (
                "went out already, would not send again"
                if sent
                else "would send"
                if says
                else "nothing to report, would skip"
            )
            self.stdout.write(f"{subscription.email}: {subject} ({said})")
            if says:
                self.stdout.write(text)
        if not due:
            self.nothing_due(on)

    def demo(self, on: date, *, dry_run: bool) -> None:
        subscription, _ = Subscription.objects.get_or_create(
            email=DEMO_EMAIL,
            defaults={
                "name": "Demo subscriber",
                "frequency": Frequency.WEEKLY,
                "send_when_empty": True,
            },
        )
        geneva = Process.objects.filter(slug=GENEVA_SLUG).first()
        if geneva is None:
            raise CommandError("Load the demo first: python manage.py load_demo")
        FollowedProcess.objects.get_or_create(subscription=subscription, process=geneva)
        # The demo is recorded as it was reported in 2016: its digest is that of the week the
        # Geneva talks convened and paused.
        start, end = (date.fromisoformat(d) for d in GENEVA_WEEK)
        if dry_run:
            digest = compose_digest(subscription, start, end)
            self.stdout.write(f"{subscription.email}: {digest.subject} (dry run)")
            return
        delivery = planning.delivery_get_or_create(subscription=subscription, start=start, end=end)
        if self.send(delivery.pk).status != DeliveryStatus.SENT:
            raise CommandError(
                "The demo digest was not sent (above). Once mail goes out: send_digests "
                f"--date {end + timedelta(days=1)} --retry-failed"
            )
        where = settings.EMAIL_FILE_PATH if "filebased" in settings.EMAIL_BACKEND else "SMTP"
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo digest for {DEMO_EMAIL}, the Geneva week of {start:%-d} to {end:%-d %B %Y}: "
                f"see {where}"
            )
        )
