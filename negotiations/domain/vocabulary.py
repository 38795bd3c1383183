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
    AGREEMENT_SIGNED = "agreement_signed"
    AGREEMENT_TOOK_EFFECT = "agreement_took_effect"
    AGREEMENT_RATIFIED = "agreement_ratified"
    REFERENDUM_HELD = "referendum_held"
    AGREEMENT_BREACH_ALLEGED = "agreement_breach_alleged"
    AGREEMENT_ENDED = "agreement_ended"
    THIRD_PARTY_JOINED = "third_party_joined"


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
ACTOR_KINDS = ("state", "armed_group", "political_group", "organization", "delegation", "person")
PARTICIPATION = ("active", "withdrawn")


# -- agreements (docs/agreements.md) ----------------------------------------------------------
# An agreement's stage, after PA-X's stages (the mapping to PA-X's own codes is in
# `agreements.PAX_STAGES`).
AgreementStage = Literal[
    "pre_negotiation", "ceasefire", "partial", "comprehensive", "implementation", "renewal"
]
AGREEMENT_STAGES: tuple[AgreementStage, ...] = get_args(AgreementStage)
# The roles of a third party, on a process and on an agreement. A mediator of the process is
# `mediator_appointed`; the other roles are `third_party_joined`.
ThirdPartyRole = Literal[
    "mediator", "facilitator", "guarantor", "accompanier", "host", "observer", "monitor"
]
THIRD_PARTY_ROLES: tuple[ThirdPartyRole, ...] = get_args(ThirdPartyRole)
# What a vote (a ratification or a referendum) said.
VoteResult = Literal["approved", "rejected"]
VOTE_RESULTS: tuple[VoteResult, ...] = get_args(VoteResult)
EndReason = Literal["expired", "superseded", "denounced", "collapsed"]
END_REASONS: tuple[EndReason, ...] = get_args(EndReason)


class AgreementStatus(StrEnum):
    SIGNED = "signed"
    IN_FORCE = "in_force"
    REJECTED = "rejected"
    ENDED = "ended"
