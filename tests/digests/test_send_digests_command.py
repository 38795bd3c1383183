"""`manage.py send_digests` runs the scheduled path in this process, without a worker."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from negotiations.digests.models import Delivery, DeliveryStatus, Subscription


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_digests", *args, stdout=out)
    return out.getvalue()


def test_dry_run_says_what_would_go_and_sends_nothing(geneva_2016, subscribe, mailoutbox):
    subscribe(follow=[geneva_2016])

    out = run("--dry-run", "--date", "2016-02-08")

    assert "diplomat@example.org: Negotiations digest, 1–7 Feb 2016: 9 changes (would send)" in out
    assert mailoutbox == []
    assert not Delivery.objects.exists()


def test_dry_run_previews_in_the_subscriber_s_language_and_knows_what_went_out(
    geneva_2016, subscribe, mailoutbox
):
    """A feed reader's outside test: the Russian subscriber's preview was English, and a
    digest the last run had sent was one the dry run "would send"."""
    subscription = subscribe("moscow@example.org", follow=[geneva_2016], language="ru")
    # A daily digest of 1 February sent before the subscriber went weekly: another period
    # from the same first day, not the week's (a review).
    Delivery.objects.create(
        subscription=subscription,
        period_start=date(2016, 2, 1),
        period_end=date(2016, 2, 1),
        status=DeliveryStatus.SENT,
    )

    preview = run("--dry-run", "--date", "2016-02-08")
    assert "moscow@example.org: Сводка по переговорам, 1–7 февраля 2016" in preview
    assert "(would send)" in preview
    assert "Перерыв в переговорах" in preview  # the digest's text, in Russian

    run("--date", "2016-02-08")
    assert len(mailoutbox) == 1  # the week's went out
    again = run("--dry-run", "--date", "2016-02-08")
    assert "(went out already, would not send again)" in again
    assert len(mailoutbox) == 1


def test_the_geneva_week_dry_run_tells_the_convening_the_pause_its_causes_and_the_resumption(
    geneva, mailoutbox
):
    run("--demo")  # the demo subscriber follows Geneva, weekly
    mailoutbox.clear()

    out = run("--date", "2016-02-08", "--dry-run")

    said = "(went out already, would not send again)"  # the demo sent it: shown all the same
    assert f"demo@localhost: Negotiations digest, 1–7 Feb 2016: 9 changes {said}" in out
    assert "- [1 Feb 2016] Talks convened: planned → active. Geneva, proximity" in out
    assert "- [3 Feb 2016] Talks paused: active → paused. Expected to resume on 25 Feb 2016." in out
    pause = out[out.index("Talks paused: active → paused") : out.index("Corrections:")]
    for category, who in [
        ("Procedural", "Staffan de Mistura, UN Special Envoy for Syria"),
        ("Humanitarian access", "Staffan de Mistura, UN Special Envoy for Syria"),
        ("Other", "Staffan de Mistura, UN Special Envoy for Syria"),
        ("Military escalation", "A senior UN official (anonymous)"),
        ("Military escalation", "Ban Ki-moon, UN Secretary-General"),
    ]:
        assert f"Cause ({category}), stated by {who}: " in pause
    assert mailoutbox == []


def test_a_date_sends_that_days_digests_once(geneva_2016, subscribe, mailoutbox):
    subscribe(follow=[geneva_2016])

    out = run("--date", "2016-02-08")
    run("--date", "2016-02-08")

    assert "diplomat@example.org 2016-02-01..2016-02-07: sent" in out
    assert len(mailoutbox) == 1


def test_demo_writes_the_digest_of_the_geneva_week(geneva, settings, mailoutbox):
    out = run("--demo")
    run("--demo")  # dev.py run may run twice a day: still one email

    subscription = Subscription.objects.get(email="demo@localhost")
    assert [f.process_id for f in subscription.followed.all()] == [geneva.id]
    assert "Demo digest for demo@localhost, the Geneva week of 1 to 7 February 2016" in out
    (email,) = mailoutbox
    assert email.subject == "Negotiations digest, 1–7 Feb 2016: 9 changes"
    assert "Intra-Syrian talks (Geneva)" in email.body
    assert "[3 Feb 2016] Talks paused: active → paused." in email.body
    assert "reported late" not in email.body  # each item was recorded when it was reported
    assert "Ban Ki-moon, UN Secretary-General" in email.body


def test_a_day_with_nothing_due_says_so(geneva_2016, subscribe, mailoutbox):
    subscribe(follow=[geneva_2016])  # weekly: due on Mondays only

    dry = run("--dry-run", "--date", "2016-02-10")  # a Wednesday
    real = run("--date", "2016-02-10")

    expected = "Nothing to send on Wednesday 2016-02-10: 1 active subscription(s), none due"
    assert expected in dry
    assert expected in real
    assert mailoutbox == []
    assert not Delivery.objects.exists()


def test_no_subscription_at_all_says_so(db):
    assert "Nothing to send on Monday 2016-02-08: no active subscription." in run(
        "--dry-run", "--date", "2016-02-08"
    )


def test_a_second_run_on_the_same_day_says_all_went_out(geneva_2016, subscribe, mailoutbox):
    subscribe(follow=[geneva_2016])
    run("--date", "2016-02-08")

    assert "Every digest due on 2016-02-08 went out already." in run("--date", "2016-02-08")


def test_smtp_down_spends_one_attempt_a_run_and_is_never_said_to_have_gone_out(
    geneva_2016, subscribe, settings, mailoutbox
):
    """An operator's finding: with SMTP down the command spent every attempt in two seconds
    (Celery's eager retries, at once), then a second run said "Every digest due on … went out
    already" of a digest that never did, and nothing could send it again."""
    from tests.digests.backends import FlakyBackend

    settings.EMAIL_BACKEND = "tests.digests.backends.FlakyBackend"
    settings.DIGEST_MAX_ATTEMPTS = 3
    FlakyBackend.calls, FlakyBackend.failures = 0, 100
    try:
        subscribe(follow=[geneva_2016])
        out = run("--date", "2016-02-08")
        assert FlakyBackend.calls == 1  # one attempt, not all of them at once
        assert "failed (to be tried again, attempt 1 of 3)" in out

        again = run("--date", "2016-02-08")
        assert "went out already" not in again
        assert (
            "diplomat@example.org 2016-02-01..2016-02-07: failed (not sent, attempt 1 of 3)"
            in again
        )

        Delivery.objects.update(attempts=3)  # the attempts used up
        spent = run("--date", "2016-02-08")
        assert "went out already" not in spent
        assert "--retry-failed" in spent

        FlakyBackend.failures = 0  # SMTP back
        retried = run("--date", "2016-02-08", "--retry-failed")
        assert "Trying again 1 failed digest(s)" in retried
        assert "diplomat@example.org 2016-02-01..2016-02-07: sent" in retried
        assert len(mailoutbox) == 1
        assert "went out already" in run("--date", "2016-02-08")
    finally:
        FlakyBackend.calls, FlakyBackend.failures = 0, 1


def test_retry_failed_takes_a_digest_whose_lease_ran_out_on_its_last_attempt(
    geneva_2016, subscribe, settings, mailoutbox
):
    """A reviewer's finding: a delivery left `sending` by a worker that died on its last
    attempt is failed only by the stale-lease sweep, which ran after the reset: "Trying again
    0 failed digest(s)", then the advice to use the option just given."""
    from datetime import date, timedelta

    from django.utils import timezone

    from negotiations.digests import planning

    settings.DIGEST_MAX_ATTEMPTS = 3
    subscribe(follow=[geneva_2016])
    planning.deliveries_plan(on=date(2016, 2, 8))
    long_ago = timezone.now() - timedelta(hours=2)
    Delivery.objects.update(status="sending", attempts=3, claimed_at=long_ago)

    out = run("--date", "2016-02-08", "--retry-failed")
    assert "Trying again 1 failed digest(s)" in out
    assert "diplomat@example.org 2016-02-01..2016-02-07: sent" in out
    assert len(mailoutbox) == 1


def test_the_demo_is_not_said_to_be_sent_when_it_failed(geneva, settings):
    import pytest
    from django.core.management import CommandError

    from tests.digests.backends import FlakyBackend

    settings.EMAIL_BACKEND = "tests.digests.backends.FlakyBackend"
    FlakyBackend.calls, FlakyBackend.failures = 0, 100
    try:
        with pytest.raises(CommandError, match="--date 2016-02-08 --retry-failed"):
            run("--demo")
        with pytest.raises(CommandError, match="goes with --date alone"):
            run("--demo", "--retry-failed")
    finally:
        FlakyBackend.calls, FlakyBackend.failures = 0, 1


def test_retry_failed_beside_a_demo_or_a_dry_run_is_refused_and_changes_nothing(
    geneva_2016, subscribe, settings
):
    """A review: the refusal was checked by its words only. A failed digest stays as it was,
    and nothing is sent."""
    import pytest
    from django.core.management import CommandError

    subscribe(follow=[geneva_2016])
    settings.EMAIL_BACKEND = "tests.digests.backends.FlakyBackend"
    from tests.digests.backends import FlakyBackend

    FlakyBackend.calls, FlakyBackend.failures = 0, 100
    try:
        run("--date", "2016-02-08")  # one failed attempt
        before = list(Delivery.objects.values_list("pk", "status", "attempts"))
        [(_, status, attempts)] = before
        assert (status, attempts) == ("failed", 1)
        for other in ("--demo", "--dry-run"):
            with pytest.raises(CommandError):
                run("--date", "2016-02-08", "--retry-failed", other)
        assert list(Delivery.objects.values_list("pk", "status", "attempts")) == before
        assert FlakyBackend.calls == 1
    finally:
        FlakyBackend.calls, FlakyBackend.failures = 0, 1
