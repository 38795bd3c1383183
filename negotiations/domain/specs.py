"""What each event type carries (`bodies`), and the one validation of an event body.

The API, the admin forms and the importer all hand a plain dict to `parse_body`; it
validates it with the event type's pydantic model and returns the typed values, or raises
`InvalidEvent` with every problem found, field by field.
"""

from __future__ import annotations

import builtins
import typing
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from pydantic import ValidationError, create_model
from pydantic.fields import FieldInfo

from .bodies import Body
from .body_fields import (
    LIST_MAX,
    NOTE_MAX,
    SHORT_TEXT_MAX,
    TEXT_MAX,
    URL_MAX,
    Kind,
    WorldDate,
    optional,
    parse_date,
)
from .body_refusals import refusal_of
from .errors import InvalidEvent, Words
from .registry import BODIES, OPENING
from .slugs import slugify
from .vocabulary import EventType, gettext_noop

__all__ = ["LIST_MAX", "NOTE_MAX", "SHORT_TEXT_MAX", "TEXT_MAX", "URL_MAX", "parse_date"]

# A date "after today" is judged on UTC; a day of tolerance covers the time zones ahead of it.
FUTURE_TOLERANCE = timedelta(days=1)


def utc_day(moment: datetime | None = None) -> date:
    """The UTC day of `moment` (a time without a zone is UTC's, as everywhere in the tracker),
    or today's: the one calendar that recording, "today" and "after today" are judged on."""
    if moment is None:
        return datetime.now(UTC).date()
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).date()


# No date of a new command is earlier than this (EARLIEST_DATE in the settings, which the
# write side passes in): 0001-01-01 is a typo, not a peace process.
EARLIEST_DATE = date(1900, 1, 1)
COMMON_FIELDS = frozenset({*Body.model_fields, "causes"})


@dataclass(frozen=True)
class FieldSpec:
    """One of an event type's own fields, as its model defines it."""

    name: str
    kind: str  # text, url, slug, date, choice, actor, actors, sequence, changes
    required: bool
    choices: tuple[str, ...]
    max_length: int
    help: str


def _field_spec(name: str, info: FieldInfo) -> FieldSpec:
    kind = next(m.name for m in info.metadata if isinstance(m, Kind))
    lengths = [m.max_length for m in info.metadata if getattr(m, "max_length", None)]
    choices = typing.get_args(info.annotation) if kind == "choice" else ()
    return FieldSpec(
        name,
        kind,
        info.is_required(),
        tuple(c for c in choices if c),
        lengths[0] if lengths else TEXT_MAX,
        info.description or "",
    )


@dataclass(frozen=True)
class EventSpec:
    """An event type: its body model and what follows from it."""

    type: str
    model: builtins.type[Body]  # `type` in this class body is the field above

    @property
    def summary(self) -> str:
        return (self.model.__doc__ or "").strip()

    @property
    def changes_status(self) -> bool:
        return self.model.changes_status

    @property
    def causes(self) -> str:
        """none, optional or required."""
        info = self.model.model_fields.get("causes")
        return "none" if info is None else ("required" if info.is_required() else "optional")

    @property
    def occurred_on_required(self) -> bool:
        return self.model.model_fields["occurred_on"].is_required()

    @property
    def fields(self) -> tuple[FieldSpec, ...]:
        return tuple(
            _field_spec(n, f) for n, f in self.model.model_fields.items() if n not in COMMON_FIELDS
        )


SPECS: dict[str, EventSpec] = {t: EventSpec(t, m) for t, m in BODIES.items()}


@cache
def _changes_model(event_type: str) -> type[Body]:
    """The model of a correction's `changes`: each field optional, checked if present."""
    model = BODIES[event_type]
    fields: dict[str, Any] = {name: optional(info) for name, info in model.model_fields.items()}
    fields["occurred_on"] = (WorldDate, None)  # a correction cannot take the date away
    return create_model(f"{model.__name__}Changes", __base__=model, **fields)


def parse_body(
    event_type: str,
    body: dict[str, Any],
    *,
    partial: bool = False,
    restoring: bool = False,
    stored: bool = False,
) -> dict[str, Any]:
    """Validate an event body (without `type`) and return its typed values.

    With `partial`, only the keys present are checked and returned: that is how the
    `changes` of a correction are validated against the corrected event's type. With
    `restoring` (history imported from an export, its record times given), text meets only
    the rule of what no database can store (`text_rules`): the event was checked when it
    was first recorded, and is never validated again by a newer rule. With `stored` (a
    stored correction's changes, read again on every replay), a field whose rule tightened
    since reads as its older rule read it (`bodies._precision_or_day`).
    """
    model = BODIES.get(event_type)
    if model is None:
        unknown = Words(
            gettext_noop("Unknown event type. One of: %(types)s."), types=", ".join(SPECS)
        )
        raise InvalidEvent({"type": [unknown]})
    if not isinstance(body, dict):
        raise InvalidEvent({"non_field_errors": [gettext_noop("The body must be a JSON object.")]})
    if partial and "slug" in body and event_type == OPENING:
        raise InvalidEvent(
            {"slug": [gettext_noop("Unknown field.")]}
        )  # a process keeps its slug (its id)
    try:
        parsed = (_changes_model(event_type) if partial else model).model_validate(
            body,
            # bodies.whole_body_rule reads `partial`; body_fields' text `restoring`; a
            # precision `stored` and `restoring`.
            context={"partial": partial, "restoring": restoring, "stored": stored},
        )
    except ValidationError as e:
        raise refusal_of(e) from None
    values = parsed.model_dump()
    if partial:  # only the fields sent; the values inside them complete, as in a whole body
        values = {k: v for k, v in values.items() if k in parsed.model_fields_set}
    if event_type == OPENING and not partial and not values["slug"]:
        values["slug"] = slugify(values["name"])
        if not values["slug"]:
            raise InvalidEvent(
                {"slug": [gettext_noop("Could not derive a slug from the name: give one.")]}
            )
    return values


def refuse_uuid_slug(slug: str) -> None:
    """A new process's slug may not be written as a UUID: an address names a process by its
    id or its slug, and such a slug would lead to another process, or to none. (Checked where
    a process is opened, never on a stored opening: a correction cannot change its slug.)"""
    try:
        uuid.UUID(slug)
    except ValueError:
        return
    raise InvalidEvent(
        {"slug": [gettext_noop("A slug may not be written as a UUID (a process's id).")]}
    )


def read_stored_changes(event_type: str, changes: dict[str, Any]) -> dict[str, Any]:
    """A stored correction's `changes` as typed values, never refused: read by today's rules
    when they accept it (dates typed, nested values completed), otherwise as stored with only
    its dates typed. A stored event is never validated again by a rule newer than it."""
    try:
        return parse_body(event_type, changes, partial=True, stored=True)
    except InvalidEvent:
        pass
    spec = SPECS.get(event_type)
    dates = {"occurred_on", *(f.name for f in spec.fields if f.kind == "date")} if spec else set()
    read = dict(changes)
    for key in dates & read.keys():
        read[key] = _date_or_as_stored(read[key])
    if isinstance(read.get("sources"), list):
        read["sources"] = [
            {**s, "published_on": _date_or_as_stored(s.get("published_on"))}
            if isinstance(s, dict) and "published_on" in s
            else s
            for s in read["sources"]
        ]
    return read


def _date_or_as_stored(value: Any) -> Any:
    try:
        return parse_date(value) if isinstance(value, str) and value else value
    except ValueError:
        return value


def refuse_impossible(
    event_type: str,
    values: dict[str, Any],
    *,
    recorded_on: date,
    earliest: date = EARLIEST_DATE,
) -> None:
    """Refuse what cannot have happened, for an event recorded (new) on `recorded_on`: a date
    before `earliest`, an event after tomorrow, a pause expected back before it began.

    These rules bind new commands only: `parse_body` also reads stored events back, and a
    stored event is never validated again by a rule newer than it, so they live here.
    """
    errors: dict[str, list[str]] = {}
    for path, value in _dates(values):
        if value < earliest:
            _add(
                errors,
                path,
                Words(
                    gettext_noop(
                        "%(day)s is before %(earliest)s, the earliest date this tracker "
                        "records (EARLIEST_DATE)."
                    ),
                    day=value.isoformat(),
                    earliest=earliest.isoformat(),
                ),
            )
    occurred_on = values.get("occurred_on")
    latest = recorded_on + FUTURE_TOLERANCE
    if isinstance(occurred_on, date) and occurred_on > latest:
        _add(
            errors,
            "occurred_on",
            Words(
                gettext_noop(
                    "%(day)s is in the future (today is %(today)s UTC): record what has "
                    "happened; announce planned talks as talks scheduled."
                ),
                day=occurred_on.isoformat(),
                today=recorded_on.isoformat(),
            ),
        )
    for i, source in enumerate(values.get("sources") or ()):
        published_on = source.get("published_on") if isinstance(source, dict) else None
        if isinstance(published_on, date) and published_on > latest:
            _add(
                errors,
                f"sources[{i}].published_on",
                Words(
                    gettext_noop(
                        "%(day)s is in the future (today is %(today)s UTC): no source can "
                        "have been published on it yet."
                    ),
                    day=published_on.isoformat(),
                    today=recorded_on.isoformat(),
                ),
            )
    _refuse_before_its_own_date(event_type, values, errors)
    if errors:
        raise InvalidEvent(errors)


# The dates of an event that may not come before the event itself (`occurred_on`): the type,
# the field, its precision's field and the refusal's words.
_NOT_BEFORE_ITS_DATE: dict[str, tuple[str, str, str]] = {
    EventType.TALKS_PAUSED: (
        "expected_resumption_on",
        "expected_resumption_precision",
        gettext_noop("%(day)s is before the pause itself (%(on)s)."),
    ),
    EventType.TALKS_SCHEDULED: (
        "scheduled_for",
        "scheduled_for_precision",
        gettext_noop(
            "%(day)s is before the announcement itself (%(on)s): talks that already took "
            "place are talks_convened."
        ),
    ),
}


def _refuse_before_its_own_date(
    event_type: str, values: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    """A pause is expected to end after it began; talks are announced before (or on) the day
    they are scheduled for, never after. Compared at the coarser of the two precisions."""
    rule = _NOT_BEFORE_ITS_DATE.get(event_type)
    if rule is None:
        return
    field, precision, words = rule
    day, on = values.get(field), values.get("occurred_on")
    if (
        isinstance(day, date)
        and isinstance(on, date)
        and precedes(day, values.get(precision) or "day", on, values.get("date_precision") or "day")
    ):
        _add(errors, field, Words(words, day=day.isoformat(), on=on.isoformat()))


def precedes(day: date, precision: str, other: date, other_precision: str) -> bool:
    """Whether `day` is before `other`, compared at the coarser of their precisions: a
    month-precise date is not before any day of its own month."""
    if "month" in (precision, other_precision):
        return (day.year, day.month) < (other.year, other.month)
    return day < other


def check_as_new(
    event_type: str, values: dict[str, Any], *, recorded_on: date, earliest: date = EARLIEST_DATE
) -> None:
    """Every rule a new event of `event_type` with these (typed) values must pass: the body's
    own rules (required fields, precision, causes, sources) and the impossible facts."""
    parse_body(event_type, values)
    refuse_impossible(event_type, values, recorded_on=recorded_on, earliest=earliest)


def _dates(values: dict[str, Any]) -> Iterator[tuple[str, date]]:
    """Every date of a body with its field's name: `occurred_on`, `sources[0].published_on`."""
    for key, value in values.items():
        if _is_date(value):
            yield key, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    for name, inner in item.items():
                        if _is_date(inner):
                            yield f"{key}[{i}].{name}", inner


def _is_date(value: Any) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _add(errors: dict[str, list[str]], path: str, message: str) -> None:
    errors.setdefault(path, []).append(message)
