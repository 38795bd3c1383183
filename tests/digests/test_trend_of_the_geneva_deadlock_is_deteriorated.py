"""The week the Geneva round ended in deadlock (`talks_concluded`, `no_agreement`) after
active talks is a week in which things got worse, not better."""

from datetime import date

from negotiations.digests.compose import compose_digest

from .conftest import record_each_at_noon


def talks_concluded_on_27_april(app, *, outcome):
    """Talks opened on 1 April 2016, convened on the 13th and concluded on the 27th."""
    steps = [
        ("2016-04-13", "talks_convened", {}),
        ("2016-04-27", "talks_concluded", {"outcome": outcome}),
    ]
    return record_each_at_noon(app, "2016-04-01", steps)


def test_active_talks_ending_with_no_agreement_deteriorated(app, actors, subscribe):
    geneva = talks_concluded_on_27_april(app, outcome="no_agreement")
    subscription = subscribe(follow=[geneva])

    (report,) = compose_digest(subscription, date(2016, 4, 25), date(2016, 5, 1)).reports

    assert report.status == "concluded"
    assert report.trend == "deteriorated"


def test_an_agreement_improved_and_a_process_opened_in_the_period_has_no_trend(
    app, actors, subscribe
):
    talks = talks_concluded_on_27_april(app, outcome="agreement")
    subscription = subscribe(follow=[talks])

    (week,) = compose_digest(subscription, date(2016, 4, 25), date(2016, 5, 1)).reports
    (month,) = compose_digest(subscription, date(2016, 4, 1), date(2016, 4, 30)).reports

    assert week.trend == "improved"
    assert month.trend is None  # opened on 1 April, in the period
