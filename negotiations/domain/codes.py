"""CAMEO and PLOVER codes, so our events join with GDELT, ICEWS or PLOVER-coded data. Each
event type's codes are declared in its registry entry (`registry.py`); the API, the exports
and the webhooks read an event's through `registry.code_for`, and the OpenAPI text lists every
value's from the entry's `codes` (`api/schemas._coded`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EventCodes:
    cameo: str
    cameo_label: str
    plover: str


@dataclass(frozen=True)
class CodedBy:
    """Codes that depend on a field: its value -> codes, or codes that depend on another
    field in their turn; the first is the default (a value it does not list, or none)."""

    field: str
    variants: dict[str, EventCodes | CodedBy]

    def of(self, values: dict[str, Any] | None) -> EventCodes:
        value = (values or {}).get(self.field)  # absent in a partial body
        found = self.variants.get(value) if value is not None else None
        chosen = found or next(iter(self.variants.values()))
        return chosen if isinstance(chosen, EventCodes) else chosen.of(values)


NOT_CODED = EventCodes("", "not an event in the world (a record amendment)", "")
