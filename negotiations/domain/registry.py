"""The event types: one entry each, the one place an event type is declared.

An entry names the type's body model (`bodies.py`, which carries the type's name), its label,
its CAMEO and PLOVER codes, its status effect, its participation effect, the name of the
application's command that records it and its teller (`telling.py`); its family's function
(`_talks`, `_actor`, `_record`) declares the effects the family has not. The few types that
open a process, amend an event or announce a date declare it (`opens`, `amends`,
`announces`), and the layers ask for `OPENING`, `AMENDMENTS`, `ON_THE_CALENDAR`, ... rather
than name them. Everything else is derived from the entries: the status machine's table, the
fold's participation rules, the aggregate's event classes, the application's commands, the
admin forms and the OpenAPI schema (through `specs.SPECS`), the codes of the API and the
exports, the board's line and the digest's detail.

`tests/domain/test_event_type_registry.py` fails when an `EventType` has no entry, or an
entry lacks a part; "Adding an event type" in docs/architecture.md lists the steps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import actor_bodies as actors
from . import agreement_bodies as ab
from . import agreement_telling as at
from . import bodies as b
from . import telling as t
from .codes import NOT_CODED, CodedBy, EventCodes
from .kinds import NO_PARTICIPATION, NO_STATUS_CHANGE, Kind, Moves, Participation
from .vocabulary import Status as S
from .vocabulary import gettext_noop

_NEGOTIATE = EventCodes("046", "Engage in negotiation", "CONSULT")
_MEET = EventCodes("036", "Express intent to meet or negotiate", "AGREE")
_HALT = EventCodes("164", "Halt negotiations", "SANCTION")
_SIGN = EventCodes("057", "Sign formal agreement", "AGREE")
# An agreement reached with no signing reported: an intent to settle the dispute (CAMEO's
# 03x codes: "offer, promise, agree to"), not 057's signing.
_SETTLE = EventCodes("037", "Express intent to settle dispute", "AGREE")
_CEASEFIRE = EventCodes("0871", "Declare truce, ceasefire", "RETREAT")


def _by_stage(agreement: EventCodes, *, pre_negotiation: EventCodes) -> CodedBy:
    """An agreement's codes by its stage: a ceasefire is a truce declared, whatever else."""
    return CodedBy(
        "stage",
        {
            "pre_negotiation": pre_negotiation,
            "ceasefire": _CEASEFIRE,
            **dict.fromkeys(("partial", "comprehensive", "implementation", "renewal"), agreement),
        },
    )


_VOTE = CodedBy(
    "result",
    {
        "approved": EventCodes("051", "Praise or endorse", "SUPPORT"),
        "rejected": EventCodes("120", "Reject", "REJECT"),
    },
)
_MEDIATE = EventCodes("045", "Mediate", "CONSULT")
Codes = EventCodes | CodedBy


# Each entry is made by its family's function, which declares what the family does not move
# (NO_STATUS_CHANGE, NO_PARTICIPATION), so that an entry says only what is its own.


def _talks(
    body: type[b.Body],
    label: str,
    codes: Codes,
    status: Moves,
    command: str,
    tell: t.Teller,
    **parts: Any,
) -> Kind:
    """An event of the talks themselves: it says how it moves the status; it moves no actor."""
    return Kind(body, label, codes, status, NO_PARTICIPATION, command, tell, **parts)


def _actor(
    body: type[b.Body],
    label: str,
    codes: Codes,
    participation: Participation,
    command: str,
    tell: t.Teller,
) -> Kind:
    """An actor coming in or going: it says which; it moves no status."""
    return Kind(body, label, codes, NO_STATUS_CHANGE, participation, command, tell)


def _record(
    body: type[b.Body], label: str, codes: Codes, command: str, tell: t.Teller, **parts: Any
) -> Kind:
    """What moves neither the status nor an actor: a statement, a name, an amendment, an
    agreement's event (the agreements fold their own lifecycle, `agreements.py`)."""
    return Kind(body, label, codes, NO_STATUS_CHANGE, NO_PARTICIPATION, command, tell, **parts)


_KINDS = (
    # It moves no status: it starts the process planned (the fold's own rule).
    _record(
        b.ProcessOpened, gettext_noop("Process opened"), _MEET, "open_process", t.opened, opens=True
    ),
    _record(
        b.TalksScheduled,
        gettext_noop("Talks scheduled"),
        _MEET,
        "schedule_talks",
        t.scheduled,
        announces="scheduled_for",
        # month precision; then the causes of a postponement
        added={2: {"scheduled_for_precision": "day"}, 3: {"causes": []}},
    ),
    _talks(
        b.TalksConvened,
        gettext_noop("Talks convened"),
        _NEGOTIATE,
        Moves(S.ACTIVE, after=(S.PLANNED, S.COLLAPSED, S.CONCLUDED)),
        "convene_talks",
        t.convened,
    ),
    _talks(
        b.TalksPaused,
        gettext_noop("Talks paused"),
        _HALT,
        Moves(S.PAUSED, after=(S.ACTIVE,)),
        "pause_talks",
        t.paused,
        announces="expected_resumption_on",  # when given
        added={2: {"expected_resumption_precision": "day"}},  # month precision
    ),
    _talks(
        b.TalksResumed,
        gettext_noop("Talks resumed"),
        _NEGOTIATE,
        Moves(S.ACTIVE, after=(S.PAUSED, S.SUSPENDED, S.COLLAPSED, S.CONCLUDED)),
        "resume_talks",
        t.resumed,
    ),
    _talks(
        b.TalksSuspended,
        gettext_noop("Talks suspended"),
        _HALT,
        Moves(S.SUSPENDED, after=(S.ACTIVE, S.PAUSED)),
        "suspend_talks",
        t.halted,
    ),
    _talks(
        b.TalksConcluded,
        gettext_noop("Talks concluded"),
        CodedBy(
            "outcome",
            {
                # The signing, if there was one, is its agreement's own event (057).
                "agreement": _SETTLE,
                "no_agreement": _NEGOTIATE,
            },
        ),
        Moves(S.CONCLUDED, after=(S.ACTIVE, S.PAUSED, S.SUSPENDED)),
        "conclude_talks",
        t.concluded,
    ),
    _talks(
        b.TalksCollapsed,
        gettext_noop("Talks collapsed"),
        _HALT,
        Moves(S.COLLAPSED, after=(S.PLANNED, S.ACTIVE, S.PAUSED, S.SUSPENDED)),
        "collapse_talks",
        t.halted,
    ),
    _actor(
        actors.PartyJoined,
        gettext_noop("Party joined"),
        _NEGOTIATE,
        Participation("party", comes_in=True),
        "join_party",
        t.joined,
    ),
    _actor(
        actors.PartyWithdrew,
        gettext_noop("Party withdrew"),
        _HALT,
        Participation("party", comes_in=False),
        "withdraw_party",
        t.withdrew,
    ),
    _actor(
        actors.MediatorAppointed,
        gettext_noop("Mediator appointed"),
        _MEDIATE,
        Participation("mediator", comes_in=True),
        "appoint_mediator",
        t.appointed,
    ),
    _actor(
        actors.MediatorSteppedDown,
        gettext_noop("Mediator stepped down"),
        EventCodes("045", "Mediate (end of a mediation)", "CONSULT"),
        Participation("mediator", comes_in=False),
        "step_down_mediator",
        t.stepped_down,
    ),
    # Its actor states a position; it neither comes in nor goes.
    _record(
        actors.StatementMade,
        gettext_noop("Statement"),
        CodedBy(
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
        "make_statement",
        t.stated,
        added={2: {"joint_with": []}},  # a statement stored before is its actor's alone
    ),
    # It may name an actor; it moves none.
    _record(
        actors.NameGiven, gettext_noop("Name given"), NOT_CODED, "give_name", t.named, names=True
    ),
    _record(
        b.EventCorrected,
        gettext_noop("Correction"),
        NOT_CODED,
        "correct_event",
        t.corrected,
        amends="corrects",
    ),
    _record(
        b.EventRetracted,
        gettext_noop("Retraction"),
        NOT_CODED,
        "retract_event",
        t.retracted,
        amends="retracts",
    ),
    # -- agreements (docs/agreements.md): their lifecycle is `agreements.py`, folded beside
    # the status; none changes the talks' status.
    _record(
        ab.AgreementSigned,
        gettext_noop("Agreement concluded"),  # signed, or agreed: `concluded` says which
        CodedBy(
            "concluded",
            {
                "signed": _by_stage(_SIGN, pre_negotiation=_SIGN),
                # No signing reported: a ceasefire is declared all the same; any other
                # agreement is not coded as the signing (057) no one reported.
                "agreed": _by_stage(_SETTLE, pre_negotiation=_MEET),
            },
        ),
        "sign_agreement",
        at.signed,
        added={2: {"concluded": "signed"}},  # agreed with no signing reported
    ),
    _record(
        ab.AgreementTookEffect,
        gettext_noop("Agreement in force"),
        _SIGN,
        "put_agreement_in_force",
        at.took_effect,
    ),
    _record(
        ab.AgreementRatified,
        gettext_noop("Ratification vote"),
        _VOTE,
        "ratify_agreement",
        at.ratified,
    ),
    _record(ab.ReferendumHeld, gettext_noop("Referendum"), _VOTE, "hold_referendum", at.referendum),
    _record(
        ab.AgreementBreachAlleged,
        gettext_noop("Breach alleged"),
        EventCodes("112", "Accuse", "ACCUSE"),
        "allege_breach",
        at.breach,
    ),
    _record(
        ab.AgreementEnded,
        gettext_noop("Agreement ended"),
        CodedBy(
            "end_reason",
            {
                "expired": EventCodes("", "no CAMEO event (an agreement lapsing)", ""),
                "superseded": EventCodes("", "no CAMEO event (an agreement replaced)", ""),
                "denounced": EventCodes("120", "Reject", "REJECT"),
                "collapsed": EventCodes("16", "Reduce relations", "SANCTION"),
            },
        ),
        "end_agreement",
        at.ended,
    ),
    # A third party: it moves no actor, its rules are the agreements fold's.
    _record(
        ab.ThirdPartyJoined,
        gettext_noop("Third party joined"),
        CodedBy(
            "role",
            {
                "mediator": _MEDIATE,  # refused by its body: a mediator is appointed
                "facilitator": _MEDIATE,
                "guarantor": _MEDIATE,
                "accompanier": _MEDIATE,
                "host": EventCodes("044", "Meet at third location", "CONSULT"),
                "observer": _MEDIATE,
                "monitor": _MEDIATE,
            },
        ),
        "join_third_party",
        at.third_party,
    ),
)

# -- derived from the entries --------------------------------------------------------------

KINDS: dict[str, Kind] = {k.type: k for k in _KINDS}
BODIES: dict[str, type[b.Body]] = {t: k.body for t, k in KINDS.items()}
EVENT_LABELS: dict[str, str] = {t: k.label for t, k in KINDS.items()}
STATUS_CHANGING_TYPES = frozenset(t for t, k in KINDS.items() if k.changes_status)
PARTICIPATION_EVENTS = frozenset(t for t, k in KINDS.items() if k.moves_actor)
COMMANDS: dict[str, str] = {k.command: t for t, k in KINDS.items()}


def _the_one(declares: Callable[[Kind], bool]) -> str:
    """The type of the one entry that `declares` a part (an error at import unless one)."""
    (found,) = (t for t, k in KINDS.items() if declares(k))
    return found


OPENING = _the_one(lambda k: k.opens)  # the type of a process's first event
CORRECTION = _the_one(lambda k: k.amends == "corrects")
RETRACTION = _the_one(lambda k: k.amends == "retracts")
AMENDMENTS = frozenset(t for t, k in KINDS.items() if k.amends)
SCHEDULING = _the_one(lambda k: k.announces == "scheduled_for")  # talks announced for a date
NAMING = _the_one(lambda k: k.names)  # a name in one of the six languages
ON_THE_CALENDAR = frozenset(t for t, k in KINDS.items() if k.announces)
# The statuses a change that may state causes leads to (paused, suspended, concluded,
# collapsed): only of these can the record say that no cause was stated. A convening or a
# resumption takes none, and "no cause was stated" under one reads as a fact.
STATUSES_WITH_CAUSES = frozenset(
    k.status.to
    for k in KINDS.values()
    if k.status != NO_STATUS_CHANGE and "causes" in k.body.model_fields
)


def tell(event_type: str, values: dict[str, Any], say: t.Voice) -> t.Wording:
    """An event in words, as `say` shows names and dates (nothing for an unknown type)."""
    kind = KINDS.get(event_type)
    return kind.tell(values, say) if kind is not None else t.Wording("", "")


def code_for(event_type: str, values: dict[str, Any] | None = None) -> EventCodes:
    """The codes of an event; without `values`, the type's default (first) variant."""
    return KINDS[event_type].codes_of(values)
