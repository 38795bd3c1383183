"""A `talks_scheduled` announces talks ahead: its `scheduled_for` cannot be before its own
`occurred_on` (issue 23). Talks that already took place are `talks_convened`."""

import pytest

from negotiations.domain.errors import InvalidEvent
from tests.domain.helpers import correct, open_process, record


def test_talks_scheduled_for_a_day_before_the_announcement_are_refused():
    process = open_process()
    with pytest.raises(InvalidEvent) as refusal:
        record(process, "talks_scheduled", "2016-03-10", scheduled_for="2016-03-01")
    assert (
        "before the announcement itself (2016-03-10)" in (refusal.value.errors["scheduled_for"][0])
    )
    assert process.version == 1


def test_talks_may_be_announced_on_their_own_day_or_in_their_month():
    process = open_process()
    record(process, "talks_scheduled", "2016-03-10", scheduled_for="2016-03-10")
    record(
        process, "talks_scheduled", "2016-03-01", date_precision="month", scheduled_for="2016-03-05"
    )
    assert process.version == 3


def test_a_correction_cannot_move_the_talks_before_their_announcement():
    process = open_process()
    record(process, "talks_scheduled", "2016-03-01", scheduled_for="2016-03-20")  # 2
    with pytest.raises(InvalidEvent) as refusal:
        correct(process, 2, scheduled_for="2016-02-20")
    assert "changes.scheduled_for" in refusal.value.errors
    assert process.version == 2
