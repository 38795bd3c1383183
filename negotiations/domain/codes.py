"""CAMEO and PLOVER codes of each event type, so our events join with GDELT, ICEWS or
PLOVER-coded data. One table; the API, the exports and the OpenAPI text all read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EventCodes:
    cameo: str
    cameo_label: str
    plover: str


NOT_CODED = EventCodes("", "not an event in the world (a record amendment)", "")

# Event type -> codes; a type whose code depends on a field maps field value -> codes.
CODES: dict[str, EventCodes | tuple[str, dict[str, EventCodes]]] = {
    "process_opened": EventCodes("036", "Express intent to meet or negotiate", "AGREE"),
    "talks_scheduled": EventCodes("036", "Express intent to meet or negotiate", "AGREE"),
    "talks_convened": EventCodes("046", "Engage in negotiation", "CONSULT"),
    "talks_paused": EventCodes("164", "Halt negotiations", "SANCTION"),
    "talks_resumed": EventCodes("046", "Engage in negotiation", "CONSULT"),
    "talks_suspended": EventCodes("164", "Halt negotiations", "SANCTION"),
    "talks_concluded": (
        "outcome",
        {
            "agreement": EventCodes("057", "Sign formal agreement", "AGREE"),
            "no_agreement": EventCodes("046", "Engage in negotiation", "CONSULT"),
        },
    ),
    "talks_collapsed": EventCodes("164", "Halt negotiations", "SANCTION"),
    "party_joined": EventCodes("046", "Engage in negotiation", "CONSULT"),
    "party_withdrew": EventCodes("164", "Halt negotiations", "SANCTION"),
    "mediator_appointed": EventCodes("045", "Mediate", "CONSULT"),
    "mediator_stepped_down": EventCodes("045", "Mediate (end of a mediation)", "CONSULT"),
    "statement_made": (
        "stance",
        {
            "supportive": EventCodes("051", "Praise or endorse", "SUPPORT"),
            "critical": EventCodes("111", "Criticize or denounce", "ACCUSE"),
            "conditional": EventCodes("100", "Make a demand", "REQUEST"),
            "rejecting": EventCodes(
                "125", "Reject proposal to meet, discuss, or negotiate", "REJECT"
            ),
        },
    ),
    "event_corrected": NOT_CODED,
    "event_retracted": NOT_CODED,
}


def code_for(event_type: str, values: dict[str, Any] | None = None) -> EventCodes:
    """The codes of an event; without `values`, the type's default (first) variant."""
    entry = CODES[event_type]
    if isinstance(entry, EventCodes):
        return entry
    field, variants = entry
    value = (values or {}).get(field)  # absent without values, or in a partial body
    found = variants.get(value) if value is not None else None
    return found or next(iter(variants.values()))
