"""The "ahead" section: what the tracker knew at the end of the period about the two weeks
after it."""

from datetime import date

from negotiations.digests.compose import compose_digest, render_digest

from .conftest import load_geneva_until


def test_a_pause_past_its_expected_end_is_overdue(geneva_2016, geneva_digest):
    # 25 February: the pause should have ended that day, and no talks had been scheduled
    # since (those of 7 March were announced on the 26th): overdue by the first day ahead.
    digest = geneva_digest(date(2016, 2, 25), date(2016, 2, 25), frequency="daily")
    _, text, html = render_digest(digest, unsubscribe_url="http://x/u/t/")

    (overdue,) = digest.overdue
    assert overdue.process == geneva_2016
    assert overdue.on == date(2016, 2, 25)
    assert digest.has_news
    assert "OVERDUE: Intra-Syrian talks (Geneva)" in text
    assert "no resumption recorded (1 day overdue)" in text
    assert "Overdue" in html


def test_a_pause_due_to_end_in_the_coming_two_weeks(geneva_digest):
    digest = geneva_digest(date(2016, 2, 15), date(2016, 2, 21))

    (ending,) = digest.pauses_ending
    assert ending.on == date(2016, 2, 25)
    assert digest.overdue == []


def test_the_resumption_ends_the_overdue_warning(geneva_digest):
    digest = geneva_digest(date(2016, 3, 14), date(2016, 3, 20))

    assert digest.overdue == []
    (report,) = digest.reports
    assert report.trend == "improved"
    assert report.status == "active"


def test_the_latest_date_announced_is_the_one_ahead(app, actors, subscribe):
    # Reported by 25 January: talks planned for the 25th, then moved to the 29th.
    geneva = load_geneva_until(app, "2016-01-25")
    subscription = subscribe(follow=[geneva], frequency="daily")

    digest = compose_digest(subscription, date(2016, 1, 25), date(2016, 1, 25))

    (scheduled,) = digest.scheduled
    assert scheduled.on == date(2016, 1, 29)
    assert scheduled.text == "Talks scheduled for 29 Jan 2016 in Geneva."
    # Known only from the 25th: the digest of the day before foresees the 25th.
    before = compose_digest(subscription, date(2016, 1, 24), date(2016, 1, 24))
    assert [a.on for a in before.scheduled] == [date(2016, 1, 25)]
