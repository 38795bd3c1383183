"""A newer scheduled date replaces what a pause expected: talks announced during the Geneva
pause (7 March, then 9 March, then 14 March) mean it was not overdue against 25 February."""

from datetime import date

from negotiations.digests.compose import compose_digest, render_digest


def test_the_week_talks_were_announced_for_9_march_is_not_overdue(geneva_digest):
    # 29 Feb - 6 Mar: the talks announced on 26 February (for 7 March) and 1 March (for the
    # 9th) replace the 25 February the pause expected.
    digest = geneva_digest(date(2016, 2, 29), date(2016, 3, 6))
    _, text, _ = render_digest(digest, unsubscribe_url="http://x/u/t/")

    assert digest.overdue == []
    assert "overdue" not in text.lower()
    (report,) = digest.reports
    assert [s.detail for s in report.scheduled] == ["For 9 Mar 2016 in Geneva."]
    assert [(a.on, a.text) for a in digest.scheduled] == [
        (date(2016, 3, 9), "Talks scheduled for 9 Mar 2016 in Geneva.")
    ]


def test_the_day_before_the_new_talks_no_day_is_overdue(geneva_2016, subscribe):
    subscription = subscribe(follow=[geneva_2016], frequency="daily")

    for day in (date(2016, 2, 26), date(2016, 3, 6), date(2016, 3, 8), date(2016, 3, 10)):
        assert compose_digest(subscription, day, day).overdue == [], day
