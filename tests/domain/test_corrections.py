"""Corrections and retractions are events: the corrected view changes, the history stays."""

import datetime

import pytest

from negotiations.domain.errors import InvalidEvent, InvalidTransition, OutOfOrder
from tests.domain.helpers import correct, open_process, record


@pytest.fixture
def paused():
    process = open_process()
    record(process, "talks_convened", "2016-02-01")  # 2
    record(process, "talks_paused", "2016-02-03")  # 3
    return process


def test_a_correction_changes_the_view_and_keeps_the_original(paused):
    record(
        paused,
        "event_corrected",
        "2016-02-05",
        corrects=3,
        changes={"expected_resumption_on": "2016-02-26"},
        reason="Envoy gave the 26th",
    )
    assert paused.situation.expected_resumption_on == datetime.date(2016, 2, 26)
    view = paused.corrected().views[3]
    assert view.values["expected_resumption_on"] == datetime.date(2016, 2, 26)
    assert view.entry.values["expected_resumption_on"] == datetime.date(2016, 2, 25)
    assert view.corrections[0]["reason"] == "Envoy gave the 26th"
    assert paused.version == 4


def test_a_retraction_removes_the_event_from_the_status(paused):
    record(paused, "event_retracted", "2016-02-05", retracts=3, reason="Misreported")
    assert paused.situation.status == "active"
    assert paused.corrected().views[3].retraction["reason"] == "Misreported"
    record(paused, "talks_suspended", "2016-02-04")  # allowed again from active
    assert paused.situation.status == "suspended"


def test_a_correction_that_breaks_the_history_is_refused(paused):
    with pytest.raises(OutOfOrder):
        correct(paused, 3, occurred_on="2016-01-30", reason="wrong")
    with pytest.raises(InvalidTransition):
        record(paused, "event_retracted", retracts=2, reason="never convened")
    assert paused.version == 3
    assert paused.situation.status == "paused"


def test_amendments_must_name_an_amendable_event(paused):
    for kwargs in ({"corrects": 9}, {"corrects": 3, "changes": {"colour": "x"}}):
        with pytest.raises(InvalidEvent):
            record(paused, "event_corrected", **{"changes": {"note": "x"}, "reason": "r", **kwargs})
    with pytest.raises(InvalidEvent):
        record(paused, "event_retracted", retracts=1, reason="cannot retract the opening")
    record(paused, "event_corrected", corrects=3, changes={"note": "fixed"}, reason="typo")
    with pytest.raises(InvalidEvent):
        record(paused, "event_corrected", corrects=4, changes={"note": "x"}, reason="r")
    assert paused.version == 4


def test_a_correction_is_checked_against_the_corrected_events_type(paused):
    with pytest.raises(InvalidEvent) as refusal:
        record(
            paused,
            "event_corrected",
            corrects=3,
            changes={"expected_resumption_on": "soon"},
            reason="r",
        )
    assert "changes.expected_resumption_on" in refusal.value.errors
