"""A status that began on a month-precise date is "since Oct 2016" in the digest, never the
1st of the month (which, for the Havana talks, was the day before the plebiscite)."""

from datetime import date

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
