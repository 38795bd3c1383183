"""What each event type carries: one pydantic model per event type, the one definition.

Each model is named by an entry of the event-type registry (`registry.py`), which gathers the
type's other parts. `specs.parse_body` validates with these models; the OpenAPI schema
(`api.schemas`) and the admin forms (through `specs.SPECS`) are derived from them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)
from pydantic.fields import FieldInfo

from .body_fields import (
    Actors,
    ActorSlug,
    CauseCategoryChoice,
    Changes,
    Kind,
    NameText,
    OptionalActors,
    OptionalDate,
    OptionalHeadline,
    OptionalNameText,
    OptionalNote,
    OptionalShortText,
    OptionalSlug,
    OptionalTalkFormat,
    OptionalText,
    OutcomeChoice,
    Sequence,
    ShortText,
    Text,
    UrlText,
    WorldDate,
    _choice,
    _list,
    _url,
    refuse,
)
from .errors import Words
from .vocabulary import DATE_PRECISIONS, DatePrecision, gettext_noop


def _precision_or_day(value: Any, info: ValidationInfo) -> Any:
    """Left out, null or empty: the day. A new body's other values must be choices ([], 0 and
    false were recorded as the day: an attacker's outside test); stored changes and restored
    history keep their older rule, any empty value the day (never validated again)."""
    history = any((info.context or {}).get(k) for k in ("stored", "restoring"))
    return "day" if value is None or value == "" or (history and not value) else value


# A date's precision: `day`, or `month` (the day is not known and is sent as 01).
Precision = Annotated[
    DatePrecision,
    Kind("choice"),
    _choice(DATE_PRECISIONS, required=True),
    BeforeValidator(_precision_or_day),
]

# Also the rule for a correction that would leave a status change without one (history.py).
NEEDS_A_SOURCE = gettext_noop("A status change needs at least one source.")
# Said on the `causes` field of the event's own form or body: the type is the reader's
# context already (an admin form said "'talks_suspended' needs…", its code, to an analyst).
NEEDS_A_CAUSE = gettext_noop("This event needs at least one stated cause: who stated it, and why.")

_MONTH_HELP = gettext_noop(
    "day (default), or month: only the month is known, and the date's day is 01."
)


_M = TypeVar("_M", bound=BaseModel)


def whole_body_rule(rule: Callable[[_M], _M]) -> Any:
    """A rule across the fields of a whole body (pydantic's model validator, after the
    fields). A correction's `changes` are checked field by field (`parse_body(partial=True)`,
    which says so in the validation context) and the corrected event as a whole afterwards,
    as new (`history.check_amendment`): read on the changes alone, a rule across fields would
    take the fields left out as empty and refuse a right correction."""

    def checked(self: _M, info: ValidationInfo) -> _M:
        if (info.context or {}).get("partial"):
            return self
        return rule(self)

    checked.__doc__ = rule.__doc__
    return model_validator(mode="after")(checked)


class _Strict(BaseModel):
    """Unknown fields are refused, not ignored.

    Each model's validator is built at its first use, not at import (`defer_build`): the
    processes that never validate a body (migrate, the projection runner, the workers, a
    server until its first write) do not pay for some sixty models' validators."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(_Strict):
    """Where the tracker read about it."""

    url: Annotated[UrlText, AfterValidator(_url), Field(json_schema_extra={"format": "uri"})]
    outlet: ShortText
    title: OptionalHeadline = ""
    published_on: OptionalDate = None


class StatedCause(_Strict):
    """A reason an actor gave, in the cause taxonomy."""

    category: CauseCategoryChoice
    description: Text
    stated_by: Annotated[ActorSlug, Field(description=gettext_noop("Actor slug."))]
    source: Source | None = None


class Body(_Strict):
    """The fields every event has."""

    event_type: ClassVar[str] = ""
    changes_status: ClassVar[bool] = False
    # Choices of a field that its type always refuses (a rule of its own says why): the forms
    # do not offer them.
    not_offered: ClassVar[dict[str, tuple[str, ...]]] = {}
    occurred_on: Annotated[
        WorldDate,
        Field(
            description=gettext_noop(
                "World date (YYYY-MM-DD), not after tomorrow (UTC); with month "
                "precision the day is 01."
            )
        ),
    ]
    date_precision: Precision = "day"
    sources: Annotated[list[Source], *_list(required=False)] = []
    note: OptionalNote = ""
    # Each date field of the type with the field that gives its precision (day or month).
    dated: ClassVar[tuple[tuple[str, str], ...]] = (("occurred_on", "date_precision"),)

    @whole_body_rule
    def _month_precision_names_the_first(self) -> Body:
        for date_field, precision_field in self.dated:
            on = getattr(self, date_field, None)
            if getattr(self, precision_field, None) == "month" and on and on.day != 1:
                raise refuse(
                    "month_precision",
                    gettext_noop("With month precision the day is sent as 01."),
                    field=date_field,
                )
        return self


class _Undated(Body):
    # Deliberately wider than Body's: pydantic validates each model by its own annotation, and
    # these types may come without a world date. Readers of `occurred_on` allow for None.
    occurred_on: OptionalDate = None  # type: ignore[assignment]


class StatusChange(Body):
    changes_status: ClassVar[bool] = True
    sources: Annotated[
        list[Source],
        *_list(required=True, message=NEEDS_A_SOURCE),
    ]


class WithCauses(Body):
    causes: Annotated[list[StatedCause], *_list(required=False)] = []


def _causes_required() -> tuple[BeforeValidator, AfterValidator, FieldInfo]:
    """The rules of a `causes` list that may not be empty."""
    return _list(required=True, message=NEEDS_A_CAUSE)


# -- the event types -----------------------------------------------------------------------


class ProcessOpened(_Undated):
    __doc__ = gettext_noop("A peace process is opened in the tracker (it starts planned).")

    event_type = "process_opened"
    name: NameText
    slug: Annotated[
        OptionalSlug, Field(description=gettext_noop("Derived from the name when omitted."))
    ] = ""
    conflict: NameText
    description: OptionalText = ""
    mediators: Actors
    parties: OptionalActors = []

    @whole_body_rule
    def _no_actor_on_both_sides(self) -> ProcessOpened:
        overlap = set(self.mediators or ()) & set(self.parties or ())
        if overlap:
            raise refuse(
                "overlap",
                Words(
                    gettext_noop("Listed as mediator and party: %(names)s."),
                    names=", ".join(sorted(overlap)),
                ),
                field="parties",
            )
        return self


# Said to an analyst in the admin and to a client in the schema alike: in words, no codes.
_POSTPONED_HELP = gettext_noop(
    "The day (or month) of the talks. Left empty: the talks are postponed and no new date is "
    "set yet; the talks announced before are off the calendar, and a pause no longer expects "
    "the date it expected."
)


class TalksScheduled(Body):
    __doc__ = gettext_noop(
        "Talks are announced for a date and place, or postponed with no new date yet (the date "
        "left empty)."
    )

    event_type = "talks_scheduled"
    dated = (*Body.dated, ("scheduled_for", "scheduled_for_precision"))
    scheduled_for: Annotated[OptionalDate, Field(description=_POSTPONED_HELP)] = None
    scheduled_for_precision: Annotated[
        Precision,
        Field(
            description=gettext_noop(
                "Whether the day of the talks is known, or only their month (the date's day "
                "is then 01). With no date, only the day is taken."
            )
        ),
    ] = "day"
    venue: Annotated[
        OptionalShortText,
        Field(description=gettext_noop("Where: needed with a date, optional when postponed.")),
    ] = ""
    # Why the talks were put off (a postponement's causes, each with who stated it).
    causes: Annotated[list[StatedCause], *_list(required=False)] = []

    @whole_body_rule
    def _no_month_without_a_date(self) -> TalksScheduled:
        """A month with no date would say the month is known while the event says no date
        is set: refused rather than dropped, so that a date left out by mistake is not
        stored as "no new date". A date needs its venue; a postponement may not know it."""
        if self.scheduled_for is None and self.scheduled_for_precision == "month":
            raise refuse(
                "precision_without_date",
                gettext_noop(
                    "A month needs its date: send scheduled_for, or leave the precision out "
                    "for talks postponed with no new date."
                ),
                field="scheduled_for_precision",
            )
        if self.scheduled_for is not None and not self.venue:
            raise refuse(
                "missing",
                gettext_noop("Say where the talks are to be held (or leave out the date)."),
                field="venue",
            )
        return self


class TalksConvened(StatusChange):
    __doc__ = gettext_noop("Talks open (or reopen after a conclusion or collapse).")

    event_type = "talks_convened"
    venue: OptionalShortText = ""
    format: OptionalTalkFormat = ""
    round: OptionalShortText = ""


class TalksPaused(StatusChange, WithCauses):
    __doc__ = gettext_noop("Talks break off with an expected date of resumption.")

    event_type = "talks_paused"
    dated = (*Body.dated, ("expected_resumption_on", "expected_resumption_precision"))
    expected_resumption_on: WorldDate
    expected_resumption_precision: Annotated[Precision, Field(description=_MONTH_HELP)] = "day"


class TalksResumed(StatusChange):
    __doc__ = gettext_noop("Paused, suspended or ended talks start again.")

    event_type = "talks_resumed"
    venue: OptionalShortText = ""


class TalksSuspended(StatusChange):
    __doc__ = gettext_noop("Talks halt with no expected end.")

    event_type = "talks_suspended"
    causes: Annotated[list[StatedCause], *_causes_required()]


class TalksConcluded(StatusChange, WithCauses):
    __doc__ = gettext_noop("Talks end, with or without an agreement.")

    event_type = "talks_concluded"
    outcome: OutcomeChoice
    agreement_title: OptionalNameText = ""


class TalksCollapsed(StatusChange):
    __doc__ = gettext_noop("Talks break down.")

    event_type = "talks_collapsed"
    causes: Annotated[list[StatedCause], *_causes_required()]


class EventCorrected(Body):
    __doc__ = gettext_noop(
        "Corrects fields of an earlier event; the original stays in the history."
    )

    event_type = "event_corrected"
    corrects: Sequence
    changes: Changes
    reason: Text


class EventRetracted(_Undated):
    __doc__ = gettext_noop("Withdraws an earlier event that should not have been recorded.")

    # A retraction withdraws a record: it has no world date of its own.
    event_type = "event_retracted"
    retracts: Sequence
    reason: Text
