"""Parties walk out and rejoin; mediators come and go."""

import pytest

from negotiations.domain.errors import InvalidEvent
from tests.domain.helpers import open_process, record


def test_a_party_that_withdrew_stays_listed_until_it_rejoins():
    process = open_process()
    record(process, "party_withdrew", actor="hnc")
    assert process.situation.parties["hnc"] == "withdrawn"
    with pytest.raises(InvalidEvent):
        record(process, "party_withdrew", actor="hnc")
    record(process, "party_joined", actor="hnc")
    assert process.situation.parties["hnc"] == "active"


def test_mediators_are_appointed_and_step_down():
    process = open_process()
    record(process, "mediator_appointed", actor="staffan-de-mistura")
    record(process, "mediator_stepped_down", actor="united-nations")
    assert process.situation.mediators == ["staffan-de-mistura"]
    with pytest.raises(InvalidEvent):
        record(process, "mediator_stepped_down", actor="united-nations")


def test_a_copy_of_the_situation_is_not_changed_by_later_events():
    # The write path keeps the situation before a command as a cheap copy (not deepcopy):
    # events applied afterwards must leave it as it was.
    process = open_process()
    record(process, "talks_convened", venue="Geneva")
    before = process.situation.copy()
    kept = (list(before.mediators), dict(before.parties), list(before.status_causes))
    record(process, "party_withdrew", actor="hnc")
    record(process, "mediator_appointed", actor="staffan-de-mistura")
    record(process, "mediator_stepped_down", actor="united-nations")
    record(process, "talks_paused", expected_resumption_on="2016-02-25")
    assert (before.mediators, before.parties, before.status_causes) == kept
    assert before.status == "active"
    assert process.situation.parties["hnc"] == "withdrawn"
