"""What the agreement events carry: one pydantic model per type, in the style of `bodies`.

An agreement is named by its slug within its process (`agreement`), given when it is signed;
every later event about it names that slug. The lifecycle these events drive, and what it
refuses, is `agreements` (docs/agreements.md).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from .bodies import Body, Source, StatedCause, _causes_required, _Strict, whole_body_rule
from .body_fields import (
    Actors,
    ActorSlug,
    AgreementSlug,
    ConcludedChoice,
    EndReasonChoice,
    Kind,
    NameText,
    OptionalActors,
    OptionalCount,
    OptionalDate,
    OptionalShare,
    OptionalSlug,
    OptionalUrl,
    ShortText,
    StageChoice,
    ThirdPartyRoleChoice,
    VoteResultChoice,
    _list,
    refuse,
)
from .errors import Words
from .vocabulary import gettext_noop


class ThirdParty(_Strict):
    """An actor that is not a party, in one of its roles (a guarantor, a host...)."""

    actor: Annotated[ActorSlug, Field(description=gettext_noop("Actor slug."))]
    role: ThirdPartyRoleChoice


def third_parties_from_text(value: Any) -> Any:
    """Third parties written as text (a CSV cell, an admin field): `cuba:guarantor;
    norway:guarantor`; a list is left to the list's own rules."""
    if not isinstance(value, str):
        return value
    found = []
    for pair in value.split(";"):
        actor, _, role = pair.partition(":")
        if actor.strip() or role.strip():
            found.append({"actor": actor.strip(), "role": role.strip()})
    return found


def third_parties_as_text(value: Any) -> Any:
    """Third parties as `third_parties_from_text` reads them back (a correction's form shows
    the event's own): a list of `{actor, role}` as `cuba:guarantor; norway:guarantor`."""
    if not isinstance(value, list | tuple):
        return value
    return "; ".join(f"{t['actor']}:{t['role']}" for t in value)


class AgreementEvent(Body):
    """An event about an agreement of the process: it names the agreement, and, like a
    status change, it needs at least one source."""

    agreement: Annotated[
        AgreementSlug, Field(description=gettext_noop("The agreement's slug within the process."))
    ]
    sources: Annotated[
        list[Source],
        *_list(
            required=True, message=gettext_noop("An agreement event needs at least one source.")
        ),
    ]


class AgreementSigned(AgreementEvent):
    __doc__ = gettext_noop(
        "An agreement is concluded: signed, or agreed with no signing reported (its slug names "
        "it from then on)."
    )

    event_type = "agreement_signed"
    title: NameText
    stage: StageChoice
    # Empty when none is reported: a ceasefire announced by an envoy ("the parties have
    # agreed") names no signatory, and a joint statement issued by the facilitators has none
    # (the fact sheets' Yemen 2016 and Jeddah 2023). Asking for one made the analyst name
    # the parties, and the tracker then said what no source did (an analyst's outside test).
    signatories: Annotated[
        OptionalActors,
        Field(
            description=gettext_noop(
                "The actors that signed it, or agreed to it; empty when none is reported."
            )
        ),
    ] = []
    concluded: Annotated[
        ConcludedChoice,
        Field(
            description=gettext_noop(
                "'signed', or 'agreed' when the parties agreed to it and no signing was "
                "reported (its signatories are then the parties that agreed)."
            )
        ),
    ] = "signed"
    third_parties: Annotated[
        list[ThirdParty],
        Kind("third_parties"),
        *_list(required=False),
        BeforeValidator(third_parties_from_text),  # runs first: the last before-validator
    ] = []
    text_url: Annotated[
        OptionalUrl,
        Field(description=gettext_noop("Where the text of the agreement is published.")),
    ] = ""
    takes_effect_on: Annotated[
        OptionalDate, Field(description=gettext_noop("The day it is to take effect, when stated."))
    ] = None
    supersedes: Annotated[
        OptionalSlug,
        Field(description=gettext_noop("The slug of the agreement this one replaces.")),
    ] = ""

    @whole_body_rule
    def _coherent(self) -> AgreementSigned:
        if self.takes_effect_on and self.occurred_on and self.takes_effect_on < self.occurred_on:
            raise refuse(
                "before_signing",
                Words(
                    gettext_noop("%(day)s is before the agreement was signed (%(signed)s)."),
                    day=self.takes_effect_on.isoformat(),
                    signed=self.occurred_on.isoformat(),
                ),
                field="takes_effect_on",
            )
        if self.supersedes and self.supersedes == self.agreement:
            raise refuse(
                "supersedes_itself",
                gettext_noop("An agreement cannot supersede itself."),
                field="supersedes",
            )
        # A correction's changes leave out what they do not change (None here).
        roles = [(t.actor, t.role) for t in self.third_parties or ()]
        if len(set(roles)) != len(roles):
            raise refuse(
                "duplicate",
                gettext_noop("A third party is listed twice in one role."),
                field="third_parties",
            )
        return self


class AgreementTookEffect(AgreementEvent):
    __doc__ = gettext_noop("A signed agreement takes effect.")

    event_type = "agreement_took_effect"


class AgreementRatified(AgreementEvent):
    __doc__ = gettext_noop("A parliament or council votes on an agreement.")

    event_type = "agreement_ratified"
    body: Annotated[ShortText, Field(description=gettext_noop("Who voted: 'Senate of Colombia'."))]
    result: VoteResultChoice
    votes_for: OptionalCount = None
    votes_against: OptionalCount = None
    abstentions: OptionalCount = None

    @whole_body_rule
    def _result_agrees_with_the_votes(self) -> AgreementRatified:
        # Approved with more votes against than for cannot have happened; rejected with more
        # for can (a two-thirds rule, a quorum), so that is left to the sources.
        against, votes_for = self.votes_against, self.votes_for
        if self.result == "approved" and against is not None and votes_for is not None:
            if against > votes_for:
                raise refuse(
                    "result",
                    Words(
                        gettext_noop(
                            "Approved with more votes against (%(against)s) than for "
                            "(%(votes_for)s)."
                        ),
                        against=against,
                        votes_for=votes_for,
                    ),
                    field="result",
                )
        return self


class ReferendumHeld(AgreementEvent):
    __doc__ = gettext_noop("A referendum on an agreement.")

    event_type = "referendum_held"
    result: VoteResultChoice
    yes_share: Annotated[
        OptionalShare, Field(description=gettext_noop("Percent of valid votes."))
    ] = None
    no_share: Annotated[
        OptionalShare, Field(description=gettext_noop("Percent of valid votes."))
    ] = None
    turnout: Annotated[
        OptionalShare, Field(description=gettext_noop("Percent of the electorate."))
    ] = None

    @whole_body_rule
    def _shares_add_up(self) -> ReferendumHeld:
        if self.yes_share is not None and self.no_share is not None:
            if self.yes_share + self.no_share > 100.05:  # rounding of two shares
                raise refuse(
                    "shares",
                    gettext_noop("Yes and no shares add up to more than 100."),
                    field="no_share",
                )
            if self.result == "approved" and self.no_share > self.yes_share:
                raise refuse(
                    "result",
                    Words(
                        gettext_noop(
                            "Approved with a no share (%(no)s) above the yes share (%(yes)s)."
                        ),
                        no=self.no_share,
                        yes=self.yes_share,
                    ),
                    field="result",
                )
        return self


class AgreementBreachAlleged(AgreementEvent):
    __doc__ = gettext_noop("An actor alleges a breach of an agreement (a claim).")

    event_type = "agreement_breach_alleged"
    alleged_by: Annotated[
        Actors, *_list(required=True, message=gettext_noop("Say who alleges it."))
    ]
    against: OptionalActors = []
    causes: Annotated[list[StatedCause], *_causes_required()]


class AgreementEnded(AgreementEvent):
    __doc__ = gettext_noop("An agreement stops applying.")

    event_type = "agreement_ended"
    end_reason: EndReasonChoice
    ended_by: OptionalActors = []
    superseded_by: Annotated[
        OptionalSlug,
        Field(description=gettext_noop("With reason 'superseded': the agreement that did.")),
    ] = ""
    causes: Annotated[list[StatedCause], *_list(required=False)] = []

    @whole_body_rule
    def _reason_has_what_it_needs(self) -> AgreementEnded:
        if self.end_reason == "superseded" and not self.superseded_by:
            raise refuse(
                "missing",
                gettext_noop("Name the agreement that superseded it."),
                field="superseded_by",
            )
        if self.end_reason != "superseded" and self.superseded_by:
            raise refuse(
                "superseded_by",
                gettext_noop("Only an agreement ended as 'superseded' names what superseded it."),
                field="superseded_by",
            )
        if self.end_reason in ("denounced", "collapsed") and not self.causes:
            raise refuse(
                "too_short",
                Words(
                    gettext_noop("An agreement %(reason)s needs at least one stated cause."),
                    reason=self.end_reason,
                ),
                field="causes",
            )
        return self


class ThirdPartyJoined(Body):
    __doc__ = gettext_noop("A guarantor, host, observer or other third party joins.")

    event_type = "third_party_joined"
    not_offered = {"role": ("mediator",)}
    actor: ActorSlug
    role: ThirdPartyRoleChoice

    @whole_body_rule
    def _not_a_mediator(self) -> ThirdPartyJoined:
        if self.role in self.not_offered["role"]:
            raise refuse(
                "mediator",
                gettext_noop("A mediator is recorded with mediator_appointed."),
                field="role",
            )
        return self


AGREEMENT_BODIES: dict[str, type[Body]] = {
    m.event_type: m
    for m in (
        AgreementSigned,
        AgreementTookEffect,
        AgreementRatified,
        ReferendumHeld,
        AgreementBreachAlleged,
        AgreementEnded,
        ThirdPartyJoined,
    )
}
