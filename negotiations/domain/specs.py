"""What each event type carries, and the one validation of an event body.

The API, the admin forms and the importer all hand a plain dict to `parse_body`; it returns
the typed values or raises `InvalidEvent` with every problem found, field by field.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from .errors import InvalidEvent
from .vocabulary import (
    CAUSE_CATEGORIES,
    DATE_PRECISIONS,
    OUTCOMES,
    STANCES,
    TALK_FORMATS,
    EventType,
)

NAME_MAX = 200
SLUG_MAX = 100
SHORT_TEXT_MAX = 200
TEXT_MAX = 2000
NOTE_MAX = 10_000
URL_MAX = 2000
LIST_MAX = 50

# A date "after today" is judged on UTC; a day of tolerance covers the time zones ahead of it.
FUTURE_TOLERANCE = timedelta(days=1)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@dataclass(frozen=True)
class FieldSpec:
    """One of an event type's own fields."""

    name: str
    kind: str  # text, slug, date, choice, actor, actors, sequence, changes
    required: bool = True
    choices: tuple[str, ...] = ()
    max_length: int = TEXT_MAX
    help: str = ""


@dataclass(frozen=True)
class EventSpec:
    type: str
    summary: str
    fields: tuple[FieldSpec, ...] = ()
    causes: str = "none"  # none, optional, required
    changes_status: bool = False
    correctable: bool = True
    occurred_on_required: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    # Computed once per spec (every body checked asks): a spec never changes.
    @cached_property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @cached_property
    def allowed_keys(self) -> frozenset[str]:
        keys = {"occurred_on", "date_precision", "sources", "note", *self.field_names}
        if self.causes != "none":
            keys.add("causes")
        return frozenset(keys)


def _f(name: str, kind: str, **kw: Any) -> FieldSpec:
    return FieldSpec(name, kind, **kw)


SPECS: dict[str, EventSpec] = {
    str(s.type): s
    for s in (
        EventSpec(
            EventType.PROCESS_OPENED,
            "A peace process is opened in the tracker (it starts planned).",
            (
                _f("name", "text", max_length=NAME_MAX),
                _f(
                    "slug",
                    "slug",
                    required=False,
                    max_length=SLUG_MAX,
                    help="Derived from the name when omitted.",
                ),
                _f("conflict", "text", max_length=NAME_MAX),
                _f("description", "text", required=False),
                _f("mediators", "actors"),
                _f("parties", "actors", required=False),
            ),
            occurred_on_required=False,
        ),
        EventSpec(
            EventType.TALKS_SCHEDULED,
            "Talks are announced for a date and place.",
            (_f("scheduled_for", "date"), _f("venue", "text", max_length=SHORT_TEXT_MAX)),
        ),
        EventSpec(
            EventType.TALKS_CONVENED,
            "Talks open (or reopen after a conclusion or collapse).",
            (
                _f("venue", "text", required=False, max_length=SHORT_TEXT_MAX),
                _f("format", "choice", required=False, choices=TALK_FORMATS),
                _f("round", "text", required=False, max_length=SHORT_TEXT_MAX),
            ),
            changes_status=True,
        ),
        EventSpec(
            EventType.TALKS_PAUSED,
            "Talks break off with an expected date of resumption.",
            (_f("expected_resumption_on", "date"),),
            causes="optional",
            changes_status=True,
        ),
        EventSpec(
            EventType.TALKS_RESUMED,
            "Paused, suspended or ended talks start again.",
            (_f("venue", "text", required=False, max_length=SHORT_TEXT_MAX),),
            changes_status=True,
        ),
        EventSpec(
            EventType.TALKS_SUSPENDED,
            "Talks halt with no expected end.",
            causes="required",
            changes_status=True,
        ),
        EventSpec(
            EventType.TALKS_CONCLUDED,
            "Talks end, with or without an agreement.",
            (
                _f("outcome", "choice", choices=OUTCOMES),
                _f("agreement_title", "text", required=False, max_length=NAME_MAX),
            ),
            causes="optional",
            changes_status=True,
        ),
        EventSpec(
            EventType.TALKS_COLLAPSED,
            "Talks break down.",
            causes="required",
            changes_status=True,
        ),
        EventSpec(
            EventType.PARTY_JOINED, "A party joins (or rejoins) the talks.", (_f("actor", "actor"),)
        ),
        EventSpec(
            EventType.PARTY_WITHDREW,
            "A party walks out or withdraws.",
            (_f("actor", "actor"),),
            causes="optional",
        ),
        EventSpec(
            EventType.MEDIATOR_APPOINTED, "A mediator is appointed.", (_f("actor", "actor"),)
        ),
        EventSpec(
            EventType.MEDIATOR_STEPPED_DOWN, "A mediator steps down.", (_f("actor", "actor"),)
        ),
        EventSpec(
            EventType.STATEMENT_MADE,
            "An actor states a position on the talks.",
            (
                _f("actor", "actor"),
                _f("stance", "choice", choices=STANCES),
                _f("summary", "text"),
                _f("quote", "text", required=False),
            ),
            causes="optional",
        ),
        EventSpec(
            EventType.EVENT_CORRECTED,
            "Corrects fields of an earlier event; the original stays in the history.",
            (
                _f("corrects", "sequence"),
                _f("changes", "changes"),
                _f("reason", "text"),
            ),
            correctable=False,
        ),
        EventSpec(
            EventType.EVENT_RETRACTED,
            "Withdraws an earlier event that should not have been recorded.",
            (_f("retracts", "sequence"), _f("reason", "text")),
            correctable=False,
            # A retraction withdraws a record: it has no world date of its own.
            occurred_on_required=False,
        ),
    )
}

STATUS_CHANGING_TYPES = frozenset(t for t, s in SPECS.items() if s.changes_status)


def slugify(value: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:SLUG_MAX].strip("-")


def parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("Enter a date as YYYY-MM-DD.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value} is not a real date.") from None


class _Errors:
    """Collects messages by field path so that one call reports every problem."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        self.by_field.setdefault(path, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise InvalidEvent(self.by_field)


def _text(errors: _Errors, path: str, value: Any, *, required: bool, max_length: int) -> str:
    if value is None or value == "":
        if required:
            errors.add(path, "This field is required.")
        return ""
    if not isinstance(value, str):
        errors.add(path, "Must be a string.")
        return ""
    value = value.strip()
    if required and not value:
        errors.add(path, "This field may not be blank.")
    if len(value) > max_length:
        errors.add(path, f"At most {max_length} characters (got {len(value)}).")
    return value


def _date(errors: _Errors, path: str, value: Any, *, required: bool) -> date | None:
    if value is None or value == "":
        if required:
            errors.add(path, "This field is required.")
        return None
    try:
        return parse_date(value)
    except ValueError as e:
        errors.add(path, str(e))
        return None


def _slug(errors: _Errors, path: str, value: Any) -> str:
    if not isinstance(value, str) or not _SLUG.match(value) or len(value) > SLUG_MAX:
        errors.add(path, "Must be a slug: lowercase letters, digits and hyphens.")
        return ""
    return value


def _object(errors: _Errors, path: str, value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        errors.add(path, "Must be an object.")
        return None
    return value


def _list(errors: _Errors, path: str, value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        errors.add(path, "Must be a list.")
        return []
    if len(value) > LIST_MAX:
        errors.add(path, f"At most {LIST_MAX} items.")
        return []
    return value


def _unknown_keys(errors: _Errors, path: str, value: dict[str, Any], allowed: set[str]) -> None:
    for key in sorted(set(value) - allowed, key=str):
        errors.add(f"{path}.{key}" if path else str(key), "Unknown field.")


def parse_source(errors: _Errors, path: str, value: Any) -> dict[str, Any] | None:
    obj = _object(errors, path, value)
    if obj is None:
        return None
    _unknown_keys(errors, path, obj, {"url", "outlet", "title", "published_on"})
    url = _text(errors, f"{path}.url", obj.get("url"), required=True, max_length=URL_MAX)
    if url and not _URL.match(url):
        errors.add(f"{path}.url", "Enter a valid http(s) URL.")
    return {
        "url": url,
        "outlet": _text(
            errors, f"{path}.outlet", obj.get("outlet"), required=True, max_length=SHORT_TEXT_MAX
        ),
        "title": _text(
            errors, f"{path}.title", obj.get("title"), required=False, max_length=TEXT_MAX
        ),
        "published_on": _date(
            errors, f"{path}.published_on", obj.get("published_on"), required=False
        ),
    }


def parse_cause(errors: _Errors, path: str, value: Any) -> dict[str, Any] | None:
    obj = _object(errors, path, value)
    if obj is None:
        return None
    _unknown_keys(errors, path, obj, {"category", "description", "stated_by", "source"})
    category = obj.get("category")
    if category not in CAUSE_CATEGORIES:
        errors.add(f"{path}.category", f"Must be one of: {', '.join(CAUSE_CATEGORIES)}.")
        category = ""
    stated_by = obj.get("stated_by")
    stated_by = _slug(errors, f"{path}.stated_by", stated_by) if stated_by is not None else ""
    if not stated_by and f"{path}.stated_by" not in errors.by_field:
        errors.add(f"{path}.stated_by", "This field is required.")
    source = obj.get("source")
    return {
        "category": category,
        "description": _text(
            errors,
            f"{path}.description",
            obj.get("description"),
            required=True,
            max_length=TEXT_MAX,
        ),
        "stated_by": stated_by,
        "source": parse_source(errors, f"{path}.source", source) if source is not None else None,
    }


def _own_field(errors: _Errors, spec: FieldSpec, value: Any) -> Any:
    name = spec.name
    missing = value is None or value == "" or value == []
    if missing and spec.kind not in ("actors",):
        if spec.required:
            errors.add(name, "This field is required.")
        return (
            []
            if spec.kind == "actors"
            else (None if spec.kind in ("date", "sequence", "changes") else "")
        )
    match spec.kind:
        case "text":
            return _text(errors, name, value, required=spec.required, max_length=spec.max_length)
        case "slug" | "actor":
            return _slug(errors, name, value)
        case "date":
            return _date(errors, name, value, required=spec.required)
        case "choice":
            if value not in spec.choices:
                errors.add(name, f"Must be one of: {', '.join(spec.choices)}.")
                return ""
            return value
        case "actors":
            if value is None:
                if spec.required:
                    errors.add(name, "This field is required (an empty list is allowed).")
                return []
            items = _list(errors, name, value)
            slugs = [_slug(errors, f"{name}[{i}]", v) for i, v in enumerate(items)]
            if len(set(slugs)) != len(slugs):
                errors.add(name, "An actor is listed twice.")
            return slugs
        case "sequence":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                errors.add(name, "Must be a positive integer (a sequence number).")
                return None
            return value
        case "changes":
            obj = _object(errors, name, value)
            if obj is not None and not obj:
                errors.add(name, "Name at least one field to change.")
            return obj
    raise AssertionError(spec.kind)  # pragma: no cover


def parse_body(event_type: str, body: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Validate an event body (without `type`) and return its typed values.

    With `partial`, only the keys present are checked and returned: that is how the
    `changes` of a correction are validated against the corrected event's type.
    """
    errors = _Errors()
    spec = SPECS.get(event_type)
    if spec is None:
        raise InvalidEvent({"type": [f"Unknown event type. One of: {', '.join(SPECS)}."]})
    if not isinstance(body, dict):
        raise InvalidEvent({"non_field_errors": ["The body must be a JSON object."]})
    allowed = spec.allowed_keys
    if partial:
        allowed = allowed - {"slug"}
    _unknown_keys(errors, "", body, allowed)

    values: dict[str, Any] = {}

    def present(key: str) -> bool:
        return not partial or key in body

    if present("occurred_on"):
        values["occurred_on"] = _date(
            errors,
            "occurred_on",
            body.get("occurred_on"),
            required=spec.occurred_on_required or partial,
        )
    if present("date_precision"):
        precision = body.get("date_precision") or "day"
        if precision not in DATE_PRECISIONS:
            errors.add("date_precision", f"Must be one of: {', '.join(DATE_PRECISIONS)}.")
        values["date_precision"] = precision
        occurred = values.get("occurred_on")
        if precision == "month" and occurred and occurred.day != 1:
            errors.add("occurred_on", "With month precision the day is sent as 01.")
    if present("sources"):
        values["sources"] = [
            parse_source(errors, f"sources[{i}]", s)
            for i, s in enumerate(_list(errors, "sources", body.get("sources")))
        ]
        if spec.changes_status and not values["sources"] and "sources" not in errors.by_field:
            errors.add("sources", "A status change needs at least one source.")
    if present("note"):
        values["note"] = _text(
            errors, "note", body.get("note"), required=False, max_length=NOTE_MAX
        )
    if spec.causes != "none" and present("causes"):
        values["causes"] = [
            parse_cause(errors, f"causes[{i}]", c)
            for i, c in enumerate(_list(errors, "causes", body.get("causes")))
        ]
        if spec.causes == "required" and not values["causes"] and "causes" not in errors.by_field:
            errors.add("causes", f"'{event_type}' needs at least one stated cause.")
    for fspec in spec.fields:
        if present(fspec.name):
            values[fspec.name] = _own_field(errors, fspec, body.get(fspec.name))

    if event_type == EventType.PROCESS_OPENED and not partial:
        if not values.get("slug") and values.get("name"):
            values["slug"] = slugify(values["name"])
            if not values["slug"]:
                errors.add("slug", "Could not derive a slug from the name: give one.")
        overlap = set(values.get("mediators") or ()) & set(values.get("parties") or ())
        if overlap:
            errors.add("parties", f"Listed as mediator and party: {', '.join(sorted(overlap))}.")
    errors.raise_if_any()
    if not partial:
        values.setdefault("date_precision", "day")
        values.setdefault("sources", [])
        values.setdefault("note", "")
        if spec.causes != "none":
            values.setdefault("causes", [])
    return values


def refuse_impossible(event_type: str, values: dict[str, Any], *, recorded_on: date) -> None:
    """Refuse what cannot have happened, for an event recorded (new) on `recorded_on`.

    These rules bind new commands only: `parse_body` also reads stored events back, and a
    stored event is never validated again by a rule newer than it, so they live here.
    """
    errors = _Errors()
    occurred_on = values.get("occurred_on")
    latest = recorded_on + FUTURE_TOLERANCE
    if isinstance(occurred_on, date) and occurred_on > latest:
        errors.add(
            "occurred_on",
            f"{occurred_on.isoformat()} is in the future (today is {recorded_on.isoformat()} "
            "UTC): record what has happened; announce planned talks with talks_scheduled.",
        )
    expected = values.get("expected_resumption_on")
    if (
        event_type == EventType.TALKS_PAUSED
        and isinstance(expected, date)
        and isinstance(occurred_on, date)
        and expected < occurred_on
    ):
        errors.add(
            "expected_resumption_on",
            f"{expected.isoformat()} is before the pause itself ({occurred_on.isoformat()}).",
        )
    errors.raise_if_any()


def check_as_new(event_type: str, values: dict[str, Any], *, recorded_on: date) -> None:
    """Every rule a new event of `event_type` with these (typed) values must pass: the body's
    own rules (required fields, precision, causes, sources) and the impossible facts."""
    parse_body(event_type, values)
    refuse_impossible(event_type, values, recorded_on=recorded_on)


def referenced_actors(values: dict[str, Any]) -> dict[str, str]:
    """Every actor slug a parsed body names, with the field that names it."""
    found: dict[str, str] = {}
    for key in ("mediators", "parties"):
        for i, slug in enumerate(values.get(key) or ()):
            found.setdefault(slug, f"{key}[{i}]")
    if values.get("actor"):
        found.setdefault(values["actor"], "actor")
    for i, cause in enumerate(values.get("causes") or ()):
        if cause and cause.get("stated_by"):
            found.setdefault(cause["stated_by"], f"causes[{i}].stated_by")
    return found
