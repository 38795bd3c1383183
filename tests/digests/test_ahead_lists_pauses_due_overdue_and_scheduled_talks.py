"""The "ahead" section: what the tracker knew at the end of the period about the week after."""

from datetime import date

from negotiations import demo
from negotiations.digests.compose import compose_digest, render_digest

from .conftest import record_on_world_dates


def test_a_pause_past_its_expected_end_is_overdue(geneva_2016, subscribe):
    subscription = subscribe(follow=[geneva_2016])

    # 29 Feb - 6 Mar: the resumption came only on 14 March, so at the end of this period
    # the pause that should have ended on 25 February is overdue.
    digest = compose_digest(subscription, date(2016, 2, 29), date(2016, 3, 6))
    _, text, html = render_digest(digest, unsubscribe_url="http://x/u/t/")

    assert digest.reports == []  # nothing recorded that week
    (overdue,) = digest.overdue
    assert overdue.process == geneva_2016 and overdue.on == date(2016, 2, 25)
    assert digest.has_news  # an overdue pause is worth an email
    assert "OVERDUE: Intra-Syrian talks (Geneva)" in text
    assert "no resumption recorded (11 days overdue)" in text
    assert "Overdue" in html


def test_a_pause_due_to_end_next_week(geneva_2016, subscribe):
    subscription = subscribe(follow=[geneva_2016])

    digest = compose_digest(subscription, date(2016, 2, 15), date(2016, 2, 21))

    (ending,) = digest.pauses_ending
    assert ending.on == date(2016, 2, 25)
    assert digest.overdue == []


def test_the_resumption_ends_the_overdue_warning(geneva_2016, subscribe):
    subscription = subscribe(follow=[geneva_2016])

    digest = compose_digest(subscription, date(2016, 3, 14), date(2016, 3, 20))

    assert digest.overdue == []
    (report,) = digest.reports
    assert report.trend == "improved" and report.status == "active"


def test_talks_scheduled_for_the_coming_week(app, actors, subscribe):
    # Only the announcement (25 Jan) of talks on 29 January is recorded.
    geneva = record_on_world_dates(app, demo.GENEVA_OPENING, demo.GENEVA_EVENTS, until="2016-01-25")
    subscription = subscribe(follow=[geneva], frequency="daily")

    digest = compose_digest(subscription, date(2016, 1, 25), date(2016, 1, 25))

    (scheduled,) = digest.scheduled
    assert scheduled.on == date(2016, 1, 29)
    assert scheduled.text == "Talks scheduled for 29 Jan 2016 in Geneva."
    # Known only from the 25th: the digest of the day before does not foresee it.
    assert compose_digest(subscription, date(2016, 1, 24), date(2016, 1, 24)).scheduled == []
