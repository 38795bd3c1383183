"""World order compares at the coarser precision: a month-precise status change is in order
when its month is not before the month of the latest status change, and the other way round."""

import datetime

import pytest

from negotiations.domain.errors import OutOfOrder
from tests.domain.helpers import open_process, record


@pytest.fixture
def concluded_mid_october():
    process = open_process(occurred_on="2016-01-01")
    record(process, "talks_convened", "2016-02-01")
    record(process, "talks_concluded", "2016-10-15")
    return process


def test_a_month_precise_change_in_the_month_of_a_later_day_is_in_order(concluded_mid_october):
    record(concluded_mid_october, "talks_resumed", "2016-10-01", date_precision="month")
    situation = concluded_mid_october.situation
    assert situation.status == "active"
    assert (situation.status_since, situation.status_since_precision) == (
        datetime.date(2016, 10, 1),
        "month",
    )


def test_a_month_precise_change_in_an_earlier_month_is_refused(concluded_mid_october):
    with pytest.raises(OutOfOrder) as refusal:
        record(concluded_mid_october, "talks_resumed", "2016-09-01", date_precision="month")
    assert refusal.value.not_before == datetime.date(2016, 10, 15)
    assert concluded_mid_october.version == 3


def test_after_a_day_precise_change_a_day_is_compared_to_the_day(concluded_mid_october):
    record(concluded_mid_october, "talks_resumed", "2016-11-01", date_precision="month")
    record(concluded_mid_october, "talks_paused", "2016-11-20", expected_resumption_on="2016-12-01")
    with pytest.raises(OutOfOrder) as refusal:
        record(concluded_mid_october, "talks_resumed", "2016-11-19")
    assert refusal.value.as_dict()["not_before_precision"] == "day"  # the pause, to the day


def test_a_day_change_is_compared_with_the_month_of_a_month_precise_one():
    process = open_process(occurred_on="2016-01-01")
    record(process, "talks_convened", "2016-10-01", date_precision="month")
    record(process, "talks_paused", "2016-10-09", expected_resumption_on="2016-10-20")
    assert process.situation.status == "paused"
    process2 = open_process(occurred_on="2016-01-01")
    record(process2, "talks_convened", "2016-10-01", date_precision="month")
    with pytest.raises(OutOfOrder) as refusal:
        record(process2, "talks_paused", "2016-09-30", expected_resumption_on="2016-10-20")
    assert "in October 2016" in refusal.value.detail
    assert refusal.value.as_dict()["not_before_precision"] == "month"
