"""A status that began on a month-precise date is "since Oct 2016" in the digest, never the
1st of the month (which, for the Havana talks, was the day before the plebiscite)."""

from datetime import date

from django.utils import translation

from negotiations.digests.compose import compose_digest, render_digest

from .conftest import record_each_at_noon

HAVANA_LIKE = [
    ("2012-10-18", "talks_convened", {}),
    ("2016-08-24", "talks_concluded", {}),
    ("2016-10-01", "talks_resumed", {"date_precision": "month"}),
]


def test_the_digest_says_since_which_month(app, actors, subscribe):
    process = record_each_at_noon(app, "2012-08-01", HAVANA_LIKE)
    subscription = subscribe(follow=[process])
    digest = compose_digest(subscription, date(2016, 9, 26), date(2016, 10, 2))
    (report,) = digest.reports
    assert (report.status, report.status_since) == ("active", "Oct 2016")
    _, text, _ = render_digest(digest, unsubscribe_url="http://x/u/t/")
    assert "since Oct 2016" in text
    assert "1 Oct 2016" not in text


def test_a_russian_digest_declines_the_month_after_since(app, actors, subscribe):
    """Russian's "с" takes the genitive: "с октября 2016", never the standalone "с Октябрь
    2016" that the month's own format gives (a review of composed sentences)."""
    process = record_each_at_noon(app, "2012-08-01", HAVANA_LIKE)
    subscription = subscribe(follow=[process], language="ru")
    with translation.override("ru"):  # as the sender writes each digest in its language
        digest = compose_digest(subscription, date(2016, 9, 26), date(2016, 10, 2))
        _, text, html = render_digest(digest, unsubscribe_url="http://x/u/t/")
    for body in (text, html):
        assert "с октября 2016" in body
        assert "с Октябрь" not in body
        assert "[октябрь 2016]" in body or "октябрь 2016</td>" in body  # alone, in lower case
