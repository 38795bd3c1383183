"""The event types: one entry each, the one place an event type is declared.

An entry names the type's body model (`bodies.py`, which carries the type's name), its label,
its CAMEO and PLOVER codes, its status effect, its participation effect, the name of the
application's command that records it and its teller (`telling.py`); the few types that open
a process, amend an event or announce a date declare it (`opens`, `amends`, `announces`), and
the layers ask for `OPENING`, `AMENDMENTS`, `ON_THE_CALENDAR`, ... rather than name them.
Everything else is derived from the entries: the status machine's table, the fold's
participation rules, the aggregate's event classes, the application's commands, the admin
forms and the OpenAPI schema (through `specs.SPECS`), the codes of the API and the exports,
the board's line and the digest's detail.

`tests/domain/test_event_type_registry.py` fails when an `EventType` has no entry, or an
entry lacks a part; "Adding an event type" in docs/architecture.md lists the steps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
_VOTE = CodedBy(
    "result",
    {
        "approved": EventCodes("051", "Praise or endorse", "SUPPORT"),
        "rejected": EventCodes("120", "Reject", "REJECT"),
    },
)
_MEDIATE = EventCodes("045", "Mediate", "CONSULT")


_KINDS = (
    Kind(
        body=b.ProcessOpened,
        label=gettext_noop("Process opened"),
        codes=_MEET,
        status=NO_STATUS_CHANGE,  # it starts the process planned: the fold's own rule
        participation=NO_PARTICIPATION,
        command="open_process",
        tell=t.opened,
        opens=True,
    ),
    Kind(
        body=b.TalksScheduled,
        label=gettext_noop("Talks scheduled"),
        codes=_MEET,
        status=NO_STATUS_CHANGE,
        participation=NO_PARTICIPATION,
        command="schedule_talks",
        tell=t.scheduled,
        announces="scheduled_for",
        added={2: {"scheduled_for_precision": "day"}},  # month precision
    ),
    Kind(
        body=b.TalksConvened,
        label=gettext_noop("Talks convened"),
        codes=_NEGOTIATE,
        status=Moves(S.ACTIVE, after=(S.PLANNED, S.COLLAPSED, S.CONCLUDED)),
        participation=NO_PARTICIPATION,
        command="convene_talks",
        tell=t.convened,
    ),
    Kind(
        body=b.TalksPaused,
        label=gettext_noop("Talks paused"),
        codes=_HALT,
        status=Moves(S.PAUSED, after=(S.ACTIVE,)),
        participation=NO_PARTICIPATION,
        command="pause_talks",
        tell=t.paused,
        announces="expected_resumption_on",  # when given
        added={2: {"expected_resumption_precision": "day"}},  # month precision
    ),
    Kind(
        body=b.TalksResumed,
        label=gettext_noop("Talks resumed"),
        codes=_NEGOTIATE,
        status=Moves(S.ACTIVE, after=(S.PAUSED, S.SUSPENDED, S.COLLAPSED, S.CONCLUDED)),
        participation=NO_PARTICIPATION,
        command="resume_talks",
        tell=t.resumed,
    ),
    Kind(
        body=b.TalksSuspended,
        label=gettext_noop("Talks suspended"),
        codes=_HALT,
        status=Moves(S.SUSPENDED, after=(S.ACTIVE, S.PAUSED)),
        participation=NO_PARTICIPATION,
        command="suspend_talks",
        tell=t.halted,
    ),
    Kind(
        body=b.TalksConcluded,
        label=gettext_noop("Talks concluded"),
        codes=CodedBy(
            "outcome",
            {
                "agreement": EventCodes("057", "Sign formal agreement", "AGREE"),
                "no_agreement": _NEGOTIATE,
            },
        ),
        status=Moves(S.CONCLUDED, after=(S.ACTIVE, S.PAUSED, S.SUSPENDED)),
        participation=NO_PARTICIPATION,
        command="conclude_talks",
        tell=t.concluded,
    ),
    Kind(
        body=b.TalksCollapsed,
        label=gettext_noop("Talks collapsed"),
        codes=_HALT,
        status=Moves(S.COLLAPSED, after=(S.PLANNED, S.ACTIVE, S.PAUSED, S.SUSPENDED)),
        participation=NO_PARTICIPATION,
        command="collapse_talks",
        tell=t.halted,
    ),
    Kind(
        body=b.PartyJoined,
        label=gettext_noop("Party joined"),
        codes=_NEGOTIATE,
        status=NO_STATUS_CHANGE,
        participation=Participation("party", comes_in=True),
        command="join_party",
        tell=t.joined,
    ),
    Kind(
        body=b.PartyWithdrew,
        label=gettext_noop("Party withdrew"),
        codes=_HALT,
        status=NO_STATUS_CHANGE,
        participation=Participation("party", comes_in=False),
        command="withdraw_party",
        tell=t.withdrew,
    ),
    Kind(
        body=b.MediatorAppointed,
        label=gettext_noop("Mediator appointed"),
        codes=_MEDIATE,
        status=NO_STATUS_CHANGE,
        participation=Participation("mediator", comes_in=True),
        command="appoint_mediator",
        tell=t.appointed,
    ),
    Kind(
        body=b.MediatorSteppedDown,
        label=gettext_noop("Mediator stepped down"),
        codes=EventCodes("045", "Mediate (end of a mediation)", "CONSULT"),
        status=NO_STATUS_CHANGE,
        participation=Participation("mediator", comes_in=False),
        command="step_down_mediator",
        tell=t.stepped_down,
    ),
    Kind(
        body=b.StatementMade,
        label=gettext_noop("Statement"),
        codes=CodedBy(
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
        status=NO_STATUS_CHANGE,
        participation=NO_PARTICIPATION,  # its actor states a position; it neither comes in nor goes
        command="make_statement",
        tell=t.stated,
    ),
    Kind(
        body=b.NameGiven,
        label=gettext_noop("Name given"),
        codes=NOT_CODED,
        status=NO_STATUS_CHANGE,
        participation=NO_PARTICIPATION,  # it may name an actor; it moves none
        command="give_name",
        tell=t.named,
        names=True,
    ),
    Kind(
        body=b.EventCorrected,
        label=gettext_noop("Correction"),
        codes=NOT_CODED,
        status=NO_STATUS_CHANGE,
        participation=NO_PARTICIPATION,
        command="correct_event",
        tell=t.corrected,
        amends="corrects",
    ),
    Kind(
        body=b.EventRetracted,
        label=gettext_noop("Retraction"),
        codes=NOT_CODED,
        status=NO_STATUS_CHANGE,
        participation=NO_PARTICIPATION,
        command="retract_event",
        tell=t.retracted,
        amends="retracts",
    ),
    # -- agreements (docs/agreements.md): their lifecycle is `agreements.py`, folded beside
    # the status; none changes the talks' status.
    Kind(
        body=ab.AgreementSigned,
        label=gettext_noop("Agreement signed"),
        codes=CodedBy(
            "stage",
            {
                "pre_negotiation": _SIGN,
                "ceasefire": EventCodes("0871", "Declare truce, ceasefire", "RETREAT"),
                "partial": _SIGN,
                "comprehensive": _SIGN,
                "implementation": _SIGN,
                "renewal": _SIGN,
            },
        ),
        status=NO_STATUS_CHANGE,
        participation=NO_PARTICIPATION,
        command="sign_agreement",
        tell=at.signed,
    ),
    Kind(
        body=ab.AgreementTookEffect,
        label=gettext_noop("Agreement in force"),
        codes=_SIGN,
        status=NO_STATUS_CHANGE,
        participation=NO_PARTICIPATION,
        command="put_agreement_in_force",
        tell=at.took_effect,
    ),
    Kind(
        body=ab.AgreementRatified,
        label=gettext_noop("Ratification vote"),
        codes=_VOTE,
        status=NO_STATUS_CHANGE,
        participation=NO_PARTICIPATION,
        command="ratify_agreement",
        tell=at.ratified,
    ),
    Kind(
        body=ab.ReferendumHeld,
        label=gettext_noop("Referendum"),
        codes=_VOTE,
        status=NO_STATUS_CHANGE,
        participation=NO_PARTICIPATION,
        command="hold_referendum",
        tell=at.referendum,
    ),
    Kind(
        body=ab.AgreementBreachAlleged,
        label=gettext_noop("Breach alleged"),
        codes=EventCodes("112", "Accuse", "ACCUSE"),
        status=NO_STATUS_CHANGE,
        participation=NO_PARTICIPATION,
        command="allege_breach",
        tell=at.breach,
    ),
    Kind(
        body=ab.AgreementEnded,
        label=gettext_noop("Agreement ended"),
        codes=CodedBy(
            "end_reason",
            {
                "expired": EventCodes("", "no CAMEO event (an agreement lapsing)", ""),
                "superseded": EventCodes("", "no CAMEO event (an agreement replaced)", ""),
                "denounced": EventCodes("120", "Reject", "REJECT"),
                "collapsed": EventCodes("16", "Reduce relations", "SANCTION"),
            },
        ),
        status=NO_STATUS_CHANGE,
        participation=NO_PARTICIPATION,
        command="end_agreement",
        tell=at.ended,
    ),
    Kind(
        body=ab.ThirdPartyJoined,
        label=gettext_noop("Third party joined"),
        codes=CodedBy(
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
        status=NO_STATUS_CHANGE,
        participation=NO_PARTICIPATION,  # a third party: its rules are the agreements fold's
        command="join_third_party",
        tell=at.third_party,
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


def tell(event_type: str, values: dict[str, Any], say: t.Voice) -> t.Wording:
    """An event in words, as `say` shows names and dates (nothing for an unknown type)."""
    kind = KINDS.get(event_type)
    return kind.tell(values, say) if kind is not None else t.Wording("", "")


def code_for(event_type: str, values: dict[str, Any] | None = None) -> EventCodes:
    """The codes of an event; without `values`, the type's default (first) variant."""
    return KINDS[event_type].codes_of(values)
