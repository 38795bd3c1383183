"""CAMEO and PLOVER codes, so our events join with GDELT, ICEWS or PLOVER-coded data. Each
event type's codes are declared in its registry entry (`registry.py`); the API, the exports
and the OpenAPI text read them through `registry.code_for`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventCodes:
    cameo: str
    cameo_label: str
    plover: str


@dataclass(frozen=True)
class CodedBy:
    """Codes that depend on a field: its value -> codes; the first is the default."""

    field: str
    variants: dict[str, EventCodes]


NOT_CODED = EventCodes("", "not an event in the world (a record amendment)", "")
