"""A process's events cannot be dated before it was opened (compared at the coarser of the two
precisions); give the opening its real date first (issue 23). Stored events are not checked
again: see tests/api/test_events_older_rules_accepted_still_fold.py."""

import pytest

from negotiations.domain.errors import InvalidEvent
from negotiations.domain.specs import SPECS
from tests.domain.helpers import correct, open_process, record

DATED = sorted(t for t, s in SPECS.items() if s.occurred_on_required and t != "event_corrected")


@pytest.mark.parametrize("event_type", DATED)
def test_an_event_dated_before_the_opening_is_refused(event_type):
    process = open_process(occurred_on="2016-02-01")
    with pytest.raises(InvalidEvent) as refusal:
        record(process, event_type, "2016-01-31")
    assert (
        "before the process was opened (1 February 2016)"
        in (refusal.value.errors["occurred_on"][0])
    )
    assert process.version == 1
    assert process.situation.status == "planned"


def test_the_month_of_a_month_precise_opening_is_not_before_it():
    process = open_process(occurred_on="2016-02-01", date_precision="month")
    record(process, "talks_convened", "2016-02-01")
    record(process, "statement_made", "2016-02-01", date_precision="month")
    with pytest.raises(InvalidEvent):
        record(process, "statement_made", "2016-01-31")


def test_a_correction_cannot_move_an_event_before_the_opening():
    process = open_process(occurred_on="2016-02-01")
    record(process, "talks_convened", "2016-02-03")
    with pytest.raises(InvalidEvent) as refusal:
        correct(process, 2, occurred_on="2016-01-20")
    assert "before the process was opened" in refusal.value.errors["changes.occurred_on"][0]
    assert process.version == 2


def test_the_opening_cannot_be_corrected_to_after_its_events():
    process = open_process(occurred_on="2016-02-01")
    record(process, "talks_convened", "2016-02-03")
    with pytest.raises(InvalidEvent) as refusal:
        correct(process, 1, occurred_on="2016-02-10")
    assert "before the process was opened (10 February 2016)" in refusal.value.detail
    correct(process, 1, occurred_on="2016-01-10")  # earlier is fine
    record(process, "statement_made", "2016-01-20")
    assert process.version == 4


def test_a_month_precise_event_is_named_by_its_month_in_the_refusal():
    """An analyst's finding: "2012-02-01 is before the process was opened (26 August
    2012)" of an event recorded "in February 2012": its 1st, as a day nobody gave."""
    process = open_process(occurred_on="2012-08-26")
    with pytest.raises(InvalidEvent) as refusal:
        record(process, "talks_convened", "2012-02-01", date_precision="month")
    [message] = refusal.value.errors["occurred_on"]
    assert message.startswith("February 2012 is before the process was opened (26 August 2012)")
