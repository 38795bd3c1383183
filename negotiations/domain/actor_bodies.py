"""The bodies of the events about actors: a party or a mediator coming in or going, a
statement, a name given in a language. Each is named by an entry of the registry, as the
talks' own bodies (`bodies.py`) and the agreements' (`agreement_bodies.py`) are."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .bodies import Body, WithCauses, _Undated, whole_body_rule
from .body_fields import (
    ActorSlug,
    LanguageChoice,
    NameText,
    OptionalActors,
    OptionalActorSlug,
    OptionalText,
    StanceChoice,
    Text,
    refuse,
)
from .vocabulary import gettext_noop


class ActorBody(Body):
    """An event about one actor: a party or a mediator, or who made a statement."""

    actor: ActorSlug


class PartyJoined(ActorBody):
    __doc__ = gettext_noop("A party joins (or rejoins) the talks.")

    event_type = "party_joined"


class PartyWithdrew(ActorBody, WithCauses):
    __doc__ = gettext_noop("A party walks out or withdraws.")

    event_type = "party_withdrew"


class MediatorAppointed(ActorBody):
    __doc__ = gettext_noop("A mediator is appointed.")

    event_type = "mediator_appointed"


class MediatorSteppedDown(ActorBody):
    __doc__ = gettext_noop("A mediator steps down.")

    event_type = "mediator_stepped_down"


class StatementMade(ActorBody, WithCauses):
    __doc__ = gettext_noop(
        "An actor states a position on the talks, alone or jointly with others (a joint "
        "statement or communiqué)."
    )

    event_type = "statement_made"
    stance: StanceChoice
    summary: Text
    quote: OptionalText = ""
    # Added by class version 2 (the registry's `added`): a statement stored before is its
    # actor's alone.
    joint_with: Annotated[
        OptionalActors,
        Field(
            description=gettext_noop(
                "The other actors who issued it jointly, by slug (its actor is the first)."
            )
        ),
    ] = []

    @whole_body_rule
    def _joint_with_others(self) -> StatementMade:
        if self.actor in (self.joint_with or ()):
            raise refuse(
                "duplicate",
                gettext_noop(
                    "Name the statement's actor once, in actor; list only the others here."
                ),
                field="joint_with",
            )
        return self


class NameGiven(_Undated):
    __doc__ = gettext_noop(
        "A name of the process, or of one of its actors, in one of the six UN languages "
        "(ar, zh-hans, en, fr, ru, es), as a source gives it. A later name in the same "
        "language replaces it; a correction or a retraction amends it like any event."
    )

    event_type = "name_given"
    language: LanguageChoice
    name: NameText
    actor: Annotated[
        OptionalActorSlug,
        Field(description=gettext_noop("Actor slug: the actor this names; empty for the process.")),
    ] = ""
