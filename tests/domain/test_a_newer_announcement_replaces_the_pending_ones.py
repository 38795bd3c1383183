"""The one rule of what is expected next: a newer announced date replaces the older ones
still pending (`negotiations.domain.expectations`)."""

from datetime import date

from negotiations.domain.expectations import Announced, pause_expects, superseded_by

D = date.fromisoformat
# Geneva 2016: paused on 3 February until the 25th (#10); talks announced on 26 February for
# 7 March (#20), on 1 March for the 9th (#21), on 8 March for the 14th (#22).
TALKS = [
    Announced(20, D("2016-02-26"), D("2016-03-07")),
    Announced(21, D("2016-03-01"), D("2016-03-09")),
    Announced(22, D("2016-03-08"), D("2016-03-14")),
]


FEB_25 = D("2016-02-25")


def expects(as_of: str | None, expected: date | None = FEB_25) -> date | None:
    return pause_expects(10, D("2016-02-03"), expected, TALKS, D(as_of) if as_of else None)


def test_a_pause_expects_the_newest_date_announced_by_the_day_asked():
    assert expects("2016-02-25") == D("2016-02-25")
    assert expects("2016-02-26") == D("2016-03-07")
    assert expects("2016-03-07") == D("2016-03-09")
    assert expects("2016-03-10") == D("2016-03-14")
    assert expects(None) == D("2016-03-14")


def test_talks_announced_before_the_pause_do_not_replace_it():
    earlier = [Announced(5, D("2016-01-30"), D("2016-03-30"))]
    assert pause_expects(10, D("2016-02-03"), D("2016-02-25"), earlier, None) == D("2016-02-25")


def test_a_pause_without_a_date_expects_the_talks_announced_since():
    assert expects("2016-02-20", expected=None) is None
    assert expects("2016-03-02", expected=None) == D("2016-03-09")


def test_pending_talks_are_superseded_by_the_next_announcement_only():
    first, second, third = TALKS
    assert superseded_by(first, first.on, TALKS) == second
    assert superseded_by(second, second.on, TALKS) == third
    assert superseded_by(third, third.on, TALKS) is None
    # Announced after the day of the talks: those talks were no longer pending.
    assert superseded_by(first, first.on, [Announced(30, D("2016-03-08"), D("2016-04-01"))]) is None
    # A pause's resumption stays pending until the pause ends, overdue or not.
    pause = Announced(10, D("2016-02-03"), D("2016-02-25"), "resumption")
    assert superseded_by(pause, D("2016-03-13"), TALKS) == first
    assert superseded_by(pause, D("2016-02-25"), TALKS) is None


# Talks postponed with no new date (a scheduling without `scheduled_for`), announced on
# 4 March (#23): from that day the pause expects no date, until a newer one is announced.
POSTPONED = Announced(23, D("2016-03-04"), None)


def test_talks_postponed_with_no_date_leave_the_pause_expecting_none():
    talks = [*TALKS[:2], POSTPONED]
    assert pause_expects(10, D("2016-02-03"), FEB_25, talks, D("2016-03-03")) == D("2016-03-09")
    assert pause_expects(10, D("2016-02-03"), FEB_25, talks, D("2016-03-04")) is None
    assert pause_expects(10, D("2016-02-03"), FEB_25, talks, None) is None
    # Talks announced afterwards set the date again; announced before, they do not.
    assert pause_expects(10, D("2016-02-03"), FEB_25, [*talks, TALKS[2]], None) == D("2016-03-14")
    older = Announced(24, D("2016-03-02"), D("2016-03-20"))  # recorded later, said earlier
    assert pause_expects(10, D("2016-02-03"), FEB_25, [*talks, older], None) is None


def test_talks_postponed_with_no_date_supersede_the_pending_ones():
    first, second, _ = TALKS
    assert superseded_by(second, second.on, [second, POSTPONED]) == POSTPONED
    # Postponed after their day, the talks of 7 March were not pending any more.
    late = Announced(25, D("2016-03-08"), None)
    assert superseded_by(first, first.on, [first, late]) is None
