"""Talks postponed with no new date (a `talks_scheduled` without `scheduled_for`) in the
digests: told as postponed, never ahead; a pause that then expects no date is not overdue,
while the digests of the days before the postponement still expect its date."""

from datetime import date

from negotiations.digests.compose import compose_digest, render_digest

from .conftest import record_each_at_noon

POSTPONED = {"scheduled_for": None, "venue": "South Africa"}  # no new date set


def test_the_8_october_talks_are_no_longer_ahead_once_postponed(app, actors, subscribe):
    ethiopia = record_each_at_noon(
        app,
        "2022-10-01",
        [
            ("2022-10-01", "talks_scheduled", {"scheduled_for": "2022-10-08", "venue": "SA"}),
            ("2022-10-07", "talks_scheduled", POSTPONED),
        ],
    )
    subscription = subscribe(follow=[ethiopia], frequency="daily")

    before = compose_digest(subscription, date(2022, 10, 6), date(2022, 10, 6))
    assert [a.on for a in before.scheduled] == [date(2022, 10, 8)]

    digest = compose_digest(subscription, date(2022, 10, 7), date(2022, 10, 7))
    assert digest.scheduled == []
    (report,) = digest.reports
    (item,) = report.scheduled
    assert item.detail == "Postponed; no new date set."
    _, text, _ = render_digest(digest, unsubscribe_url="http://x/u/t/")
    assert "Postponed; no new date set." in text
    assert "None" not in text


def test_a_pause_that_expects_no_date_is_not_overdue(app, actors, subscribe):
    paused = record_each_at_noon(
        app,
        "2022-10-01",
        [
            ("2022-10-25", "talks_convened", {}),
            ("2022-10-28", "talks_paused", {"expected_resumption_on": "2022-11-05"}),
            ("2022-11-02", "talks_scheduled", POSTPONED),
        ],
    )
    subscription = subscribe(follow=[paused], frequency="daily")

    before = compose_digest(subscription, date(2022, 11, 1), date(2022, 11, 1))
    assert [a.on for a in before.pauses_ending] == [date(2022, 11, 5)]
    # As known at the end of 5 November (after the postponement): no date, so not overdue.
    later = compose_digest(subscription, date(2022, 11, 10), date(2022, 11, 10))
    assert (later.overdue, later.pauses_ending, later.scheduled) == ([], [], [])
