"""A digest tells what the tracker knew at the end of its period: a later correction never
reaches an old period; corrections, retractions and talks scheduled in the period are reported;
what is ahead covers the coming 14 days; "reported late" means recorded more than a week after
it happened."""

from datetime import date

import pytest
import time_machine

from negotiations.digests.compose import compose_digest, render_digest
from tests.factories import body_for, cause

from .conftest import noon, record_each_at_noon


@pytest.fixture
def talks(app, actors):
    """Talks opened in January 2016, convened on 1 February and paused on 3 February until
    the 25th, each recorded at noon on the day it happened."""
    return record_each_at_noon(
        app,
        "2016-01-20",
        [
            ("2016-02-01", "talks_convened", {}),
            ("2016-02-03", "talks_paused", {"causes": [cause()]}),
        ],
    )


def record(app, process, day, event_type, **body):
    """Record an event at noon on `day`; it happened that day unless `occurred_on` says else."""
    body.setdefault("occurred_on", day)
    with time_machine.travel(noon(day), tick=False):
        return app.record_event(process.id, event_type=event_type, body=body, recorded_by="ed")


def schedule_talks(app, process, day, *, scheduled_for, venue):
    """Record on `day` that talks are scheduled for `scheduled_for` at `venue`."""
    body = body_for("talks_scheduled", day, scheduled_for=scheduled_for, venue=venue)
    return record(app, process, day, "talks_scheduled", **body)


def text_of(digest):
    return render_digest(digest, unsubscribe_url="http://x/u/t/")[1]


def test_a_date_corrected_in_march_does_not_show_in_the_february_digest(talks, app, subscribe):
    subscription = subscribe(follow=[talks])
    changes = {"expected_resumption_on": "2016-02-26"}
    reason = "The envoy's office gave the 26th."
    record(app, talks, "2016-03-02", "event_corrected", corrects=3, changes=changes, reason=reason)

    february = compose_digest(subscription, date(2016, 2, 1), date(2016, 2, 7))
    (report,) = february.reports
    (_, pause) = report.changes
    assert pause.detail == "active → paused. Expected to resume on 25 Feb 2016."
    assert report.corrections == []
    assert "26 Feb" not in text_of(february)

    # The week of the correction reports it: what changed and why.
    march = compose_digest(subscription, date(2016, 2, 29), date(2016, 3, 6))
    (report,) = march.reports
    (correction,) = report.corrections
    assert correction.title == "Corrected: Talks paused (#3)"
    assert correction.detail == "Expected to resume on: 25 Feb 2016 → 26 Feb 2016."
    assert correction.reason == reason
    assert march.subject.endswith(": 1 change")
    assert f"Why: {reason}" in text_of(march)


def test_a_period_in_which_a_pause_was_retracted_did_not_see_nothing_change(talks, app, subscribe):
    subscription = subscribe(follow=[talks])
    reason = "The talks were never paused: a misread wire."
    record(app, talks, "2016-02-10", "event_retracted", retracts=3, reason=reason)

    digest = compose_digest(subscription, date(2016, 2, 8), date(2016, 2, 14))

    assert "nothing changed" not in digest.subject
    (report,) = digest.reports
    (retraction,) = report.corrections
    assert retraction.title == "Retracted: Talks paused (#3)"
    assert retraction.when == "3 Feb 2016"
    assert retraction.reason == "The talks were never paused: a misread wire."
    # Known at the end of the week: the talks are active, and were not paused at its start.
    assert report.status == "active"
    assert report.trend == "unchanged"
    assert "Retracted: Talks paused (#3)" in text_of(digest)
    # The week of the pause still tells the pause: the retraction came later.
    week_of_pause = compose_digest(subscription, date(2016, 2, 1), date(2016, 2, 7))
    assert [c.title for c in week_of_pause.reports[0].changes] == ["Talks convened", "Talks paused"]


def test_talks_scheduled_in_the_period_are_reported_whatever_their_date(talks, app, subscribe):
    subscription = subscribe(follow=[talks], frequency="daily")
    schedule_talks(app, talks, "2016-02-05", scheduled_for="2016-05-16", venue="Vienna")

    digest = compose_digest(subscription, date(2016, 2, 5), date(2016, 2, 5))

    (report,) = digest.reports
    (scheduled,) = report.scheduled
    assert scheduled.detail == "For 16 May 2016 in Vienna."
    assert digest.scheduled == []  # not in the coming two weeks
    assert "For 16 May 2016 in Vienna." in text_of(digest)


def test_what_is_ahead_covers_the_coming_fourteen_days(talks, app, subscribe):
    subscription = subscribe(follow=[talks])
    schedule_talks(app, talks, "2016-02-05", scheduled_for="2016-02-19", venue="Geneva")

    digest = compose_digest(subscription, date(2016, 2, 1), date(2016, 2, 7))

    (scheduled,) = digest.scheduled
    assert scheduled.on == date(2016, 2, 19)  # 12 days after the period
    assert digest.pauses_ending == []  # the 25th is 18 days after
    later = compose_digest(subscription, date(2016, 2, 8), date(2016, 2, 14))
    # The talks announced during the pause replace the 25th it expected.
    assert [a.on for a in later.scheduled] == [date(2016, 2, 19)]
    assert later.pauses_ending == []


@pytest.mark.parametrize(("recorded", "late"), [("2016-02-10", False), ("2016-02-12", True)])
def test_reported_late_means_recorded_more_than_a_week_after_it_happened(
    talks, app, subscribe, recorded, late
):
    subscription = subscribe(follow=[talks], frequency="daily")
    record(app, talks, recorded, "statement_made", **body_for("statement_made", "2016-02-04"))

    digest = compose_digest(
        subscription, date.fromisoformat(recorded), date.fromisoformat(recorded)
    )

    (statement,) = digest.reports[0].statements
    assert statement.when == "4 Feb 2016"
    assert statement.late is late
    assert ("(reported late)" in text_of(digest)) is late
