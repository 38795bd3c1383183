"""Every cell of the design's status table: allowed transitions land, the others are refused
with the current status and the allowed events, and change nothing."""

import pytest

from negotiations.domain.errors import InvalidTransition
from negotiations.domain.status_machine import TRANSITIONS
from negotiations.domain.vocabulary import Status
from tests.domain.helpers import open_process, record

STATUS_EVENTS = [
    "talks_convened",
    "talks_paused",
    "talks_resumed",
    "talks_suspended",
    "talks_concluded",
    "talks_collapsed",
]

# The design's table, row by row ("-" is refused).
TABLE = {
    "planned": ["active", "-", "-", "-", "-", "collapsed"],
    "active": ["-", "paused", "-", "suspended", "concluded", "collapsed"],
    "paused": ["-", "-", "active", "suspended", "concluded", "collapsed"],
    "suspended": ["-", "-", "active", "-", "concluded", "collapsed"],
    "collapsed": ["active", "-", "active", "-", "-", "-"],
    "concluded": ["active", "-", "active", "-", "-", "-"],
}

PATH_TO = {
    "planned": [],
    "active": ["talks_convened"],
    "paused": ["talks_convened", "talks_paused"],
    "suspended": ["talks_convened", "talks_suspended"],
    "collapsed": ["talks_collapsed"],
    "concluded": ["talks_convened", "talks_concluded"],
}

CELLS = [
    (start, event, TABLE[start][i]) for start in TABLE for i, event in enumerate(STATUS_EVENTS)
]


def process_in(status):
    process = open_process()
    for event_type in PATH_TO[status]:
        record(process, event_type)
    assert process.situation.status == status
    return process


def test_the_machine_is_the_designs_table():
    for start, event, expected in CELLS:
        got = TRANSITIONS[Status(start)].get(event)
        assert (got or "-") == expected, (start, event)


@pytest.mark.parametrize(("start", "event_type", "expected"), CELLS)
def test_transition(start, event_type, expected):
    process = process_in(start)
    version = process.version
    if expected == "-":
        with pytest.raises(InvalidTransition) as refusal:
            record(process, event_type)
        assert refusal.value.status == start
        assert set(refusal.value.allowed) == {
            e for e, to in zip(STATUS_EVENTS, TABLE[start], strict=False) if to != "-"
        }
        assert start in refusal.value.detail
        assert process.version == version
        assert process.situation.status == start
    else:
        record(process, event_type)
        assert process.situation.status == expected
        assert process.version == version + 1
