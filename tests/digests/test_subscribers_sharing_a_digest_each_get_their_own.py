"""A digest is composed and rendered once for every subscription that follows the same
processes in the same period; each subscriber still gets their own greeting, address and
unsubscribe link, and a subscription that follows other processes its own digest."""

import pytest

from negotiations.digests import tasks
from negotiations.digests.models import Subscription
from negotiations.interchange import demo

from .conftest import load_geneva_until


@pytest.fixture
def geneva_and_havana(app, actors):
    geneva = load_geneva_until(app, "2016-10-31")
    havana = load_geneva_until(app, "2016-10-31", slug=demo.HAVANA_SLUG)
    return geneva, havana


def test_each_subscriber_gets_their_own_greeting_and_links(geneva_2016, subscribe, mailoutbox):
    ann = subscribe("ann@example.org", name="Ann Analyst", follow=[geneva_2016])
    bob = subscribe("bob@example.org", follow=[geneva_2016])

    tasks.send_due_digests("2016-02-08")

    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {ann.email, bob.email}
    for subscription in (ann, bob):
        email = by_address[subscription.email]
        html = email.alternatives[0][0]
        other = bob if subscription == ann else ann
        for part in (email.body, html):
            assert f"as {subscription.email}." in part
            assert f"/unsubscribe/{subscription.unsubscribe_token}/" in part
            assert other.email not in part
            assert other.unsubscribe_token not in part
    assert "For Ann Analyst" in by_address[ann.email].body
    assert "For " not in by_address[bob.email].body.split("What was recorded")[0]
    # Everything else is the same digest.
    ann_mail, bob_mail = by_address[ann.email], by_address[bob.email]
    assert ann_mail.subject == bob_mail.subject
    assert (
        ann_mail.body.split("--\nYou receive")[0].replace("\nFor Ann Analyst", "")
        == (bob_mail.body.split("--\nYou receive")[0])
    )


def test_subscriptions_following_other_processes_get_their_own_digest(
    geneva_and_havana, subscribe, mailoutbox
):
    geneva, havana = geneva_and_havana
    subscribe("geneva@example.org", follow=[geneva], frequency="daily")
    subscribe("havana@example.org", follow=[havana], frequency="daily")
    subscribe("both@example.org", follow=[geneva, havana], frequency="daily")
    subscribe("all@example.org", frequency="daily")  # follows every process
    # 2 October 2016: the Colombian plebiscite was reported; nothing from Geneva.
    tasks.send_due_digests("2016-10-03")

    sent = {m.to[0]: m.body for m in mailoutbox}
    assert set(sent) == {"havana@example.org", "both@example.org", "all@example.org"}
    for address in sent:
        assert f"== {havana.name} ==" in sent[address]
        assert geneva.name not in sent[address]
    assert Subscription.objects.count() == 4
