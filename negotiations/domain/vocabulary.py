"""The words of the domain: statuses, event types, the cause taxonomy and other fixed choices.

Plain Python, no framework import: the API, the admin and the forms all take their choices
from here so that there is one list of each.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, get_args


def gettext_noop(message: str) -> str:
    """Marks a label for the translation catalogues (`makemessages` collects every string
    given to a function of this name) and returns it unchanged: the domain imports no
    framework, so each entry point translates the label it shows (`gettext(label)`)."""
    return message


class Status(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    PAUSED = "paused"
    SUSPENDED = "suspended"
    CONCLUDED = "concluded"
    COLLAPSED = "collapsed"


# Each status in words, for pages, feeds and digests.
STATUS_LABELS: dict[str, str] = {
    Status.PLANNED: gettext_noop("Planned"),
    Status.ACTIVE: gettext_noop("Active"),
    Status.PAUSED: gettext_noop("Paused"),
    Status.SUSPENDED: gettext_noop("Suspended"),
    Status.CONCLUDED: gettext_noop("Concluded"),
    Status.COLLAPSED: gettext_noop("Collapsed"),
}


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
    "military_escalation": gettext_noop("Military escalation"),
    "humanitarian_access": gettext_noop("Humanitarian access"),
    "preconditions": gettext_noop("Preconditions"),
    "participation_dispute": gettext_noop("Participation dispute"),
    "procedural": gettext_noop("Procedural"),
    "external_pressure": gettext_noop("External pressure"),
    "political_crisis": gettext_noop("Political crisis"),
    "agreement_reached": gettext_noop("Agreement reached"),
    "other": gettext_noop("Other"),
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
# The other choices in words (the stored value is the key).
CHOICE_LABELS: dict[str, str] = {
    # a date's precision
    "day": gettext_noop("day"),
    "month": gettext_noop("month"),
    "supportive": gettext_noop("supportive"),
    "critical": gettext_noop("critical"),
    "conditional": gettext_noop("conditional"),
    "rejecting": gettext_noop("rejecting"),
    "direct": gettext_noop("direct"),
    "proximity": gettext_noop("proximity"),
    "shuttle": gettext_noop("shuttle"),
    "virtual": gettext_noop("virtual"),
    "agreement": gettext_noop("agreement"),
    "no_agreement": gettext_noop("no agreement"),
    "state": gettext_noop("state"),
    "armed_group": gettext_noop("armed group"),
    "political_group": gettext_noop("political group"),
    "organization": gettext_noop("organization"),
    "delegation": gettext_noop("delegation"),
    "person": gettext_noop("person"),
    "withdrawn": gettext_noop("withdrawn"),
    # an agreement's stage (PA-X's), as a sentence reads it
    "pre_negotiation": gettext_noop("pre-negotiation"),
    "ceasefire": gettext_noop("ceasefire"),
    "partial": gettext_noop("partial"),
    "comprehensive": gettext_noop("comprehensive"),
    "implementation": gettext_noop("implementation"),
    "renewal": gettext_noop("renewal"),
    # a third party's role
    "mediator": gettext_noop("mediator"),
    "facilitator": gettext_noop("facilitator"),
    "guarantor": gettext_noop("guarantor"),
    "accompanier": gettext_noop("accompanier"),
    "host": gettext_noop("host"),
    "observer": gettext_noop("observer"),
    "monitor": gettext_noop("monitor"),
    # what a vote said; why an agreement ended
    "approved": gettext_noop("approved"),
    "rejected": gettext_noop("rejected"),
    "expired": gettext_noop("expired"),
    "superseded": gettext_noop("superseded"),
    "denounced": gettext_noop("denounced"),
    "collapsed": gettext_noop("collapsed"),
    # how an agreement was concluded
    "signed": gettext_noop("signed"),
    "agreed": gettext_noop("agreed, no signing reported"),
}


# -- agreements (docs/agreements.md) ----------------------------------------------------------
# An agreement's stage, after PA-X's stages (the mapping to PA-X's own codes is
# `PAX_STAGES`, below).
AgreementStage = Literal[
    "pre_negotiation", "ceasefire", "partial", "comprehensive", "implementation", "renewal"
]
AGREEMENT_STAGES: tuple[AgreementStage, ...] = get_args(AgreementStage)
# PA-X's stage codes (its "Stage" field) for each stage of this tracker; an export in PA-X's
# layout writes the code, an import of PA-X data reads it back (docs/agreements.md).
PAX_STAGES: dict[str, tuple[str, str]] = {
    "pre_negotiation": ("Pre", "Pre-negotiation/process"),
    "ceasefire": ("Cea", "Ceasefire/related"),
    "partial": ("SubPar", "Framework/substantive - partial"),
    "comprehensive": ("SubComp", "Framework/substantive - comprehensive"),
    "implementation": ("Imp", "Implementation/renegotiation"),
    "renewal": ("Ren", "Renewal"),
}
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
# How an agreement was concluded: signed, or agreed with no signing reported (a ceasefire the
# facilitators announce as agreed, a statement of commitments): never told as signed.
Concluded = Literal["signed", "agreed"]
CONCLUDED: tuple[Concluded, ...] = get_args(Concluded)


class AgreementStatus(StrEnum):
    SIGNED = "signed"
    IN_FORCE = "in_force"
    REJECTED = "rejected"
    ENDED = "ended"


# An agreement's stage and status in words, for the board's tables (a column heads them).
AGREEMENT_STAGE_LABELS: dict[str, str] = {
    "pre_negotiation": gettext_noop("Pre-negotiation"),
    "ceasefire": gettext_noop("Ceasefire"),
    "partial": gettext_noop("Partial"),
    "comprehensive": gettext_noop("Comprehensive"),
    "implementation": gettext_noop("Implementation"),
    "renewal": gettext_noop("Renewal"),
}
AGREEMENT_STATUS_LABELS: dict[str, str] = {
    AgreementStatus.SIGNED: gettext_noop("Signed"),
    AgreementStatus.IN_FORCE: gettext_noop("In force"),
    AgreementStatus.REJECTED: gettext_noop("Rejected"),
    AgreementStatus.ENDED: gettext_noop("Ended"),
}
