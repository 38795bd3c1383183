"""Status changes are recorded in world order; statements may be backdated freely."""

import datetime

import pytest

from negotiations.domain.errors import OutOfOrder
from tests.domain.helpers import open_process, record


def test_a_status_change_before_the_latest_is_refused_with_the_date_not_to_precede():
    process = open_process()
    record(process, "talks_convened", "2016-02-01")
    record(process, "talks_paused", "2016-02-03")
    with pytest.raises(OutOfOrder) as refusal:
        record(process, "talks_resumed", "2016-02-02")
    assert refusal.value.not_before == datetime.date(2016, 2, 3)
    assert process.version == 3


def test_two_changes_on_the_same_day_are_in_order():
    process = open_process()
    record(process, "talks_convened", "2016-02-01")
    record(process, "talks_paused", "2016-02-01")
    assert process.situation.status == "paused"


def test_statements_may_be_backdated():
    process = open_process(occurred_on="2015-11-01")
    record(process, "talks_convened", "2016-02-01")
    record(process, "statement_made", "2015-12-01")
    assert process.situation.status == "active"
    assert process.situation.latest_change_on == datetime.date(2016, 2, 1)
