"""The unsubscribe link in every digest works without logging in and stops the digests."""

import pytest

from negotiations.digests import tasks
from negotiations.digests.models import Delivery


@pytest.fixture
def sent(geneva_2016, subscribe, mailoutbox):
    subscription = subscribe(follow=[geneva_2016])
    tasks.send_due_digests("2016-02-08")
    (email,) = mailoutbox
    return subscription, email


def unsubscribe_link(email) -> str:
    header = email.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http")
    assert header.endswith(">")
    link = header[1:-1]
    assert link in email.body
    assert f'href="{link}"' in email.alternatives[0][0]
    return link.removeprefix("http://127.0.0.1:8000")


def test_the_link_deactivates_the_subscription(sent, client, mailoutbox):
    subscription, email = sent
    link = unsubscribe_link(email)
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Following the link shows a page with one button to press (nothing submits it by
    # itself: a scanner's browser would), in the digest's language, and says so.
    subscription.language = "fr"  # a French reader's digest, a browser asking for English
    subscription.save(update_fields=["language"])
    page = client.get(link, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert b'method="post"' in page.content
    assert b"<script" not in page.content
    assert page["Content-Language"] == "fr"
    assert 'lang="fr"' in page.content.decode()
    # Its content in a main landmark, its title naming the site (axe `landmark-one-main`,
    # `region`: a reader's outside test).
    assert "<main>" in page.content.decode()
    assert "<title>Se désabonner · Suivi des négociations</title>" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.active  # a mail scanner fetching the link unsubscribes nobody

    done = client.post(link)  # the browser, or the mail client's one-click unsubscribe
    assert done.status_code == 200
    assert done["Content-Language"] == "fr"
    assert "ne recevra plus" in done.content.decode()
    assert "<main>" in done.content.decode()
    subscription.refresh_from_db()
    assert not subscription.active
    assert subscription.unsubscribed_at is not None

    # No further digest: the next Monday's run makes no delivery for it.
    tasks.send_due_digests("2016-02-15")
    assert len(mailoutbox) == 1
    assert Delivery.objects.filter(subscription=subscription).count() == 1


def test_a_wrong_token_is_refused(sent, client):
    subscription, _ = sent

    assert client.get("/digests/unsubscribe/not-the-token/").status_code == 404
    assert client.post("/digests/unsubscribe/not-the-token/").status_code == 404
    subscription.refresh_from_db()
    assert subscription.active


def test_unsubscribing_after_the_delivery_was_planned_stops_it(
    geneva_2016, subscribe, client, mailoutbox
):
    from negotiations.digests import planning

    subscription = subscribe(follow=[geneva_2016])
    (delivery,) = planning.deliveries_plan(on=__import__("datetime").date(2016, 2, 8))
    client.post(f"/digests/unsubscribe/{subscription.unsubscribe_token}/")

    assert tasks.send_digest.apply(args=[delivery.pk]).get() == "skipped"
    assert mailoutbox == []
