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
