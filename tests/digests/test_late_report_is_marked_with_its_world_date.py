"""What counts is when a fact was recorded: a statement reported more than a week late still
reaches the subscribers, marked with the date it was made."""

from datetime import date

from negotiations.digests.compose import compose_digest, render_digest

from .conftest import load_geneva_until, record_at_noon


def test_a_backdated_statement_is_in_the_digest_of_the_day_it_was_recorded(app, actors, subscribe):
    geneva = load_geneva_until(app, "2016-02-03")
    subscription = subscribe(follow=[geneva], frequency="daily")

    statement = {
        "occurred_on": "2016-02-01",  # recorded on the 10th, more than a week later
        "actor": "russia",
        "stance": "rejecting",
        "summary": "Russia denies that its air strikes harm the talks.",
    }
    record_at_noon(app, geneva.id, "2016-02-10", "statement_made", **statement)

    digest = compose_digest(subscription, date(2016, 2, 10), date(2016, 2, 10))
    _, text, html = render_digest(digest, unsubscribe_url="http://x/u/t/")

    (report,) = digest.reports
    (statement,) = report.statements
    assert statement.late
    assert statement.when == "1 Feb 2016"
    assert "[1 Feb 2016] Russia (rejecting) (reported late)" in text
    assert "reported late" in html
    # The day the statement was made, nothing about it was known yet.
    that_day = compose_digest(subscription, date(2016, 2, 1), date(2016, 2, 1))
    assert [c.title for c in that_day.reports[0].changes] == ["Talks convened"]
    assert that_day.reports[0].statements == []
