"""A correction is checked as if its corrected event were recorded new, with every rule of a
new event: precision, dates, causes, world order."""

import datetime

import pytest

from negotiations.domain.errors import InvalidEvent, OutOfOrder
from tests.domain.helpers import correct, open_process, record


@pytest.fixture
def process():
    process = open_process()
    record(process, "talks_convened", "2016-02-01")  # 2
    record(process, "statement_made", "2016-02-12")  # 3
    record(process, "talks_suspended", "2016-02-15")  # 4
    return process


def test_month_precision_on_an_event_dated_the_12th_is_refused(process):
    with pytest.raises(InvalidEvent) as refusal:
        correct(process, 3, date_precision="month")
    assert refusal.value.errors == {
        "changes.occurred_on": ["With month precision the day is sent as 01."]
    }
    assert "#3 would be refused as a new event" in refusal.value.detail
    assert process.version == 4


def test_month_precision_with_the_day_sent_as_01_is_accepted(process):
    correct(
        process,
        3,
        date_precision="month",
        occurred_on="2016-02-01",
        reason="Only the month is known",
    )
    view = process.corrected().views[3]
    assert (view.values["occurred_on"], view.values["date_precision"]) == (
        datetime.date(2016, 2, 1),
        "month",
    )


def test_a_suspension_cannot_lose_its_last_cause(process):
    with pytest.raises(InvalidEvent) as refusal:
        correct(process, 4, causes=[])
    assert "changes.causes" in refusal.value.errors


def test_a_status_change_cannot_lose_its_sources(process):
    with pytest.raises(InvalidEvent) as refusal:
        correct(process, 4, sources=[])
    assert "changes.sources" in refusal.value.errors


def test_world_order_still_binds_the_corrected_event(process):
    with pytest.raises(OutOfOrder):
        correct(process, 4, occurred_on="2016-01-30")
    assert process.version == 4
