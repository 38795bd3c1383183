"""What each event type carries: one pydantic model per event type, the one definition.

`specs.parse_body` validates with these models; the admin forms and the OpenAPI schema are
derived from them. Each field type below carries its own rule and its own message, so the
refusals read as the tracker's, not as pydantic's.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from .vocabulary import CAUSE_CATEGORIES, DATE_PRECISIONS, OUTCOMES, STANCES, TALK_FORMATS

NAME_MAX = 200
SLUG_MAX = 100
SHORT_TEXT_MAX = 200
TEXT_MAX = 2000
NOTE_MAX = 10_000
URL_MAX = 2000
LIST_MAX = 50

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLUG = re.compile(SLUG_PATTERN)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


class Kind:
    """What a field holds, beyond its Python type: read by the admin forms and the importer."""

    def __init__(self, name: str) -> None:
        self.name = name


def _refuse(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def _is_empty(value: Any) -> bool:
    return value is None or value == ""


def parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("Enter a date as YYYY-MM-DD.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value} is not a real date.") from None


def _date(required: bool):
    def check(value: Any) -> date | None:
        if _is_empty(value):
            if required:
                raise _refuse("missing", "This field is required.")
            return None
        try:
            return parse_date(value)
        except ValueError as e:
            raise _refuse("date", str(e)) from None

    return BeforeValidator(check)


def _text(required: bool):
    def check(value: Any) -> Any:
        if _is_empty(value):
            if required:
                raise _refuse("missing", "This field is required.")
            return ""
        if not isinstance(value, str):
            raise _refuse("string_type", "Must be a string.")
        value = value.strip()
        if required and not value:
            raise _refuse("blank", "This field may not be blank.")
        return value

    return BeforeValidator(check)


def _slug(required: bool):
    def check(value: Any) -> Any:
        if _is_empty(value):
            if required:
                raise _refuse("missing", "This field is required.")
            return ""
        if not isinstance(value, str) or not _SLUG.match(value) or len(value) > SLUG_MAX:
            raise _refuse("slug", "Must be a slug: lowercase letters, digits and hyphens.")
        return value

    return BeforeValidator(check)


def _url(value: str) -> str:
    if value and not _URL.match(value):
        raise _refuse("url", "Enter a valid http(s) URL.")
    return value


def _sequence(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _refuse("sequence", "Must be a positive integer (a sequence number).")
    return value


def _choice(choices: tuple[str, ...], required: bool):
    def check(value: Any) -> Any:
        if _is_empty(value):
            if required:
                raise _refuse("missing", "This field is required.")
            return ""
        if value not in choices:
            raise _refuse("choice", f"Must be one of: {', '.join(choices)}.")
        return value

    return BeforeValidator(check)


def _list(required: bool, message: str = ""):
    """A list of at most LIST_MAX items; `message` refuses an empty one."""

    def before(value: Any) -> Any:
        if value is None:
            if required:
                raise _refuse("missing", "This field is required.")
            return []
        if not isinstance(value, list):
            raise _refuse("list_type", "Must be a list.")
        if len(value) > LIST_MAX:
            raise _refuse("too_long", f"At most {LIST_MAX} items.")
        return value

    def after(value: list) -> list:
        if message and not value:
            raise _refuse("too_short", message)
        return value

    extra = {"minItems": 1} if message else None
    return [BeforeValidator(before), AfterValidator(after), Field(json_schema_extra=extra)]


def optional(info: FieldInfo, default: Any = None) -> tuple[Any, FieldInfo]:
    """A model field, the same but optional: for corrections' changes and shown events."""
    field = copy.copy(info)
    field.default = default
    return info.annotation, field


def _distinct(slugs: list[str]) -> list[str]:
    if len(set(slugs)) != len(slugs):
        raise _refuse("duplicate", "An actor is listed twice.")
    return slugs


def _changes(value: Any) -> Any:
    if not isinstance(value, dict):
        raise _refuse("dict_type", "Must be an object.")
    if not value:
        raise _refuse("empty", "Name at least one field to change.")
    return value


def Text(max_length: int = TEXT_MAX, *, required: bool = True) -> Any:  # noqa: N802
    """Text, stripped; required text may not be blank."""
    length = StringConstraints(min_length=1 if required else 0, max_length=max_length)
    return Annotated[str, Kind("text"), _text(required), length]


ShortText = Text(SHORT_TEXT_MAX)
OptionalText = Text(TEXT_MAX, required=False)
OptionalShortText = Text(SHORT_TEXT_MAX, required=False)
_SLUG_SCHEMA = Field(max_length=SLUG_MAX, json_schema_extra={"pattern": SLUG_PATTERN})
OptionalSlug = Annotated[str, Kind("slug"), _slug(required=False), _SLUG_SCHEMA]
ActorSlug = Annotated[str, Kind("actor"), _slug(required=True), _SLUG_SCHEMA]
WorldDate = Annotated[date, Kind("date"), _date(required=True)]
OptionalDate = Annotated[date | None, Kind("date"), _date(required=False)]
Sequence = Annotated[
    int, Kind("sequence"), BeforeValidator(_sequence), Field(json_schema_extra={"minimum": 1})
]
Changes = Annotated[dict[str, Any], Kind("changes"), BeforeValidator(_changes)]


def Choice(choices: tuple[str, ...], *, required: bool = True) -> Any:  # noqa: N802
    values = choices if required else (*choices, "")
    return Annotated[Literal[values], Kind("choice"), _choice(choices, required)]  # type: ignore[valid-type]


def Actors(*, required: bool) -> Any:  # noqa: N802
    return Annotated[list[ActorSlug], Kind("actors"), *_list(required), AfterValidator(_distinct)]


class _Strict(BaseModel):
    """Unknown fields are refused, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """Where the tracker read about it."""

    url: Annotated[Text(URL_MAX), AfterValidator(_url), Field(json_schema_extra={"format": "uri"})]
    outlet: ShortText
    title: OptionalText = ""
    published_on: OptionalDate = None


class StatedCause(_Strict):
    """A reason an actor gave, in the cause taxonomy."""

    category: Choice(tuple(CAUSE_CATEGORIES))
    description: Text(TEXT_MAX)
    stated_by: Annotated[ActorSlug, Field(description="Actor slug.")]
    source: Source | None = None


class Body(_Strict):
    """The fields every event has."""

    event_type: ClassVar[str] = ""
    changes_status: ClassVar[bool] = False
    occurred_on: Annotated[
        WorldDate,
        Field(
            description="World date (YYYY-MM-DD), not after tomorrow (UTC); with month "
            "precision the day is 01."
        ),
    ]
    date_precision: Annotated[  # sent empty, it is "day"
        Literal[DATE_PRECISIONS],
        Kind("choice"),
        _choice(DATE_PRECISIONS, required=True),
        BeforeValidator(lambda v: v or "day"),
    ] = "day"
    sources: Annotated[list[Source], *_list(required=False)] = []
    note: Text(NOTE_MAX, required=False) = ""

    @model_validator(mode="after")
    def _month_precision_names_the_first(self) -> Body:
        if self.date_precision == "month" and self.occurred_on and self.occurred_on.day != 1:
            raise PydanticCustomError(
                "month_precision",
                "With month precision the day is sent as 01.",
                {"field": "occurred_on"},
            )
        return self


class _Undated(Body):
    occurred_on: OptionalDate = None  # type: ignore[assignment]


class StatusChange(Body):
    changes_status: ClassVar[bool] = True
    sources: Annotated[  # type: ignore[assignment]
        list[Source], *_list(required=True, message="A status change needs at least one source.")
    ]


class WithCauses(Body):
    causes: Annotated[list[StatedCause], *_list(required=False)] = []


def _causes_required(event_type: str) -> Any:
    message = f"'{event_type}' needs at least one stated cause."
    return Annotated[list[StatedCause], *_list(required=True, message=message)]


# -- the event types -----------------------------------------------------------------------


class ProcessOpened(_Undated):
    """A peace process is opened in the tracker (it starts planned)."""

    event_type = "process_opened"
    name: Text(NAME_MAX)
    slug: Annotated[OptionalSlug, Field(description="Derived from the name when omitted.")] = ""
    conflict: Text(NAME_MAX)
    description: OptionalText = ""
    mediators: Actors(required=True)
    parties: Actors(required=False) = []

    @model_validator(mode="after")
    def _no_actor_on_both_sides(self) -> ProcessOpened:
        overlap = set(self.mediators or ()) & set(self.parties or ())
        if overlap:
            raise PydanticCustomError(
                "overlap",
                "Listed as mediator and party: {names}.",
                {"field": "parties", "names": ", ".join(sorted(overlap))},
            )
        return self


class TalksScheduled(Body):
    """Talks are announced for a date and place."""

    event_type = "talks_scheduled"
    scheduled_for: WorldDate
    venue: ShortText


class TalksConvened(StatusChange):
    """Talks open (or reopen after a conclusion or collapse)."""

    event_type = "talks_convened"
    venue: OptionalShortText = ""
    format: Choice(TALK_FORMATS, required=False) = ""
    round: OptionalShortText = ""


class TalksPaused(StatusChange, WithCauses):
    """Talks break off with an expected date of resumption."""

    event_type = "talks_paused"
    expected_resumption_on: WorldDate


class TalksResumed(StatusChange):
    """Paused, suspended or ended talks start again."""

    event_type = "talks_resumed"
    venue: OptionalShortText = ""


class TalksSuspended(StatusChange):
    """Talks halt with no expected end."""

    event_type = "talks_suspended"
    causes: _causes_required("talks_suspended")


class TalksConcluded(StatusChange, WithCauses):
    """Talks end, with or without an agreement."""

    event_type = "talks_concluded"
    outcome: Choice(OUTCOMES)
    agreement_title: Text(NAME_MAX, required=False) = ""


class TalksCollapsed(StatusChange):
    """Talks break down."""

    event_type = "talks_collapsed"
    causes: _causes_required("talks_collapsed")


class PartyJoined(Body):
    """A party joins (or rejoins) the talks."""

    event_type = "party_joined"
    actor: ActorSlug


class PartyWithdrew(WithCauses):
    """A party walks out or withdraws."""

    event_type = "party_withdrew"
    actor: ActorSlug


class MediatorAppointed(Body):
    """A mediator is appointed."""

    event_type = "mediator_appointed"
    actor: ActorSlug


class MediatorSteppedDown(Body):
    """A mediator steps down."""

    event_type = "mediator_stepped_down"
    actor: ActorSlug


class StatementMade(WithCauses):
    """An actor states a position on the talks."""

    event_type = "statement_made"
    actor: ActorSlug
    stance: Choice(STANCES)
    summary: Text(TEXT_MAX)
    quote: OptionalText = ""


class EventCorrected(Body):
    """Corrects fields of an earlier event; the original stays in the history."""

    event_type = "event_corrected"
    corrects: Sequence
    changes: Changes
    reason: Text(TEXT_MAX)


class EventRetracted(_Undated):
    """Withdraws an earlier event that should not have been recorded."""

    # A retraction withdraws a record: it has no world date of its own.
    event_type = "event_retracted"
    retracts: Sequence
    reason: Text(TEXT_MAX)


BODIES: dict[str, type[Body]] = {
    m.event_type: m
    for m in (
        ProcessOpened,
        TalksScheduled,
        TalksConvened,
        TalksPaused,
        TalksResumed,
        TalksSuspended,
        TalksConcluded,
        TalksCollapsed,
        PartyJoined,
        PartyWithdrew,
        MediatorAppointed,
        MediatorSteppedDown,
        StatementMade,
        EventCorrected,
        EventRetracted,
    )
}
