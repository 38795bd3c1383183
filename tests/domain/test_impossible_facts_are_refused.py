"""What cannot have happened is refused: a date after today, a pause expected to end before
it began. Planned talks are `talks_scheduled`, whose `scheduled_for` may be in the future."""

from datetime import timedelta

import pytest

from negotiations.domain.errors import InvalidEvent
from negotiations.domain.specs import SPECS, utc_day
from tests.domain.helpers import open_process, record


def iso(days_from_today: int) -> str:
    return (utc_day() + timedelta(days=days_from_today)).isoformat()


@pytest.fixture
def active():
    process = open_process()
    record(process, "talks_convened", "2016-02-01")
    return process


def test_a_pause_expected_to_end_before_it_began_is_refused(active):
    with pytest.raises(InvalidEvent) as refusal:
        record(active, "talks_paused", "2016-02-03", expected_resumption_on="2016-01-15")
    assert (
        "before the pause itself (2016-02-03)" in refusal.value.errors["expected_resumption_on"][0]
    )
    assert active.version == 2
    assert active.situation.status == "active"


def test_a_pause_may_be_expected_to_end_the_day_it_began(active):
    record(active, "talks_paused", "2016-02-03", expected_resumption_on="2016-02-03")
    assert active.situation.status == "paused"


def test_a_correction_cannot_put_the_resumption_before_the_pause(active):
    record(active, "talks_paused", "2016-02-03", expected_resumption_on="2016-02-25")  # 3
    for changes in (
        {"expected_resumption_on": "2016-01-15"},
        {"occurred_on": "2016-02-28"},  # the pause moved after its own expected end
    ):
        with pytest.raises(InvalidEvent) as refusal:
            record(active, "event_corrected", corrects=3, changes=changes, reason="r")
        assert "changes.expected_resumption_on" in refusal.value.errors
    assert active.version == 3
    assert active.corrected().views[3].values["occurred_on"].isoformat() == "2016-02-03"


@pytest.mark.parametrize("event_type", sorted(SPECS))
def test_an_event_dated_after_tomorrow_is_refused_whatever_its_type(event_type):
    process = open_process()
    record(process, "talks_convened", "2016-02-01")  # 2, so that amendments have a target
    extra = {"corrects": 2, "changes": {"note": "x"}, "reason": "r"}
    extra = extra if event_type == "event_corrected" else {}
    if event_type == "event_retracted":
        extra = {"retracts": 2, "reason": "r"}

    def attempt() -> None:
        if event_type == "process_opened":
            open_process(occurred_on=iso(2))
        else:
            record(process, event_type, iso(2), **extra)

    with pytest.raises(InvalidEvent) as refusal:
        attempt()
    assert "in the future" in refusal.value.errors["occurred_on"][0]
    assert process.version == 2


def test_a_day_ahead_is_tolerated_for_time_zones_ahead_of_utc():
    process = open_process(occurred_on=iso(1))
    record(process, "talks_convened", iso(1))
    record(process, "statement_made", iso(1))
    assert process.version == 3


def test_talks_may_be_scheduled_for_a_future_date():
    process = open_process()
    record(process, "talks_scheduled", iso(0), scheduled_for=iso(60))
    assert process.version == 2


def test_a_correction_cannot_move_an_event_into_the_future(active):
    with pytest.raises(InvalidEvent) as refusal:
        record(active, "event_corrected", corrects=2, changes={"occurred_on": iso(30)}, reason="r")
    assert "in the future" in refusal.value.errors["changes.occurred_on"][0]
    assert active.version == 2


def test_a_retraction_needs_no_date_of_its_own(active):
    from negotiations.domain.specs import parse_body

    values = parse_body("event_retracted", {"retracts": 2, "reason": "Never happened"})
    active.record("event_retracted", values, recorded_by="analyst")
    assert active.situation.status == "planned"
    assert active.entries[-1].occurred_on is None
