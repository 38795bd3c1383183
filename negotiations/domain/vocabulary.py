"""The words of the domain: statuses, event types, the cause taxonomy and other fixed choices.

Plain Python, no framework import: the API, the admin and the forms all take their choices
from here so that there is one list of each.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, get_args


class Status(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    PAUSED = "paused"
    SUSPENDED = "suspended"
    CONCLUDED = "concluded"
    COLLAPSED = "collapsed"


class EventType(StrEnum):
    PROCESS_OPENED = "process_opened"
    TALKS_SCHEDULED = "talks_scheduled"
    TALKS_CONVENED = "talks_convened"
    TALKS_PAUSED = "talks_paused"
    TALKS_RESUMED = "talks_resumed"
    TALKS_SUSPENDED = "talks_suspended"
    TALKS_CONCLUDED = "talks_concluded"
    TALKS_COLLAPSED = "talks_collapsed"
    PARTY_JOINED = "party_joined"
    PARTY_WITHDREW = "party_withdrew"
    MEDIATOR_APPOINTED = "mediator_appointed"
    MEDIATOR_STEPPED_DOWN = "mediator_stepped_down"
    STATEMENT_MADE = "statement_made"
    EVENT_CORRECTED = "event_corrected"
    EVENT_RETRACTED = "event_retracted"
    NAME_GIVEN = "name_given"


# A choice is a `Literal` (the type of the field that holds it, and the schema's enum); its
# values are read from it, so that there is still one list of each. `get_args` of a Literal
# is its values, which is why each tuple below can be declared as a tuple of that Literal.
CauseCategory = Literal[
    "military_escalation",
    "humanitarian_access",
    "preconditions",
    "participation_dispute",
    "procedural",
    "external_pressure",
    "political_crisis",
    "agreement_reached",
    "other",
]
_CAUSE_LABELS: dict[CauseCategory, str] = {
    "military_escalation": "Military escalation",
    "humanitarian_access": "Humanitarian access",
    "preconditions": "Preconditions",
    "participation_dispute": "Participation dispute",
    "procedural": "Procedural",
    "external_pressure": "External pressure",
    "political_crisis": "Political crisis",
    "agreement_reached": "Agreement reached",
    "other": "Other",
}
# In the Literal's order; a category without a label fails here, at import.
CAUSE_CATEGORIES: dict[str, str] = {c: _CAUSE_LABELS[c] for c in get_args(CauseCategory)}

DatePrecision = Literal["day", "month"]
DATE_PRECISIONS: tuple[DatePrecision, ...] = get_args(DatePrecision)
Stance = Literal["supportive", "critical", "conditional", "rejecting"]
STANCES: tuple[Stance, ...] = get_args(Stance)
TalkFormat = Literal["direct", "proximity", "shuttle", "virtual"]
TALK_FORMATS: tuple[TalkFormat, ...] = get_args(TalkFormat)
Outcome = Literal["agreement", "no_agreement"]
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)
# The six UN languages a name can be given in (Django's codes: `zh-hans`, simplified Chinese).
Language = Literal["ar", "zh-hans", "en", "fr", "ru", "es"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
ACTOR_KINDS = ("state", "armed_group", "political_group", "organization", "delegation", "person")
PARTICIPATION = ("active", "withdrawn")
