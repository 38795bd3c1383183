"""A status change known only to its month takes effect on the 1st of that month, or, when
the status last changed later in that same month, on the day after: every recorded change
holds on at least one date, and none takes effect before a dated change it follows (issue 23).
"""

import datetime

import pytest

from negotiations.domain.amending import check_amendment
from negotiations.domain.entries import Entry, period_on
from negotiations.domain.errors import InvalidEvent, OutOfOrder
from negotiations.domain.specs import parse_body
from tests.domain.helpers import correct, open_process, record
from tests.factories import opening, parsed

D = datetime.date


@pytest.fixture
def resumed_in_october():
    """Convened 1 Sep, concluded 15 Oct, resumed "October" (the issue's example)."""
    process = open_process(occurred_on="2016-08-01")
    record(process, "talks_convened", "2016-09-01")
    record(process, "talks_concluded", "2016-10-15", outcome="no_agreement")
    record(process, "talks_resumed", "2016-10-01", date_precision="month")
    return process


def status_on(process, day):
    period = period_on(process.corrected().periods, day)
    return period.status, period.occurred_on, period.date_precision


def test_the_dated_conclusion_holds_on_its_day_and_the_resumption_after_it(resumed_in_october):
    assert status_on(resumed_in_october, D(2016, 10, 10)) == ("active", D(2016, 9, 1), "day")
    assert status_on(resumed_in_october, D(2016, 10, 15)) == (
        "concluded",
        D(2016, 10, 15),
        "day",
    )
    assert status_on(resumed_in_october, D(2016, 10, 16)) == ("active", D(2016, 10, 1), "month")


def test_every_status_change_has_a_period_of_at_least_one_day(resumed_in_october):
    periods = resumed_in_october.corrected().periods
    assert [(p.status, p.starts_on, p.ends_on) for p in periods] == [
        ("planned", D(2016, 8, 1), D(2016, 9, 1)),
        ("active", D(2016, 9, 1), D(2016, 10, 15)),
        ("concluded", D(2016, 10, 15), D(2016, 10, 16)),
        ("active", D(2016, 10, 16), None),
    ]
    # The aggregate's running situation and the replay agree.
    situation = resumed_in_october.situation
    assert (situation.status_since, situation.status_since_precision) == (D(2016, 10, 1), "month")


def test_two_changes_in_the_same_month_each_hold_a_day():
    process = open_process(occurred_on="2016-08-01")
    record(process, "talks_convened", "2016-10-01", date_precision="month")
    record(process, "talks_suspended", "2016-10-01", date_precision="month")
    periods = process.corrected().periods
    assert [(p.status, p.starts_on) for p in periods][1:] == [
        ("active", D(2016, 10, 1)),
        ("suspended", D(2016, 10, 2)),
    ]


def test_a_month_precise_change_with_no_day_of_its_month_left_is_refused():
    process = open_process(occurred_on="2016-08-01")
    record(process, "talks_convened", "2016-09-01")
    record(process, "talks_concluded", "2016-10-31", outcome="no_agreement")
    with pytest.raises(InvalidEvent) as refusal:
        record(process, "talks_resumed", "2016-10-01", date_precision="month")
    assert "31 October 2016, the last day of October 2016" in refusal.value.errors["occurred_on"][0]
    assert process.version == 3


def test_a_dated_change_cannot_precede_the_day_a_month_precise_one_took_effect(
    resumed_in_october,
):
    with pytest.raises(OutOfOrder) as refusal:
        record(resumed_in_october, "talks_suspended", "2016-10-15")
    assert refusal.value.not_before == D(2016, 10, 16)
    assert "takes effect on 16 October 2016" in refusal.value.detail
    assert resumed_in_october.version == 4
    # On that day it would leave the resumption holding on no date (it could only have
    # happened that day too, which nobody recorded); the day after is in order.
    with pytest.raises(InvalidEvent) as on_that_day:
        record(resumed_in_october, "talks_suspended", "2016-10-16")
    assert "takes effect on 2016-10-16" in on_that_day.value.errors["occurred_on"][0]
    assert resumed_in_october.version == 4
    record(resumed_in_october, "talks_suspended", "2016-10-17")


def test_a_correction_that_would_leave_no_day_for_a_month_precise_change_is_refused():
    process = open_process(occurred_on="2016-08-01")
    record(process, "talks_convened", "2016-09-01")
    record(process, "talks_concluded", "2016-10-31", outcome="no_agreement")  # 3
    record(process, "talks_resumed", "2016-11-01", date_precision="month")  # 4
    with pytest.raises(InvalidEvent) as refusal:
        correct(process, 4, occurred_on="2016-10-01")
    assert "changes.occurred_on" in refusal.value.errors
    assert process.version == 4


MARCH = {"expected_resumption_on": "2020-03-01"}


@pytest.fixture
def paused_in_january():
    """Convened 15 January 2020, paused "January", resumed 20 January (an attacker's outside
    test of corrections)."""
    process = open_process(occurred_on="2020-01-01")
    record(process, "talks_convened", "2020-01-15")  # 2
    record(
        process,
        "talks_paused",
        "2020-01-01",
        date_precision="month",
        **MARCH,
    )  # 3
    record(process, "talks_resumed", "2020-01-20")  # 4
    return process


def test_a_correction_that_would_leave_a_later_change_on_no_date_is_refused(paused_in_january):
    """The convening corrected to 31 January was taken: the pause "in January" then held on
    no date, and the talks resumed on the 20th, before they were convened. The same history
    sent as new events is refused; so is the correction that would make it."""
    with pytest.raises(InvalidEvent) as refusal:
        correct(paused_in_january, 2, on="2020-02-01", occurred_on="2020-01-31")
    assert refusal.value.detail.startswith("After this amendment the history would be invalid:")
    assert refusal.value.errors == {
        "changes": [
            "#3 would then be refused: occurred_on: The status last changed on 31 January "
            "2020, the last day of January 2020: a change in that month after it happened on "
            "that day. Record it with its day."
        ]
    }
    assert paused_in_january.version == 4
    # Without the resumption, the pause in January is left no day after the 31st.
    process = open_process(occurred_on="2020-01-01")
    record(process, "talks_convened", "2020-01-15")
    record(process, "talks_paused", "2020-01-01", date_precision="month", **MARCH)
    with pytest.raises(InvalidEvent):
        correct(process, 2, on="2020-02-01", occurred_on="2020-01-31")
    assert process.version == 3
    # A correction that leaves every change a day of its own is taken.
    correct(paused_in_january, 2, on="2020-02-01", occurred_on="2020-01-10")
    assert status_on(paused_in_january, D(2020, 1, 10)) == ("active", D(2020, 1, 10), "day")


def test_a_history_stored_with_a_change_on_no_date_still_takes_amendments():
    """A stored history is folded as recorded: one that left a change on no date before the
    rule (here written directly) still takes a correction of an event before that change."""
    opened = parse_body("process_opened", opening(occurred_on="2020-01-01"))
    at = datetime.datetime(2020, 2, 1, tzinfo=datetime.UTC)
    stored = [
        Entry(1, "process_opened", opened, at, "analyst"),
        Entry(2, "talks_convened", parsed("talks_convened", "2020-01-31"), at, "analyst"),
        Entry(
            3,
            "talks_paused",
            parsed("talks_paused", "2020-01-01", date_precision="month", **MARCH),
            at,
            "analyst",
        ),
        Entry(4, "statement_made", parsed("statement_made", "2020-02-01"), at, "analyst"),
    ]
    # The convening's note corrected: the pause after it is folded again, as stored.
    changes = {"corrects": 2, "changes": {"note": "In Geneva."}, "reason": "Left out."}
    correction = Entry(
        5, "event_corrected", parsed("event_corrected", "2020-02-01", **changes), at, "a"
    )
    after = check_amendment(stored, correction, recorded_on=datetime.date(2020, 2, 1))
    assert after.situation.version == 5


def test_a_correction_is_not_dated_before_its_process_was_opened(paused_in_january):
    """A correction's own date (when the corrected fact came out) was taken as 1950 on a
    process opened in 2020 (an attacker's outside test)."""
    values = parsed(
        "event_corrected", "1950-01-01", corrects=4, changes={"note": "n"}, reason="Typo."
    )
    with pytest.raises(InvalidEvent) as refusal:
        paused_in_january.record("event_corrected", values, recorded_by="analyst")
    assert refusal.value.errors == {
        "occurred_on": [
            "1 January 1950 is before the process was opened (1 January 2020): correct the "
            "opening's date first if the process began earlier."
        ]
    }
    assert paused_in_january.version == 4


def test_restored_history_keeps_the_corrections_an_older_version_took(paused_in_january):
    """An import of an export restores each event with its record time (`recorded_at`): a
    correction an older version took, leaving a later change on no date or dated before the
    opening, is restored as it was recorded (a review: an export from before these rules
    could no longer be imported)."""
    at = datetime.datetime.now(datetime.UTC)  # no earlier than the events before it
    lost = parsed(
        "event_corrected",
        "2020-02-01",
        corrects=2,
        changes={"occurred_on": "2020-01-31"},
        reason="As recorded then.",
    )
    paused_in_january.record("event_corrected", lost, recorded_by="analyst", recorded_at=at)
    early = parsed(
        "event_corrected", "1950-01-01", corrects=2, changes={"note": "n"}, reason="As then."
    )
    paused_in_january.record("event_corrected", early, recorded_by="analyst", recorded_at=at)
    assert paused_in_january.version == 6


def test_a_correction_of_the_opening_is_dated_by_the_opening_s_rules():
    """Moving the opening later than the correction's own date was refused as "correct the
    opening's date first", which is what it did (a review)."""
    process = open_process(occurred_on="2020-01-01")
    correct(process, 1, on="2020-01-10", occurred_on="2020-02-01")
    assert process.version == 2
