"""Build aggregates directly, with no database: the domain tests run in milliseconds."""

from __future__ import annotations

from typing import Any

from negotiations.domain.process import PeaceProcess
from negotiations.domain.specs import parse_body
from tests.factories import opening, parsed


def open_process(**over: Any) -> PeaceProcess:
    return PeaceProcess.open(parse_body("process_opened", opening(**over)), recorded_by="analyst")


def record(process: PeaceProcess, event_type: str, occurred_on: str = "2016-02-01", **over: Any):
    values = parsed(event_type, occurred_on, **over)
    return process.record(event_type, values, recorded_by="analyst")


def correct(
    process: PeaceProcess,
    sequence: int,
    *,
    reason: str = "r",
    on: str = "2016-02-01",
    **changes: Any,
):
    """Record an `event_corrected`, dated `on`, that makes `changes` to event `sequence`."""
    return record(process, "event_corrected", on, corrects=sequence, changes=changes, reason=reason)
