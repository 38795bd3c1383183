"""No email when nothing is to report, unless the subscriber asked for one anyway."""

from negotiations.digests import tasks
from negotiations.digests.models import Delivery


def test_a_quiet_week_is_skipped(geneva_2016, subscribe, mailoutbox):
    # 30 May-5 June 2016: the talks were suspended on 26 May, nothing was recorded, nothing
    # is due. (In early May a pause expected back in May was still due: not a quiet week.)
    subscription = subscribe(follow=[geneva_2016])

    tasks.send_due_digests("2016-06-06")

    assert mailoutbox == []
    delivery = Delivery.objects.get(subscription=subscription)
    assert delivery.status == "skipped"
    assert delivery.changes == 0


def test_unless_the_subscriber_asked_for_it(geneva_2016, subscribe, mailoutbox):
    subscribe(follow=[geneva_2016], send_when_empty=True)

    tasks.send_due_digests("2016-06-06")

    (email,) = mailoutbox
    assert email.subject == "Negotiations digest, 30 May – 5 Jun 2016: nothing changed"
    assert "Nothing changed in the processes you follow." in email.body


def test_a_subscription_follows_only_its_processes(app, geneva_2016, subscribe, mailoutbox):
    from negotiations.read.models import Process

    havana = Process.objects.get(slug="colombia-farc-talks-havana")  # nothing new in 2016-02
    subscribe("havana@example.org", follow=[havana])
    subscribe("everything@example.org")  # none chosen: every process

    tasks.send_due_digests("2016-02-08")

    (email,) = mailoutbox
    assert email.to == ["everything@example.org"]
    assert "Intra-Syrian talks (Geneva)" in email.body
