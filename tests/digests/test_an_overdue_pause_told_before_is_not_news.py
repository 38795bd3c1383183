"""An overdue pause that the previous digest already told is not news: a subscription that
did not ask for empty digests gets none for it (it is still told when there is other news)."""

from datetime import date

from negotiations.digests import tasks
from negotiations.digests.compose import compose_digest
from negotiations.digests.models import Delivery

from .conftest import load_geneva_until


def test_overdue_news_only_the_first_day(app, actors, subscribe, mailoutbox):
    # Reported by 25 February: the pause expected the talks back on the 25th; nothing since.
    geneva = load_geneva_until(app, "2016-02-25")
    subscription = subscribe(follow=[geneva], frequency="daily")

    first = compose_digest(subscription, date(2016, 2, 25), date(2016, 2, 25))
    (overdue,) = first.overdue
    assert overdue.news
    assert first.has_news

    later = compose_digest(subscription, date(2016, 2, 27), date(2016, 2, 27))
    (still,) = later.overdue
    assert still.on == date(2016, 2, 25)
    assert not still.news
    assert not later.has_news

    tasks.send_due_digests("2016-02-28")  # the digest of the 27th

    assert mailoutbox == []
    assert Delivery.objects.get(subscription=subscription).status == "skipped"


def test_asked_for_anyway_the_overdue_pause_is_still_told(app, actors, subscribe, mailoutbox):
    geneva = load_geneva_until(app, "2016-02-25")
    subscribe(follow=[geneva], frequency="daily", send_when_empty=True)

    tasks.send_due_digests("2016-02-28")

    (email,) = mailoutbox
    assert "OVERDUE: Intra-Syrian talks (Geneva)" in email.body
    assert "(3 days overdue)" in email.body
