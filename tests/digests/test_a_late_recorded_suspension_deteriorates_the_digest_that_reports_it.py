"""The trend compares the status at the end of the period with the status at its start, both
as known at the end; a status change recorded in the period but dated before it moves the
start back to just before that change. Havana: suspended on 16 November 2014, reported on
the 17th."""

from datetime import date

from negotiations.digests.compose import compose_digest
from negotiations.interchange import demo

from .conftest import load_geneva_until


def test_the_digest_of_the_day_it_was_reported_says_deteriorated(app, actors, subscribe):
    havana = load_geneva_until(app, "2014-11-30", slug=demo.HAVANA_SLUG)
    subscription = subscribe(follow=[havana], frequency="daily")

    digest = compose_digest(subscription, date(2014, 11, 17), date(2014, 11, 17))

    (report,) = digest.reports
    assert [c.detail.split(".")[0] for c in report.changes] == ["active → suspended"]
    assert report.status == "suspended"
    assert report.trend == "deteriorated"
    # The day before, nothing was known of it.
    assert compose_digest(subscription, date(2014, 11, 16), date(2014, 11, 16)).reports == []


def test_the_week_that_reported_it_says_deteriorated(app, actors, subscribe):
    havana = load_geneva_until(app, "2014-11-30", slug=demo.HAVANA_SLUG)
    subscription = subscribe(follow=[havana])

    (report,) = compose_digest(subscription, date(2014, 11, 17), date(2014, 11, 23)).reports
    assert report.trend == "deteriorated"
