"""The digests' "Ahead" with month-precise dates: a pause expected back "in May 2016" is due
during May and overdue from 1 June, counted from the month's end; talks scheduled "for
August 2016" are ahead while any day of August is (issue 23, item 14)."""

from datetime import date

from django.utils import translation

from negotiations.digests.compose import compose_digest, render_digest

from .conftest import record_at_noon, record_each_at_noon

MAY = {"expected_resumption_on": "2016-05-01", "expected_resumption_precision": "month"}


def paused_until_may(app):
    return record_each_at_noon(
        app,
        "2016-04-01",
        [
            ("2016-04-13", "talks_convened", {}),
            ("2016-04-27", "talks_paused", MAY),
        ],
    )


def test_a_pause_expected_in_may_is_due_in_may_and_not_overdue(app, actors, subscribe):
    subscription = subscribe(follow=[paused_until_may(app)], frequency="daily")

    digest = compose_digest(subscription, date(2016, 5, 30), date(2016, 5, 30))
    _, text, _ = render_digest(digest, unsubscribe_url="http://x/u/t/")

    assert digest.overdue == []
    (ending,) = digest.pauses_ending
    assert ending.text == "Paused since 27 Apr 2016; expected to resume in May 2016."
    assert "expected to resume in May 2016" in text
    assert "1 May 2016" not in text


def test_it_is_overdue_from_the_first_of_june_counted_from_the_end_of_may(app, actors, subscribe):
    subscription = subscribe(follow=[paused_until_may(app)], frequency="daily")

    # The digest of 31 May looks ahead from 1 June: overdue by one day.
    digest = compose_digest(subscription, date(2016, 5, 31), date(2016, 5, 31))
    (overdue,) = digest.overdue
    assert overdue.text == (
        "Paused since 27 Apr 2016; expected to resume in May 2016, "
        "no resumption recorded (1 day overdue)."
    )
    later = compose_digest(subscription, date(2016, 6, 9), date(2016, 6, 9))
    assert "(10 days overdue)" in later.overdue[0].text


def test_the_pause_reported_in_the_period_says_in_may(app, actors, subscribe):
    subscription = subscribe(follow=[paused_until_may(app)], frequency="daily")

    digest = compose_digest(subscription, date(2016, 4, 27), date(2016, 4, 27))
    _, text, _ = render_digest(digest, unsubscribe_url="http://x/u/t/")

    assert "Expected to resume in May 2016." in text


def test_talks_for_a_month_are_ahead_while_any_day_of_it_is(app, actors, subscribe):
    august = {"scheduled_for": "2016-08-01", "scheduled_for_precision": "month", "venue": "Geneva"}
    process = record_each_at_noon(app, "2016-04-01", [("2016-07-26", "talks_scheduled", august)])
    subscription = subscribe(follow=[process], frequency="daily")

    reported = compose_digest(subscription, date(2016, 7, 26), date(2016, 7, 26))
    _, text, _ = render_digest(reported, unsubscribe_url="http://x/u/t/")
    assert "For Aug 2016 in Geneva." in text
    # Ahead on 26 July (August starts within the two weeks ahead) and still on 30 August.
    for day in (date(2016, 7, 26), date(2016, 8, 30)):
        (ahead,) = compose_digest(subscription, day, day).scheduled
        assert ahead.text == "Talks scheduled for Aug 2016 in Geneva."
    # After August it is no longer ahead.
    assert compose_digest(subscription, date(2016, 8, 31), date(2016, 8, 31)).scheduled == []
    # In French and Spanish, as a month ("prévus le août 2016": an analyst's outside test).
    for language, told in (
        ("fr", "Pourparlers prévus en août 2016 (lieu\u00a0: Geneva)."),
        ("es", "Conversaciones previstas para agosto de 2016 en Geneva."),
    ):
        subscription = subscribe(f"{language}@example.org", follow=[process], language=language)
        with translation.override(language):
            (ahead,) = compose_digest(subscription, date(2016, 7, 26), date(2016, 7, 26)).scheduled
        assert ahead.text == told


def test_a_pause_overdue_past_talks_for_a_month_says_the_month(app, actors, subscribe):
    """Talks scheduled during the pause "for June" and June gone without a resumption: the
    overdue line names the month as a month in each language (a review: nothing guarded it)."""
    june = {"scheduled_for": "2016-06-01", "scheduled_for_precision": "month", "venue": "Geneva"}
    process = paused_until_may(app)
    record_at_noon(app, process.id, "2016-05-02", "talks_scheduled", **june)
    for language, told in (
        ("en", "talks scheduled for Jun 2016, no resumption recorded (1 day overdue)"),
        ("fr", "pourparlers prévus en juin 2016"),
    ):
        subscription = subscribe(
            f"{language}@example.org", follow=[process], frequency="daily", language=language
        )
        with translation.override(language):
            (overdue,) = compose_digest(subscription, date(2016, 6, 30), date(2016, 6, 30)).overdue
        assert told in overdue.text, overdue.text
