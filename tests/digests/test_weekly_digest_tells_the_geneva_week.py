"""A diplomat following the Geneva talks gets the digest for the week of 1-7 February 2016:
the talks convened, then paused for three weeks with three stated causes, and Turkey spoke."""

from datetime import date

from negotiations.digests.compose import compose_digest, render_digest


def test_the_week_of_the_pause(geneva_2016, subscribe):
    subscription = subscribe(follow=[geneva_2016])

    digest = compose_digest(subscription, date(2016, 2, 1), date(2016, 2, 7))
    subject, text, html = render_digest(digest, unsubscribe_url="http://x/unsubscribe/t/")

    # Convened on the 1st, paused on the 3rd; three statements on the 3rd.
    assert digest.change_count == 5
    assert subject == "Negotiations digest, 1–7 Feb 2016: 5 changes"
    (report,) = digest.reports
    assert report.process == geneva_2016
    assert report.status == "paused"
    assert report.trend == "deteriorated" and report.arrow == "↘"
    assert [(c.title, c.when) for c in report.changes] == [
        ("Talks convened", "1 Feb 2016"),
        ("Talks paused", "3 Feb 2016"),
    ]
    pause = report.changes[1]
    assert "Expected to resume on 25 Feb 2016." in pause.detail
    assert [(c.stated_by, c.category) for c in pause.causes] == [
        ("Ban Ki-moon, UN Secretary-General", "Military escalation"),
        ("A UN official (unnamed)", "Military escalation"),
        ("Staffan de Mistura, UN Special Envoy for Syria", "Procedural"),
    ]
    assert not any(c.late for c in report.changes)  # each was recorded the day it happened

    # Both parts say it all, with who stated each cause and a link to the source.
    for part in (text, html):
        assert "Talks convened" in part and "Talks paused" in part
        assert "deteriorated" in part
        assert "25 Feb 2016" in part
        assert "Ban Ki-moon, UN Secretary-General" in part
        assert "increased aerial bombing" in part
        assert "A UN official (unnamed)" in part
        assert "Staffan de Mistura, UN Special Envoy for Syria" in part
        assert "No point to peace talks while Russia carries out attacks in Syria." in part
        assert "Turkey" in part
    assert 'href="https://www.huffpost.com/entry/backed-by-russian-jets' in html
    assert "Talks scheduled" not in text  # the 29 January date is in the past by then

    # The pause ends within the week after the period? No: 25 Feb is later than 8-14 Feb.
    assert digest.pauses_ending == [] and digest.overdue == []


def test_a_week_with_only_the_talks_opening_informally_is_unchanged(geneva_2016, subscribe):
    subscription = subscribe(follow=[geneva_2016])

    digest = compose_digest(subscription, date(2016, 1, 25), date(2016, 1, 31))

    (report,) = digest.reports
    assert report.trend == "unchanged" and report.status == "planned"
    assert [s.summary for s in report.statements] == [
        "De Mistura meets the government delegation as the talks open informally."
    ]
