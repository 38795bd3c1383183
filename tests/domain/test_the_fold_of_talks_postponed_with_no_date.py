"""The fold (what the aggregate, the projection's process row and "as known at" read): talks
postponed with no new date during a pause leave the pause expecting no date; talks announced
later set one again, talks said to have been announced before the postponement do not."""

from datetime import date

from negotiations.domain.history import replay

from .test_expected_and_scheduled_dates_may_be_month_precise import (
    entry,
    paused_expecting_a_month,
)

D = date.fromisoformat


def test_a_pause_expects_no_date_once_the_talks_are_postponed():
    history = [
        *paused_expecting_a_month(2022, "2022-10-25", "2022-10-28", "2022-11-01"),
        entry(4, "talks_scheduled", "2022-11-02", scheduled_for=None),
    ]
    postponed = replay(history).situation
    assert (postponed.expected_resumption_on, postponed.expected_resumption_precision) == (
        None,
        "day",
    )
    # The period keeps what the pause itself expected; the read side applies the talks.
    assert replay(history).periods[-1].expected_resumption_on == D("2022-11-01")

    history.append(entry(5, "talks_scheduled", "2022-11-01", scheduled_for="2022-11-20"))
    assert replay(history).situation.expected_resumption_on is None  # said before the 2nd

    history.append(entry(6, "talks_scheduled", "2022-11-08", scheduled_for="2022-11-15"))
    assert replay(history).situation.expected_resumption_on == D("2022-11-15")
