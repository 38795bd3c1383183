"""Refusals. Each carries what a caller needs to explain it: no refusal stores anything."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from .vocabulary import gettext_noop


class Words(str):
    """A refusal's message: the English text, keeping its template and values so that an
    entry point can say it again in its reader's language (gettext of `template`, then the
    values: `negotiations.presentation.refusals.say_again`). The template is a literal
    marked with `vocabulary.gettext_noop` where it is written, for the catalogues."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, **values: Any) -> Words:
        said = super().__new__(cls, template % values)
        said.template, said.values = template, values
        return said


class Day(str):
    """A day in a refusal, or a month with precision "month": '15 October 2016' or 'October
    2016' in English; an entry point says it again in its reader's language and calendar
    words (`presentation.refusals.say_again`)."""

    day: date
    precision: str

    def __new__(cls, day: date, precision: str = "day") -> Day:
        month = day.strftime("%B %Y")
        said = super().__new__(cls, month if precision == "month" else f"{day.day} {month}")
        said.day, said.precision = day, precision
        return said


class DomainError(Exception):
    """Base of every refusal the domain or the application raises."""

    code = "invalid"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "detail": self.detail}


class InvalidEvent(DomainError):
    """The body of a command is malformed: field name to messages."""

    code = "invalid"

    def __init__(self, errors: dict[str, list[str]], detail: str | None = None) -> None:
        self.errors = errors
        if detail is None:
            first = next(iter(errors.items()))
            detail = f"{first[0]}: {first[1][0]}" if len(errors) == 1 else "The event is invalid."
        super().__init__(detail)

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "errors": self.errors}


class ProcessNotFound(DomainError):
    code = "not_found"


def describe_first(error: InvalidEvent) -> str:
    field_name, messages = next(iter(error.errors.items()))
    return Words(gettext_noop("%(field)s: %(message)s"), field=field_name, message=messages[0])


# A refusal of the history an amendment would leave: its detail, the refusal's own after it.
AFTER_AMENDMENT = gettext_noop("After this amendment the history would be invalid: %(why)s")


def explain_after_amendment(error: DomainError) -> DomainError:
    error.detail = Words(AFTER_AMENDMENT, why=error.detail)
    return error


def refused(field: str, template: str, **values: Any) -> InvalidEvent:
    """A refusal of one field, its message a `Words` of `template` (marked with
    `gettext_noop` where it is written) and `values`."""
    return InvalidEvent({field: [Words(template, **values)]})


UNKNOWN_ACTOR = gettext_noop("Unknown actor '%(slug)s'.")


def unknown_actors(fields: dict[str, str]) -> InvalidEvent:
    """A refusal of actors the registry does not hold, each by the field that names it (field
    -> slug), in words an entry point says again in its reader's language."""
    return InvalidEvent(
        {field: [Words(UNKNOWN_ACTOR, slug=slug)] for field, slug in fields.items()}
    )


class DuplicateProcess(InvalidEvent):
    def __init__(self, slug: str) -> None:
        taken = gettext_noop("A process with the slug '%(slug)s' already exists.")
        super().__init__({"slug": [Words(taken, slug=slug)]})
        self.slug = slug


class VersionConflict(DomainError):
    code = "version_conflict"

    def __init__(self, expected_version: int, current_version: int) -> None:
        why = (
            "no such version was ever reached"  # a client's own mistake, not a race
            if expected_version > current_version
            else "someone recorded an event meanwhile"
        )
        super().__init__(
            f"The process is at version {current_version}, not {expected_version}: {why}. "
            "Reload and try again."
        )
        self.expected_version = expected_version
        self.current_version = current_version

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "current_version": self.current_version}


class WriteContended(DomainError):
    """A write with no expected version that lost every race to record after the others:
    nothing was recorded. It was told as a `version_conflict` about a version no one had
    sent (an operator's outside test: 2 of 800 writes, four threads on one process)."""

    code = "contended"

    def __init__(self) -> None:
        super().__init__(
            gettext_noop(
                "Too many writes to this process at once: nothing was recorded. Send it "
                "again; with the same Idempotency-Key it is never recorded twice."
            )
        )


class InvalidTransition(DomainError):
    code = "invalid_transition"

    def __init__(self, status: str, event_type: str, allowed: list[str]) -> None:
        allowed_text = ", ".join(allowed) if allowed else "none"
        super().__init__(
            f"Talks that are {status} cannot take '{event_type}'. Allowed now: {allowed_text}."
        )
        self.status = status
        self.event_type = event_type
        self.allowed = allowed

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "status": self.status, "allowed": self.allowed}


class OutOfOrder(DomainError):
    code = "out_of_order"

    def __init__(self, occurred_on: date, not_before: date, precision: str = "day") -> None:
        latest = (
            f"in {not_before.strftime('%B %Y')}" if precision == "month" else f"on {not_before}"
        )
        super().__init__(
            f"A status change on {occurred_on.isoformat()} would precede the latest one, "
            f"{latest}. Status changes are recorded in world order: "
            "correct the earlier event instead."
        )
        self.occurred_on = occurred_on
        self.not_before = not_before
        self.not_before_precision = precision

    def as_dict(self) -> dict[str, Any]:
        return {
            **super().as_dict(),
            "not_before": self.not_before.isoformat(),
            "not_before_precision": self.not_before_precision,
        }


class IdempotencyConflict(DomainError):
    code = "idempotency_conflict"

    def __init__(self, key: str) -> None:
        super().__init__(
            f"The idempotency key '{key}' was already used for a different request (another "
            "body, or another expected_version or If-Match)."
        )
        self.key = key


def describe_refusal(error: DomainError, say: Callable[[str], str] = str) -> str:
    """A refusal in plain words, every field named; `say` says each message (in English
    unless an entry point passes its reader's language)."""
    if isinstance(error, InvalidEvent):
        return (
            "; ".join(
                f"{k}: {' '.join(say(m).rstrip('.') for m in v)}" for k, v in error.errors.items()
            )
            + "."
        )
    return error.detail
